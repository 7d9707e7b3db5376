#include "crypto/base64.h"

namespace kiln::base64 {

namespace {

const char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The sextet a character stands for, or -1.
int value(unsigned char c, bool urlsafe) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || (urlsafe && c == '-')) return 62;
  if (c == '/' || (urlsafe && c == '_')) return 63;
  return -1;
}

}  // namespace

std::string encode(std::string_view data, bool urlsafe, bool padding, bool wrap) {
  const char* alphabet = urlsafe ? kUrl : kStd;
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4 + (wrap ? data.size() / 45 + 1 : 0));
  std::size_t line = 0;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    std::size_t n = data.size() - i < 3 ? data.size() - i : 3;
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (n > 1) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (n > 2) v |= static_cast<unsigned char>(data[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (n > 1) out += alphabet[(v >> 6) & 63]; else if (padding) out += '=';
    if (n > 2) out += alphabet[v & 63]; else if (padding) out += '=';
    // pack("m") puts 45 input bytes (60 characters) on a line.
    if (wrap && ++line == 15) {
      out += '\n';
      line = 0;
    }
  }
  if (wrap && line > 0) out += '\n';
  return out;
}

bool decode_strict(std::string_view text, std::string& out, bool urlsafe) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int a = value(text[i], urlsafe), b = value(text[i + 1], urlsafe);
    if (a < 0 || b < 0) return false;
    out += static_cast<char>((a << 2) | (b >> 4));
    if (last && text[i + 2] == '=' && text[i + 3] == '=') return (b & 15) == 0;
    int c = value(text[i + 2], urlsafe);
    if (c < 0) return false;
    out += static_cast<char>(((b & 15) << 4) | (c >> 2));
    if (last && text[i + 3] == '=') return (c & 3) == 0;
    int d = value(text[i + 3], urlsafe);
    if (d < 0) return false;
    out += static_cast<char>(((c & 3) << 6) | d);
  }
  return true;
}

std::string decode_lenient(std::string_view text) {
  std::string out;
  int group[4];
  int n = 0;
  for (unsigned char ch : text) {
    if (ch == '=' && n >= 2) break;  // padding ends the data; before two sextets it is noise
    int v = value(ch, false);
    if (v < 0) continue;
    group[n++] = v;
    if (n == 4) {
      out += static_cast<char>((group[0] << 2) | (group[1] >> 4));
      out += static_cast<char>(((group[1] & 15) << 4) | (group[2] >> 2));
      out += static_cast<char>(((group[2] & 3) << 6) | group[3]);
      n = 0;
    }
  }
  if (n >= 2) out += static_cast<char>((group[0] << 2) | (group[1] >> 4));
  if (n == 3) out += static_cast<char>(((group[1] & 15) << 4) | (group[2] >> 2));
  return out;
}

}  // namespace kiln::base64
