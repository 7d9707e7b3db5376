#include "text/text.h"

#include <cctype>
#include <string>
#include <string_view>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/string.h>

#include "pattern/pattern.h"

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

// Whether add_charset lists the type: an entry ending in "/" ("text/")
// matches a type starting with it, any other the whole type.
bool charset_listed(mrb_state* mrb, mrb_value prefixes, std::string_view mime) {
  for (mrb_int i = 0; i < RARRAY_LEN(prefixes); ++i) {
    mrb_value p = RARRAY_PTR(prefixes)[i];
    if (!mrb_string_p(p)) mrb_raisef(mrb, E_TYPE_ERROR, "add_charset entries must be Strings, not %C", mrb_obj_class(mrb, p));
    std::string_view entry(RSTRING_PTR(p), static_cast<size_t>(RSTRING_LEN(p)));
    if (!entry.empty() && entry.back() == '/' ? mime.substr(0, entry.size()) == entry : entry == mime) return true;
  }
  return false;
}

// Base.charset_for?(mime): Utils.charset_for?(add_charset, mime).
mrb_value charset_for(mrb_state* mrb, mrb_value) {
  mrb_value prefixes;
  const char* s;
  mrb_int len;
  mrb_get_args(mrb, "As", &prefixes, &s, &len);
  return mrb_bool_value(charset_listed(mrb, prefixes, std::string_view(s, static_cast<size_t>(len))));
}

// Middleware.already_clean?(path): nothing for the path traversal cleaner
// to decode, collapse or resolve (most paths).
mrb_value clean_path_p(mrb_state* mrb, mrb_value) {
  mrb_value path = mrb_get_arg1(mrb);
  if (!mrb_string_p(path)) return mrb_false_value();
  std::string_view p(RSTRING_PTR(path), static_cast<size_t>(RSTRING_LEN(path)));
  return mrb_bool_value(!p.empty() && p[0] == '/' && p.find_first_of("%\\") == std::string_view::npos &&
                        p.find("//") == std::string_view::npos && p.find("/.") == std::string_view::npos);
}

// content_type(type)'s charset step: mime + ";charset=ENC" unless it names
// a charset or add_charset does not list it (ENC quoted as Sinatra does
// when it has ; , or "). A new String either way.
mrb_value with_charset(mrb_state* mrb, mrb_value) {
  mrb_value mime, prefixes, encoding;
  mrb_get_args(mrb, "SAo", &mime, &prefixes, &encoding);
  mrb_value out = mrb_str_dup(mrb, mime);
  std::string_view m(RSTRING_PTR(mime), static_cast<size_t>(RSTRING_LEN(mime)));
  if (m.find("charset") != std::string_view::npos || !charset_listed(mrb, prefixes, m)) return out;
  mrb_value enc = mrb_obj_as_string(mrb, encoding);
  std::string_view e(RSTRING_PTR(enc), static_cast<size_t>(RSTRING_LEN(enc)));
  if (e.find_first_of(";,\"") != std::string_view::npos) enc = mrb_inspect(mrb, enc);
  mrb_str_cat_lit(mrb, out, ";charset=");
  mrb_str_cat_str(mrb, out, enc);
  return out;
}

}  // namespace

void define_text(mrb_state* mrb) {
  struct RClass* utils = mrb_define_module_under(mrb, mrb_define_module(mrb, "Kiln"), "Utils");
  mrb_define_module_function(mrb, utils, "unescape", unescape, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "unescape_path", unescape_path, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape", escape, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape_path", escape_path, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "escape_html", escape_html, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "charset_for?", charset_for, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, utils, "clean_path?", clean_path_p, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, utils, "with_charset", with_charset, MRB_ARGS_REQ(3));
}

}  // namespace kiln
