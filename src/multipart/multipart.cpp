#include "multipart/multipart.h"

#include <cctype>

namespace kiln::multipart {

namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Header parameters: `type; key=value; key="quoted \" value"`. Calls
// f(key, value) for each; a backslash escapes the next character only
// before '"' or '\' (browsers send Windows paths unescaped).
template <class F>
void each_param(std::string_view header, F&& f) {
  std::size_t i = header.find(';');
  while (i != std::string_view::npos && i < header.size()) {
    ++i;  // past ';'
    std::size_t eq = header.find_first_of("=;", i);
    if (eq == std::string_view::npos || header[eq] == ';') {
      i = eq;
      continue;
    }
    std::string_view key = trim(header.substr(i, eq - i));
    std::size_t v = eq + 1;
    while (v < header.size() && (header[v] == ' ' || header[v] == '\t')) ++v;
    std::string value;
    if (v < header.size() && header[v] == '"') {
      for (++v; v < header.size() && header[v] != '"'; ++v) {
        if (header[v] == '\\' && v + 1 < header.size() && (header[v + 1] == '"' || header[v + 1] == '\\')) ++v;
        value += header[v];
      }
      i = header.find(';', v);
    } else {
      std::size_t end = header.find(';', v);
      value = std::string(trim(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v)));
      i = end;
    }
    f(key, value);
  }
}

// The HTML form encoding escapes exactly '"', CR and LF in names and
// filenames (as %22, %0D, %0A); anything else is literal.
std::string unescape_form_name(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      std::string_view code = s.substr(i + 1, 2);
      char c = iequals(code, "22") ? '"' : iequals(code, "0D") ? '\r' : iequals(code, "0A") ? '\n' : 0;
      if (c) {
        out += c;
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// Old browsers sent the client's full path; only the last segment is a name.
std::string basename(std::string s) {
  std::size_t slash = s.find_last_of("/\\");
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

bool parse_head(std::string_view head, Part& part, std::string& error) {
  std::string filename_ext;
  bool has_ext = false;
  std::size_t pos = 0;
  std::string disposition, content_type;
  std::string* last = nullptr;
  while (pos < head.size()) {
    std::size_t end = head.find(kCrlf, pos);
    std::string_view line = head.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? head.size() : end + 2;
    if (line.empty()) continue;
    if ((line.front() == ' ' || line.front() == '\t') && last) {  // obsolete line folding
      *last += ' ';
      *last += trim(line);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      error = "malformed part header";
      return false;
    }
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      disposition = std::string(value);
      last = &disposition;
    } else if (iequals(name, "Content-Type")) {
      content_type = std::string(value);
      last = &content_type;
    } else {
      last = nullptr;
    }
  }
  part.content_type = content_type;
  each_param(disposition, [&](std::string_view key, const std::string& value) {
    if (iequals(key, "name")) {
      part.name = unescape_form_name(value);
    } else if (iequals(key, "filename")) {
      part.has_filename = true;
      part.filename = unescape_form_name(value);
    } else if (iequals(key, "filename*")) {
      has_ext = decode_ext_value(value, filename_ext);
    }
  });
  if (has_ext) {
    part.has_filename = true;
    part.filename = filename_ext;
  }
  if (part.has_filename) part.filename = basename(part.filename);
  return true;
}

}  // namespace

bool boundary_of(std::string_view content_type, std::string& boundary) {
  bool found = false;
  each_param(content_type, [&](std::string_view key, const std::string& value) {
    if (!found && iequals(key, "boundary")) {
      boundary = value;
      found = true;
    }
  });
  if (!found || boundary.empty() || boundary.size() > 70) return false;
  for (char c : boundary) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool decode_ext_value(std::string_view value, std::string& out) {
  std::size_t q1 = value.find('\'');
  std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return false;
  std::string_view charset = value.substr(0, q1);
  bool latin1 = iequals(charset, "ISO-8859-1");
  if (!latin1 && !iequals(charset, "UTF-8")) return false;
  std::string bytes;
  for (std::size_t i = q2 + 1; i < value.size(); ++i) {
    char c = value[i];
    if (c == '%') {
      if (i + 2 >= value.size()) return false;
      int hi = hex_value(value[i + 1]), lo = hex_value(value[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    bytes += c;
  }
  out.clear();
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (latin1 && b >= 0x80) {
      out += static_cast<char>(0xc0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3f));
    } else {
      out += c;
    }
  }
  return true;
}

bool parse(std::string_view body, std::string_view boundary, const Limits& limits, std::vector<Part>& parts,
           std::string& error) {
  parts.clear();
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = 0;
  } else {  // a preamble is allowed (and ignored)
    pos = body.find(next_delimiter);
    if (pos == std::string_view::npos) {
      error = "no multipart boundary found in the body";
      return false;
    }
    pos += 2;
  }
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return true;  // the close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != kCrlf) {
      error = "malformed multipart boundary line";
      return false;
    }
    pos += 2;
    if (parts.size() >= limits.max_parts) {
      error = "more than " + std::to_string(limits.max_parts) + " parts in the multipart body";
      return false;
    }
    std::size_t head_end, body_start;
    if (body.substr(pos, 2) == kCrlf) {
      head_end = pos;
      body_start = pos + 2;
    } else {
      head_end = body.substr(0, pos + limits.max_header_size + 4).find("\r\n\r\n", pos);
      if (head_end == std::string_view::npos || head_end - pos > limits.max_header_size) {
        error = body.find("\r\n\r\n", pos) == std::string_view::npos
                    ? "multipart part headers are not terminated"
                    : "multipart part headers over " + std::to_string(limits.max_header_size) + " bytes";
        return false;
      }
      body_start = head_end + 4;
    }
    Part part;
    part.head = body.substr(pos, head_end - pos);
    if (!parse_head(part.head, part, error)) return false;
    std::size_t end = body.find(next_delimiter, body_start);
    if (end == std::string_view::npos) {
      error = "multipart body has no closing boundary";
      return false;
    }
    part.body = body.substr(body_start, end - body_start);
    parts.push_back(std::move(part));
    pos = end + 2;
  }
}

}  // namespace kiln::multipart
