// Characters for the Regexp engine: UTF-8, case, built-in and bracket classes.
#include <string>
#include <utility>

#include "regexp/program.h"

namespace kiln::regexp {

uint32_t decode(const uint8_t* s, size_t n, size_t pos, size_t* len) {
  uint8_t b = s[pos];
  if (b < 0x80) return *len = 1, b;
  size_t need = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xC2 && b <= 0xDF ? 1 : 0;
  if (need == 0 || pos + need >= n) return *len = 1, b;
  uint32_t cp = b & (0x3F >> need);
  for (size_t i = 1; i <= need; ++i) {
    if (!is_cont(s[pos + i])) return *len = 1, b;
    cp = (cp << 6) | (s[pos + i] & 0x3F);
  }
  *len = need + 1;
  return cp;
}

void encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The other case of a letter (ASCII, Latin-1, Latin Extended-A, Greek,
// Cyrillic), or c itself: enough for /i on European text without tables.
uint32_t swap_case(uint32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 'a' && c <= 'z') return c - 32;
    return c;
  }
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c ^ 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c - 1;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 0x20;
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  return c;
}

namespace {

bool ascii_space(uint32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// No Unicode tables: a non-ASCII letter is approximated as a code point
// outside the Latin-1 symbols, general punctuation/symbol blocks, CJK
// punctuation, specials and emoji.
bool uni_alpha(uint32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xD800 && c <= 0xF8FF) return false;
  if (c >= 0xFE00 && c <= 0xFE6F) return false;
  if ((c >= 0xFF00 && c <= 0xFF20) || (c >= 0xFFF0 && c <= 0xFFFF)) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;
  return true;
}
bool uni_space(uint32_t c) {
  return ascii_space(c) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool uni_upper(uint32_t c) { return c != 0xFF && (c == 0x178 || swap_case(c) > c); }
bool uni_lower(uint32_t c) { return c == 0xDF || c == 0xFF || (c != 0x178 && swap_case(c) < c); }

}  // namespace

bool builtin(int b, uint32_t c) {
  switch (b) {
    case kDigit: case kPDigit: return c >= '0' && c <= '9';
    case kWord: return ascii_word(c);
    case kSpace: return ascii_space(c);
    case kHex: return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f');
    case kAlpha: return uni_alpha(c);
    case kAlnum: return uni_alpha(c) || (c >= '0' && c <= '9');
    case kUpper: return uni_upper(c);
    case kLower: return uni_lower(c);
    case kPunct: return (c > 32 && c < 127 && !ascii_word(c)) || c == '_' ||
                        (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3003) ||
                        c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB || c == 0xBF;
    case kCntrl: return c < 32 || c == 127 || (c >= 0x80 && c < 0xA0);
    case kGraph: return c > 32 && c != 127 && !(c >= 0x80 && c < 0xA1) && !uni_space(c);
    case kPrint: return (c >= 32 && c != 127 && !(c >= 0x80 && c < 0xA0));
    case kBlank: return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
                        c == 0x202F || c == 0x205F || c == 0x3000;
    case kPSpace: return uni_space(c);
    case kPWord: return uni_alpha(c) || (c >= '0' && c <= '9') || c == '_';
    case kAscii: return c < 128;
  }
  return false;
}

int builtin_named(std::string name) {
  for (char& ch : name) ch = static_cast<char>(fold(static_cast<uint8_t>(ch)));
  static const std::pair<const char*, int> table[] = {
      {"alpha", kAlpha}, {"digit", kPDigit}, {"alnum", kAlnum}, {"upper", kUpper}, {"lower", kLower},
      {"punct", kPunct}, {"cntrl", kCntrl}, {"graph", kGraph}, {"print", kPrint}, {"blank", kBlank},
      {"space", kPSpace}, {"word", kPWord}, {"ascii", kAscii}, {"xdigit", kHex}, {"l", kAlpha},
      {"letter", kAlpha}, {"n", kPDigit}, {"nd", kPDigit}, {"p", kPunct}};
  for (auto& [n, b] : table) if (name == n) return b;
  return -1;
}

int add_class(Program& p, CharClass k) {
  p.classes.push_back(std::move(k));
  int idx = static_cast<int>(p.classes.size() - 1);
  CharClass& done = p.classes[static_cast<size_t>(idx)];
  for (uint32_t c = 0; c < 128; ++c) done.ascii[c] = class_matches_slow(p, done, c);
  return idx;
}

namespace {

bool class_core(const Program& p, const CharClass& k, uint32_t c) {
  for (auto& [lo, hi] : k.ranges) if (c >= lo && c <= hi) return true;
  for (int b : k.builtins) if (builtin(b, c)) return true;
  for (int b : k.not_builtins) if (!builtin(b, c)) return true;
  for (int u : k.unions) if (class_matches_slow(p, p.classes[u], c)) return true;
  return false;
}

}  // namespace

bool class_matches_slow(const Program& p, const CharClass& k, uint32_t c) {
  bool in = class_core(p, k, c) || (k.icase && swap_case(c) != c && class_core(p, k, swap_case(c)));
  if (in) {
    for (int i : k.intersects) {
      if (!class_matches_slow(p, p.classes[i], c)) {
        in = false;
        break;
      }
    }
  }
  return in != k.negate;
}

}  // namespace kiln::regexp
