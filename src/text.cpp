#include "text.h"

#include <cctype>
#include <string>
#include <string_view>

#include <mruby/class.h>
#include <mruby/string.h>

#include "pattern.h"

namespace kiln {

namespace {

std::string_view arg(mrb_state* mrb) {
  const char* s;
  mrb_int len;
  mrb_get_args(mrb, "s", &s, &len);
  return {s, static_cast<size_t>(len)};
}

mrb_value str(mrb_state* mrb, const std::string& s) { return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size())); }

// Form and query-string decoding: "+" is a space.
mrb_value unescape(mrb_state* mrb, mrb_value) {
  std::string s(arg(mrb));
  for (char& c : s) if (c == '+') c = ' ';
  return str(mrb, url_decode(s));
}

// Path decoding: "+" stays a plus.
mrb_value unescape_path(mrb_state* mrb, mrb_value) { return str(mrb, url_decode(arg(mrb))); }

// Percent-encoding; `form` is Rack::Utils.escape (application/x-www-form-
// urlencoded: space as "+", "*" kept), otherwise escape_path (RFC 3986
// unreserved characters kept, space as %20).
std::string percent_encode(std::string_view in, bool form) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || (form ? c == '*' : c == '~')) {
      out.push_back(static_cast<char>(c));
    } else if (form && c == ' ') {
      out.push_back('+');
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

mrb_value escape(mrb_state* mrb, mrb_value) { return str(mrb, percent_encode(arg(mrb), true)); }
mrb_value escape_path(mrb_state* mrb, mrb_value) { return str(mrb, percent_encode(arg(mrb), false)); }

mrb_value escape_html(mrb_state* mrb, mrb_value) {
  std::string out;
  for (char c : arg(mrb)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return str(mrb, out);
}

}  // namespace

void define_text(mrb_state* mrb) {
  struct RClass* utils = mrb_define_module_under(mrb, mrb_define_module(mrb, "Kiln"), "Utils");
  mrb_define_module_function(mrb, utils, "unescape", unescape, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "unescape_path", unescape_path, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape", escape, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape_path", escape_path, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape_html", escape_html, MRB_ARGS_REQ(1));
}

}  // namespace kiln
