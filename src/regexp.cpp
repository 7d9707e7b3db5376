// The Regexp engine: pattern -> syntax tree -> instructions -> backtracking VM.
// See regexp.h for the contract and README.md ("Regexp") for the syntax.
#include "regexp.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace kiln::regexp {

namespace {

constexpr int kMaxDepth = 250;           // group nesting while parsing
constexpr int kMaxRepeat = 100000;       // {n,m} bounds, as Onigmo
constexpr size_t kMaxProgram = 1 << 18;  // instructions after expanding {n,m}
constexpr size_t kMaxStack = 2 << 20;    // backtrack frames (12 bytes each)

// ---- characters -------------------------------------------------------------

bool is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }

// Decodes one UTF-8 character; an invalid byte is a character of its own.
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

bool ascii_word(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool ascii_space(uint32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
uint32_t fold(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
uint32_t swap_case(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 'a' && c <= 'z') return c - 32;
  return c;
}

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
bool uni_upper(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }
bool uni_lower(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7); }

// Built-in classes: \d \w \s \h are ASCII (as in Ruby), POSIX brackets and
// \p{...} are Unicode (approximated, see uni_alpha).
enum Builtin {
  kDigit, kWord, kSpace, kHex,
  kAlpha, kAlnum, kUpper, kLower, kPunct, kCntrl, kGraph, kPrint, kBlank, kPSpace, kPWord, kAscii, kPDigit,
  kBuiltinCount
};

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

struct CharClass {
  bool negate = false;
  bool icase = false;
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  std::vector<int> builtins, not_builtins;
  std::vector<int> unions;      // nested [...] classes
  std::vector<int> intersects;  // right-hand sides of &&
  bool ascii[128] = {};         // precomputed answer for ASCII
};

struct Node {
  enum Kind : uint8_t { Empty, Lit, Any, Cls, Cat, Alt, Group, Repeat, Assert, Backref, Look, Atomic } kind = Empty;
  std::string lit;
  bool icase = false, dotall = false;
  int cls = -1, group = -1;
  int min = 0, max = -1;  // Repeat; max -1 is unbounded
  bool greedy = true, possessive = false;
  int assertion = 0;
  std::vector<int> refs;  // Backref: candidate group numbers
  bool behind = false, negate = false;
  std::vector<int> kids;
};

enum Assertion { kBol, kEol, kBos, kEos, kEosNl, kWordB, kNotWordB, kSearchStart };

enum Op : uint8_t {
  kByte, kByteI, kAny, kAnyNl, kClass, kSplit, kJmp, kSave, kAssert, kBackref, kAtomicBegin, kAtomicEnd,
  kLookBegin, kLookEnd, kNullBegin, kNullEnd, kMatch
};

struct Inst {
  Op op;
  int32_t x = 0, y = 0, z = 0;
};

}  // namespace

struct Program {
  std::vector<Inst> code;
  std::vector<CharClass> classes;
  std::vector<std::vector<int>> backrefs;
  std::vector<std::pair<std::string, std::vector<int>>> names;
  int groups = 0;
  int registers = 0;
  int first_byte = -1;       // every match starts with this byte (search skips ahead)
  bool anchored_bos = false;  // starts with \A: only position 0 can match
};

namespace {

bool class_matches_slow(const Program& p, const CharClass& k, uint32_t c);

bool class_core(const Program& p, const CharClass& k, uint32_t c) {
  for (auto& [lo, hi] : k.ranges) if (c >= lo && c <= hi) return true;
  for (int b : k.builtins) if (builtin(b, c)) return true;
  for (int b : k.not_builtins) if (!builtin(b, c)) return true;
  for (int u : k.unions) if (class_matches_slow(p, p.classes[u], c)) return true;
  return false;
}

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

bool class_matches(const Program& p, const CharClass& k, uint32_t c) {
  return c < 128 ? k.ascii[c] : class_matches_slow(p, k, c);
}

// ---- parser -------------------------------------------------------------------

class Parser {
 public:
  Parser(std::string_view src, int options, Program& prog) : s_(src), prog_(prog) {
    icase_ = options & kIgnoreCase;
    extended_ = options & kExtended;
    dotall_ = options & kMultiline;
    named_ = has_named_groups();
  }

  std::vector<Node> nodes;

  int parse() {
    int root = parse_alt(0);
    if (i_ < s_.size()) fail("unmatched close parenthesis");
    for (auto& refs : pending_refs_) {
      for (int g : refs) if (g > prog_.groups) fail("invalid backref number/name");
    }
    return root;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  Program& prog_;
  bool icase_, extended_, dotall_, named_;
  std::vector<std::vector<int>> pending_refs_;

  [[noreturn]] void fail(const char* why) { throw SyntaxError(why); }
  bool eof() const { return i_ >= s_.size(); }
  char peek(size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  bool at(const char* lit) const { return s_.substr(i_, std::strlen(lit)) == lit; }

  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size() - 1);
  }

  // When a pattern names a group, plain (...) does not capture (Onigmo).
  bool has_named_groups() const {
    for (size_t i = 0; i + 3 < s_.size(); ++i) {
      if (s_[i] == '\\') {
        ++i;
        continue;
      }
      if (s_[i] == '(' && s_[i + 1] == '?' &&
          ((s_[i + 2] == '<' && s_[i + 3] != '=' && s_[i + 3] != '!') || s_[i + 2] == '\''))
        return true;
    }
    return false;
  }

  void skip_extended() {
    while (extended_ && !eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '#') {
        while (!eof() && peek() != '\n') ++i_;
      } else {
        break;
      }
    }
  }

  int parse_alt(int depth) {
    if (depth > kMaxDepth) fail("too deep nesting");
    std::vector<int> alts{parse_seq(depth)};
    while (peek() == '|' && !eof()) {
      ++i_;
      alts.push_back(parse_seq(depth));
    }
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::Alt;
    n.kids = std::move(alts);
    return add(std::move(n));
  }

  int parse_seq(int depth) {
    Node cat;
    cat.kind = Node::Cat;
    for (;;) {
      skip_extended();
      if (eof() || peek() == '|' || peek() == ')') break;
      // (?imx-imx) changes the options up to the end of the enclosing group,
      // alternatives included: the rest is parsed as its own alternation.
      if (at("(?")) {
        size_t save = i_;
        i_ += 2;
        bool ic = icase_, ex = extended_, da = dotall_;
        if (parse_option_letters() && peek() == ')') {
          ++i_;
          cat.kids.push_back(parse_alt(depth + 1));
          icase_ = ic, extended_ = ex, dotall_ = da;
          break;
        }
        icase_ = ic, extended_ = ex, dotall_ = da;
        i_ = save;
      }
      int atom = parse_quantified(depth);
      cat.kids.push_back(atom);
    }
    if (cat.kids.size() == 1) return cat.kids[0];
    return add(std::move(cat));
  }

  // Reads [imx]*(-[imx]*)? and applies it; false when that is not what follows.
  bool parse_option_letters() {
    size_t start = i_;
    bool on = true;
    while (!eof()) {
      char c = peek();
      if (c == 'i') icase_ = on;
      else if (c == 'm') dotall_ = on;
      else if (c == 'x') extended_ = on;
      else if (c == '-' && on) on = false;
      else break;
      ++i_;
    }
    return i_ > start && (peek() == ')' || peek() == ':');
  }

  bool parse_int(int* out) {
    size_t start = i_;
    long v = 0;
    while (!eof() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (peek() - '0');
      if (v > kMaxRepeat) fail("too big number for repeat range");
      ++i_;
    }
    *out = static_cast<int>(v);
    return i_ > start;
  }

  // {n} {n,} {,m} {n,m}; anything else leaves i_ alone and is literal text.
  bool parse_interval(int* min, int* max) {
    size_t save = i_;
    ++i_;
    bool has_min = parse_int(min);
    if (!has_min) *min = 0;
    if (peek() == '}') {
      if (!has_min) return i_ = save, false;
      ++i_;
      *max = *min;
      return true;
    }
    if (peek() != ',') return i_ = save, false;
    ++i_;
    bool has_max = parse_int(max);
    if (peek() != '}' || (!has_min && !has_max)) return i_ = save, false;
    ++i_;
    if (!has_max) *max = -1;
    if (*max != -1 && *max < *min) fail("upper bound must be greater than lower bound");
    return true;
  }

  int parse_quantified(int depth) {
    int atom = parse_atom(depth);
    for (;;) {
      skip_extended();
      char c = peek();
      int min, max;
      bool interval = false;
      if (eof()) break;
      if (c == '*') min = 0, max = -1, ++i_;
      else if (c == '+') min = 1, max = -1, ++i_;
      else if (c == '?') min = 0, max = 1, ++i_;
      else if (c == '{' && parse_interval(&min, &max)) interval = true;
      else break;
      Node r;
      r.kind = Node::Repeat;
      r.min = min;
      r.max = max;
      if (peek() == '?') {
        r.greedy = false;
        ++i_;
      } else if (peek() == '+' && !interval) {  // {n,m}+ is a repeat of a repeat in Ruby
        r.possessive = true;
        ++i_;
      }
      r.kids = {atom};
      atom = add(std::move(r));
    }
    return atom;
  }

  int lit(const std::string& bytes) {
    Node n;
    n.kind = Node::Lit;
    n.lit = bytes;
    n.icase = icase_;
    return add(std::move(n));
  }

  int utf8_char_lit() {
    size_t len;
    decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
    std::string bytes(s_.substr(i_, len));
    i_ += len;
    return lit(bytes);
  }

  int class_of(int b, bool negated) {
    CharClass k;
    (negated ? k.not_builtins : k.builtins).push_back(b);
    return finish_class(std::move(k));
  }

  int cls_node(int cls) {
    Node n;
    n.kind = Node::Cls;
    n.cls = cls;
    return add(std::move(n));
  }

  int assertion(int kind) {
    Node n;
    n.kind = Node::Assert;
    n.assertion = kind;
    return add(std::move(n));
  }

  int parse_atom(int depth) {
    char c = peek();
    switch (c) {
      case '(': return parse_group(depth);
      case '[': {
        ++i_;
        return cls_node(parse_class(depth));
      }
      case '.': {
        ++i_;
        Node n;
        n.kind = Node::Any;
        n.dotall = dotall_;
        return add(std::move(n));
      }
      case '^': ++i_; return assertion(kBol);
      case '$': ++i_; return assertion(kEol);
      case '*': case '+': case '?': fail("target of repeat operator is not specified");
      case '\\': return parse_escape();
      default: return utf8_char_lit();
    }
  }

  std::string read_name(char close) {
    size_t start = i_;
    while (!eof() && peek() != close) ++i_;
    if (eof() || i_ == start) fail("invalid group name");
    std::string name(s_.substr(start, i_ - start));
    ++i_;
    return name;
  }

  int group_body(int depth, Node n) {
    bool ic = icase_, ex = extended_, da = dotall_;
    int body = parse_alt(depth + 1);
    icase_ = ic, extended_ = ex, dotall_ = da;
    if (peek() != ')' || eof()) fail("end pattern with unmatched parenthesis");
    ++i_;
    n.kids = {body};
    return add(std::move(n));
  }

  int parse_group(int depth) {
    ++i_;  // (
    Node n;
    n.kind = Node::Group;
    if (peek() != '?') {
      if (!named_) n.group = ++prog_.groups;
      return group_body(depth, std::move(n));
    }
    ++i_;
    char c = peek();
    if (c == ':') {
      ++i_;
      return group_body(depth, std::move(n));
    }
    if (c == '#') {
      while (!eof() && peek() != ')') ++i_;
      if (eof()) fail("end pattern in group");
      ++i_;
      Node e;
      return add(e);
    }
    if (c == '>') {
      ++i_;
      n.kind = Node::Atomic;
      return group_body(depth, std::move(n));
    }
    if (c == '=' || c == '!' || (c == '<' && (peek(1) == '=' || peek(1) == '!'))) {
      n.kind = Node::Look;
      n.behind = c == '<';
      if (n.behind) ++i_;
      n.negate = peek() == '!';
      ++i_;
      int look = group_body(depth, std::move(n));
      return n.behind ? fix_lookbehind(look) : look;
    }
    if (c == '<' || c == '\'') {
      ++i_;
      std::string name = read_name(c == '<' ? '>' : '\'');
      n.group = ++prog_.groups;
      bool found = false;
      for (auto& [nm, gs] : prog_.names) {
        if (nm == name) {
          gs.push_back(n.group);
          found = true;
        }
      }
      if (!found) prog_.names.push_back({name, {n.group}});
      return group_body(depth, std::move(n));
    }
    // (?imx-imx:subexp)
    bool ic = icase_, ex = extended_, da = dotall_;
    if (parse_option_letters() && peek() == ':') {
      ++i_;
      int g = group_body(depth, std::move(n));
      icase_ = ic, extended_ = ex, dotall_ = da;
      return g;
    }
    fail("undefined group option");
  }

  // ---- escapes ----

  uint32_t hex_digits(size_t max_digits, size_t min_digits) {
    uint32_t v = 0;
    size_t k = 0;
    while (k < max_digits && !eof() && std::isxdigit(static_cast<unsigned char>(peek()))) {
      char h = peek();
      v = v * 16 + (h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
      ++i_, ++k;
    }
    if (k < min_digits) fail("invalid Unicode escape");
    return v;
  }

  // Escapes that stand for one code point or byte; false when `c` is not one.
  // `raw` is set for \xHH (a byte, not a code point).
  bool char_escape(char c, uint32_t* cp, bool* raw) {
    *raw = false;
    switch (c) {
      case 't': *cp = '\t'; return true;
      case 'n': *cp = '\n'; return true;
      case 'r': *cp = '\r'; return true;
      case 'f': *cp = '\f'; return true;
      case 'v': *cp = '\v'; return true;
      case 'a': *cp = 7; return true;
      case 'e': *cp = 27; return true;
      case 'x': {
        if (peek() == '{') {
          ++i_;
          *cp = hex_digits(8, 1);
          if (peek() != '}') fail("invalid code point value");
          ++i_;
          return true;
        }
        if (eof() || !std::isxdigit(static_cast<unsigned char>(peek()))) fail("invalid hex escape");
        *cp = hex_digits(2, 1);
        *raw = *cp >= 0x80;
        return true;
      }
      case 'u': {
        if (peek() == '{') {
          ++i_;
          *cp = hex_digits(6, 1);
          if (peek() != '}') fail("invalid Unicode list");
          ++i_;
        } else {
          *cp = hex_digits(4, 4);
        }
        if (*cp > 0x10FFFF) fail("invalid Unicode range");
        return true;
      }
      case '0': {
        uint32_t v = 0;
        for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k, ++i_) v = v * 8 + (peek() - '0');
        *cp = v;
        return true;
      }
      case 'c': {
        if (eof()) fail("end pattern at control");
        *cp = static_cast<uint8_t>(peek()) & 0x1F;
        ++i_;
        return true;
      }
      default: return false;
    }
  }

  int class_escape_builtin(char c, bool* negated) {
    *negated = c >= 'A' && c <= 'Z';
    switch (c | 32) {
      case 'd': return kDigit;
      case 'w': return kWord;
      case 's': return kSpace;
      case 'h': return kHex;
      default: return -1;
    }
  }

  // \p{Name} \p{^Name} \P{Name}
  int property(char c, bool* negated) {
    *negated = c == 'P';
    if (peek() != '{') fail("invalid character property name {");
    ++i_;
    if (peek() == '^') {
      *negated = !*negated;
      ++i_;
    }
    std::string name = read_name('}');
    int b = builtin_named(name);
    if (b < 0) fail("invalid character property name");
    return b;
  }

  int backref(std::vector<int> refs) {
    Node n;
    n.kind = Node::Backref;
    n.refs = refs;
    n.icase = icase_;
    pending_refs_.push_back(std::move(refs));
    return add(std::move(n));
  }

  int parse_escape() {
    ++i_;
    if (eof()) fail("too short escape sequence");
    char c = peek();
    ++i_;
    switch (c) {
      case 'A': return assertion(kBos);
      case 'z': return assertion(kEos);
      case 'Z': return assertion(kEosNl);
      case 'b': return assertion(kWordB);
      case 'B': return assertion(kNotWordB);
      case 'G': return assertion(kSearchStart);
      case 'p': case 'P': {
        bool neg;
        int b = property(c, &neg);
        return cls_node(class_of(b, neg));
      }
      case 'k': {
        char open = peek();
        if (open != '<' && open != '\'') fail("invalid backref number/name");
        ++i_;
        std::string name = read_name(open == '<' ? '>' : '\'');
        if (std::isdigit(static_cast<unsigned char>(name[0]))) {
          int g = 0;
          for (char d : name) {
            if (!std::isdigit(static_cast<unsigned char>(d))) fail("invalid backref number/name");
            g = g * 10 + (d - '0');
            if (g > kMaxRepeat) fail("invalid backref number/name");
          }
          return backref({g});
        }
        for (auto& [nm, gs] : prog_.names) if (nm == name) return backref(gs);
        fail("undefined name reference");
      }
      default: break;
    }
    if (c >= '1' && c <= '9') {
      int g = c - '0';
      while (!eof() && std::isdigit(static_cast<unsigned char>(peek())) && g * 10 + (peek() - '0') <= prog_.groups) {
        g = g * 10 + (peek() - '0');
        ++i_;
      }
      return backref({g});
    }
    bool neg;
    int b = class_escape_builtin(c, &neg);
    if (b >= 0) return cls_node(class_of(b, neg));
    uint32_t cp;
    bool raw;
    if (char_escape(c, &cp, &raw)) {
      std::string bytes;
      if (raw) bytes += static_cast<char>(cp); else encode(cp, bytes);
      return lit(bytes);
    }
    --i_;  // any other escaped character is itself (\. \/ \\ \( ...)
    return utf8_char_lit();
  }

  // ---- character classes ----

  int finish_class(CharClass k) {
    k.icase = icase_;
    prog_.classes.push_back(std::move(k));
    int idx = static_cast<int>(prog_.classes.size() - 1);
    CharClass& done = prog_.classes[idx];
    for (uint32_t c = 0; c < 128; ++c) done.ascii[c] = class_matches_slow(prog_, done, c);
    return idx;
  }

  // One class member: a code point (returns true) or a built-in class.
  bool class_atom(uint32_t* cp, int* b, bool* neg) {
    if (peek() != '\\') {
      size_t len;
      *cp = decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
      i_ += len;
      return true;
    }
    ++i_;
    if (eof()) fail("premature end of char-class");
    char c = peek();
    ++i_;
    if (c == 'p' || c == 'P') {
      *b = property(c, neg);
      return false;
    }
    *b = class_escape_builtin(c, neg);
    if (*b >= 0) return false;
    bool raw;
    if (char_escape(c, cp, &raw)) return true;
    if (c == 'b') return *cp = '\b', true;
    --i_;
    size_t len;
    *cp = decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
    i_ += len;
    return true;
  }

  // After '['; consumes through the closing ']'.
  int parse_class(int depth) {
    if (depth > kMaxDepth) fail("too deep nesting");
    CharClass k;
    if (peek() == '^') {
      k.negate = true;
      ++i_;
    }
    bool first = true;
    for (;;) {
      if (eof()) fail("premature end of char-class");
      char c = peek();
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[' && peek(1) == ':') {
        size_t close = s_.find(":]", i_ + 2);
        if (close != std::string_view::npos) {
          std::string name(s_.substr(i_ + 2, close - i_ - 2));
          bool neg = !name.empty() && name[0] == '^';
          if (neg) name.erase(0, 1);
          int b = builtin_named(name);
          bool plain = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
          if (plain) {
            if (b < 0 || name == "l" || name == "n" || name == "p" || name == "nd" || name == "letter")
              fail("invalid POSIX bracket type");
            (neg ? k.not_builtins : k.builtins).push_back(b);
            i_ = close + 2;
            continue;
          }
        }
      }
      if (c == '[') {
        ++i_;
        k.unions.push_back(parse_class(depth + 1));
        continue;
      }
      if (c == '&' && peek(1) == '&') {
        i_ += 2;
        // The rest of this class is the right-hand side; it consumes the ']'.
        int rhs = parse_class(depth + 1);
        CharClass left = std::move(k);
        bool negate = left.negate;
        left.negate = false;
        int left_idx = finish_class(std::move(left));
        CharClass both;
        both.negate = negate;
        both.unions.push_back(left_idx);
        both.intersects.push_back(rhs);
        return finish_class(std::move(both));
      }
      uint32_t lo;
      int b;
      bool neg;
      if (!class_atom(&lo, &b, &neg)) {
        (neg ? k.not_builtins : k.builtins).push_back(b);
        continue;
      }
      if (peek() == '-' && peek(1) != ']' && i_ + 1 < s_.size()) {
        ++i_;
        uint32_t hi;
        if (!class_atom(&hi, &b, &neg)) fail("char-class value at end of range");
        if (hi < lo) fail("empty range in char class");
        k.ranges.push_back({lo, hi});
      } else {
        k.ranges.push_back({lo, lo});
      }
    }
    return finish_class(std::move(k));
  }

  // (?<=a|bc): a look-behind of alternatives of different lengths becomes one
  // look-behind per alternative.
  int fix_lookbehind(int look) {
    Node& n = nodes[look];
    int body = n.kids[0];
    if (fixed_length(body) >= 0) return look;
    if (nodes[body].kind != Node::Alt) fail("invalid pattern in look-behind");
    bool negate = n.negate;
    std::vector<int> alts = nodes[body].kids;
    Node combo;
    combo.kind = negate ? Node::Cat : Node::Alt;
    for (int a : alts) {
      if (fixed_length(a) < 0) fail("invalid pattern in look-behind");
      Node one;
      one.kind = Node::Look;
      one.behind = true;
      one.negate = negate;
      one.kids = {a};
      combo.kids.push_back(add(std::move(one)));
    }
    return add(std::move(combo));
  }

 public:
  // Length in characters when fixed, else -1.
  int fixed_length(int id) const {
    const Node& n = nodes[id];
    switch (n.kind) {
      case Node::Empty: case Node::Assert: case Node::Look: return 0;
      case Node::Lit: {
        int count = 0;
        for (unsigned char ch : n.lit) count += !is_cont(ch);
        return count;
      }
      case Node::Any: case Node::Cls: return 1;
      case Node::Cat: {
        int sum = 0;
        for (int k : n.kids) {
          int l = fixed_length(k);
          if (l < 0) return -1;
          sum += l;
        }
        return sum;
      }
      case Node::Alt: {
        int len = fixed_length(n.kids[0]);
        for (int k : n.kids) if (fixed_length(k) != len) return -1;
        return len;
      }
      case Node::Group: case Node::Atomic: return fixed_length(n.kids[0]);
      case Node::Repeat: {
        if (n.min != n.max) return -1;
        int l = fixed_length(n.kids[0]);
        return l < 0 ? -1 : l * n.min;
      }
      case Node::Backref: return -1;
    }
    return -1;
  }

  bool nullable(int id) const {
    const Node& n = nodes[id];
    switch (n.kind) {
      case Node::Lit: return n.lit.empty();
      case Node::Any: case Node::Cls: return false;
      case Node::Cat:
        for (int k : n.kids) if (!nullable(k)) return false;
        return true;
      case Node::Alt:
        for (int k : n.kids) if (nullable(k)) return true;
        return false;
      case Node::Group: case Node::Atomic: return nullable(n.kids[0]);
      case Node::Repeat: return n.min == 0 || nullable(n.kids[0]);
      default: return true;
    }
  }
};

// ---- code generation ------------------------------------------------------------

class Compiler {
 public:
  Compiler(const Parser& parser, Program& prog) : p_(parser), prog_(prog) {}

  void emit_node(int id) {
    const Node& n = p_.nodes[id];
    switch (n.kind) {
      case Node::Empty: break;
      case Node::Lit:
        for (unsigned char ch : n.lit) {
          bool letter = (ch | 32) >= 'a' && (ch | 32) <= 'z';
          emit(n.icase && letter ? kByteI : kByte, n.icase && letter ? fold(ch) : ch);
        }
        break;
      case Node::Any: emit(n.dotall ? kAnyNl : kAny); break;
      case Node::Cls: emit(kClass, n.cls); break;
      case Node::Cat:
        for (int k : n.kids) emit_node(k);
        break;
      case Node::Alt: {
        std::vector<size_t> to_end;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            size_t split = emit(kSplit);
            code()[split].x = here();
            emit_node(n.kids[k]);
            to_end.push_back(emit(kJmp));
            code()[split].y = here();
          } else {
            emit_node(n.kids[k]);
          }
        }
        for (size_t j : to_end) code()[j].x = here();
        break;
      }
      case Node::Group:
        if (n.group >= 0) emit(kSave, 2 * n.group);
        emit_node(n.kids[0]);
        if (n.group >= 0) emit(kSave, 2 * n.group + 1);
        break;
      case Node::Repeat: {
        if (n.possessive) emit(kAtomicBegin);
        for (int k = 0; k < n.min; ++k) emit_node(n.kids[0]);
        if (n.max < 0) {
          bool guard = p_.nullable(n.kids[0]);
          int reg = guard ? prog_.registers++ : -1;
          size_t loop = emit(kSplit);
          size_t body = here();
          if (guard) emit(kNullBegin, reg);
          emit_node(n.kids[0]);
          size_t check = guard ? emit(kNullEnd, reg) : 0;
          emit(kJmp, static_cast<int32_t>(loop));
          size_t out = here();
          set_split(loop, body, out, n.greedy);
          if (guard) code()[check].y = static_cast<int32_t>(out);
        } else {
          std::vector<size_t> splits;
          for (int k = n.min; k < n.max; ++k) {
            splits.push_back(emit(kSplit));
            emit_node(n.kids[0]);
          }
          size_t out = here();
          for (size_t sp : splits) set_split(sp, sp + 1, out, n.greedy);
        }
        if (n.possessive) emit(kAtomicEnd);
        break;
      }
      case Node::Assert: emit(kAssert, n.assertion); break;
      case Node::Backref:
        prog_.backrefs.push_back(n.refs);
        emit(kBackref, static_cast<int32_t>(prog_.backrefs.size() - 1));
        code().back().y = n.icase;
        break;
      case Node::Look: {
        size_t begin = emit(kLookBegin, (n.behind ? 2 : 0) | (n.negate ? 1 : 0));
        if (n.behind) code()[begin].z = p_.fixed_length(n.kids[0]);
        emit_node(n.kids[0]);
        emit(kLookEnd);
        code()[begin].y = here();
        break;
      }
      case Node::Atomic:
        emit(kAtomicBegin);
        emit_node(n.kids[0]);
        emit(kAtomicEnd);
        break;
    }
  }

  size_t emit(Op op, int32_t x = 0) {
    if (code().size() >= kMaxProgram) throw SyntaxError("too big pattern (repeat counts too large)");
    code().push_back(Inst{op, x, 0, 0});
    return code().size() - 1;
  }

 private:
  const Parser& p_;
  Program& prog_;
  std::vector<Inst>& code() { return prog_.code; }
  int32_t here() const { return static_cast<int32_t>(prog_.code.size()); }
  void set_split(size_t at, size_t body, size_t out, bool greedy) {
    code()[at].x = static_cast<int32_t>(greedy ? body : out);
    code()[at].y = static_cast<int32_t>(greedy ? out : body);
  }
};

// ---- the matcher ------------------------------------------------------------------

enum FrameKind : uint8_t { kBranch, kRestoreCap, kRestoreReg, kAtomicMark, kLookMark };

struct Frame {
  FrameKind kind;
  int32_t a, b;  // branch: pc, pos; restore: slot, old value; look mark: pc of kLookBegin, pos
};

struct Vm {
  const Program& p;
  const uint8_t* s;
  long n;
  long start;
  std::vector<long>& caps;
  std::vector<long> regs;
  std::vector<Frame> stack;
  size_t steps = 0, budget;

  Vm(const Program& prog, std::string_view subject, std::vector<long>& c, size_t bud)
      : p(prog), s(reinterpret_cast<const uint8_t*>(subject.data())), n(static_cast<long>(subject.size())), start(0),
        caps(c), budget(bud) {}

  bool word_at(long pos) const { return pos >= 0 && pos < n && ascii_word(s[pos]); }

  bool check(int kind, long pos) const {
    switch (kind) {
      case kBol: return pos == 0 || s[pos - 1] == '\n';
      case kEol: return pos == n || s[pos] == '\n';
      case kBos: return pos == 0;
      case kEos: return pos == n;
      case kEosNl: return pos == n || (pos == n - 1 && s[pos] == '\n');
      case kWordB: return word_at(pos - 1) != word_at(pos);
      case kNotWordB: return word_at(pos - 1) == word_at(pos);
      case kSearchStart: return pos == start;
    }
    return false;
  }

  void push(FrameKind k, long a, long b) {
    if (stack.size() >= kMaxStack) throw TimeoutError("regexp match needs too much backtracking memory");
    stack.push_back(Frame{k, static_cast<int32_t>(a), static_cast<int32_t>(b)});
  }

  // Drops the alternatives above the innermost mark, keeping the restores so
  // an outer failure still undoes captures made inside.
  Frame cut() {
    size_t m = stack.size();
    while (m > 0 && stack[m - 1].kind != kAtomicMark && stack[m - 1].kind != kLookMark) --m;
    Frame mark = stack[m - 1];
    size_t w = m - 1;
    for (size_t r = m; r < stack.size(); ++r) {
      if (stack[r].kind != kBranch) stack[w++] = stack[r];
    }
    stack.resize(w);
    return mark;
  }

  // Undoes everything above the innermost mark and removes it.
  Frame unwind() {
    while (stack.back().kind != kAtomicMark && stack.back().kind != kLookMark) {
      undo(stack.back());
      stack.pop_back();
    }
    Frame mark = stack.back();
    stack.pop_back();
    return mark;
  }

  void undo(const Frame& f) {
    if (f.kind == kRestoreCap) caps[f.a] = f.b;
    else if (f.kind == kRestoreReg) regs[f.a] = f.b;
  }

  long back_chars(long pos, int count) const {
    while (count-- > 0) {
      if (pos <= 0) return -1;
      --pos;
      long lead = pos;
      while (lead > 0 && pos - lead < 3 && is_cont(s[lead])) --lead;
      size_t len;
      decode(s, static_cast<size_t>(n), static_cast<size_t>(lead), &len);
      if (lead + static_cast<long>(len) == pos + 1) pos = lead;
    }
    return pos;
  }

  bool run(long at) {
    std::fill(caps.begin(), caps.end(), -1);
    std::fill(regs.begin(), regs.end(), -1);
    stack.clear();
    long pos = at;
    size_t pc = 0;
    const Inst* code = p.code.data();
    for (;;) {
      if (++steps > budget) throw TimeoutError("regexp match timed out");
      const Inst& in = code[pc];
      switch (in.op) {
        case kByte:
          if (pos < n && s[pos] == in.x) {
            ++pos, ++pc;
            continue;
          }
          goto fail;
        case kByteI:
          if (pos < n && fold(s[pos]) == static_cast<uint32_t>(in.x)) {
            ++pos, ++pc;
            continue;
          }
          goto fail;
        case kAny:
        case kAnyNl: {
          if (pos >= n || (in.op == kAny && s[pos] == '\n')) goto fail;
          size_t len;
          decode(s, static_cast<size_t>(n), static_cast<size_t>(pos), &len);
          pos += static_cast<long>(len), ++pc;
          continue;
        }
        case kClass: {
          if (pos >= n) goto fail;
          size_t len = 1;
          uint32_t c = s[pos] < 0x80 ? s[pos] : decode(s, static_cast<size_t>(n), static_cast<size_t>(pos), &len);
          if (!class_matches(p, p.classes[static_cast<size_t>(in.x)], c)) goto fail;
          pos += static_cast<long>(len), ++pc;
          continue;
        }
        case kSplit:
          push(kBranch, in.y, pos);
          pc = static_cast<size_t>(in.x);
          continue;
        case kJmp: pc = static_cast<size_t>(in.x); continue;
        case kSave:
          push(kRestoreCap, in.x, caps[static_cast<size_t>(in.x)]);
          caps[static_cast<size_t>(in.x)] = pos;
          ++pc;
          continue;
        case kAssert:
          if (!check(in.x, pos)) goto fail;
          ++pc;
          continue;
        case kBackref: {
          long b = -1, e = -1;
          for (int g : p.backrefs[static_cast<size_t>(in.x)]) {
            if (caps[2 * static_cast<size_t>(g) + 1] >= 0) {
              b = caps[2 * static_cast<size_t>(g)];
              e = caps[2 * static_cast<size_t>(g) + 1];
            }
          }
          if (b < 0 || pos + (e - b) > n) goto fail;
          for (long k = 0; k < e - b; ++k) {
            uint8_t x = s[b + k], y = s[pos + k];
            if (x != y && !(in.y && fold(x) == fold(y))) goto fail;
          }
          pos += e - b, ++pc;
          continue;
        }
        case kAtomicBegin:
          push(kAtomicMark, 0, 0);
          ++pc;
          continue;
        case kAtomicEnd:
          cut();
          ++pc;
          continue;
        case kLookBegin: {
          long from = pos;
          if (in.x & 2) {
            from = back_chars(pos, in.z);
            if (from < 0) {
              if (in.x & 1) {  // nothing before: a negative look-behind holds
                pc = static_cast<size_t>(in.y);
                continue;
              }
              goto fail;
            }
          }
          push(kLookMark, static_cast<long>(pc), pos);
          pos = from;
          ++pc;
          continue;
        }
        case kLookEnd: {
          // The innermost mark is this look-around's (inner groups have closed).
          size_t m = stack.size();
          while (stack[m - 1].kind != kLookMark && stack[m - 1].kind != kAtomicMark) --m;
          Frame mark = stack[m - 1];
          if (code[mark.a].x & 1) {  // negative: the body matched, so fail
            unwind();
            goto fail;
          }
          if ((code[mark.a].x & 2) && pos != mark.b) goto fail;
          cut();
          pos = mark.b;
          ++pc;
          continue;
        }
        case kNullBegin:
          push(kRestoreReg, in.x, regs[static_cast<size_t>(in.x)]);
          regs[static_cast<size_t>(in.x)] = pos;
          ++pc;
          continue;
        case kNullEnd:
          // An iteration that consumed nothing ends the loop (no infinite loop).
          pc = regs[static_cast<size_t>(in.x)] == pos ? static_cast<size_t>(in.y) : pc + 1;
          continue;
        case kMatch: return true;
      }
    fail:
      for (;;) {
        if (stack.empty()) return false;
        Frame f = stack.back();
        stack.pop_back();
        if (f.kind == kBranch) {
          pc = static_cast<size_t>(f.a);
          pos = f.b;
          break;
        }
        if (f.kind == kLookMark && (code[f.a].x & 1)) {  // negative body failed: it holds
          pc = static_cast<size_t>(code[f.a].y);
          pos = f.b;
          break;
        }
        undo(f);
      }
    }
  }
};

}  // namespace

Regex::Regex(std::string_view pattern, int options) : p_(new Program) {
  Parser parser(pattern, options, *p_);
  int root = parser.parse();
  Compiler c(parser, *p_);
  c.emit(kSave, 0);
  c.emit_node(root);
  c.emit(kSave, 1);
  c.emit(kMatch);
  const Inst& first = p_->code[1];
  if (first.op == kByte) p_->first_byte = first.x;
  if (first.op == kAssert && first.x == kBos) p_->anchored_bos = true;
}

Regex::~Regex() = default;

int Regex::groups() const { return p_->groups; }

const std::vector<std::pair<std::string, std::vector<int>>>& Regex::names() const { return p_->names; }

bool Regex::search(std::string_view subject, size_t start, std::vector<long>& caps, bool anchored,
                   size_t budget) const {
  if (subject.size() > 0x7FFFFFF0) throw TimeoutError("subject too long for regexp matching");
  caps.assign(2 * static_cast<size_t>(p_->groups + 1), -1);
  if (start > subject.size()) return false;
  Vm vm(*p_, subject, caps, budget);
  vm.regs.assign(static_cast<size_t>(p_->registers), -1);
  vm.start = static_cast<long>(start);
  long n = static_cast<long>(subject.size());
  const auto* s = reinterpret_cast<const uint8_t*>(subject.data());
  for (long at = static_cast<long>(start); at <= n;) {
    if (p_->first_byte >= 0 && !anchored) {
      const void* hit = at < n ? std::memchr(s + at, p_->first_byte, static_cast<size_t>(n - at)) : nullptr;
      if (!hit) return false;
      at = static_cast<const uint8_t*>(hit) - s;
    }
    if (vm.run(at)) return true;
    if (anchored || p_->anchored_bos || at >= n) return false;
    ++at;
    while (at < n && is_cont(s[at])) ++at;
  }
  return false;
}

}  // namespace kiln::regexp
