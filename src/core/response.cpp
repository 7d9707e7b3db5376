#include "core/response.h"

#include <string_view>
#include <utility>
#include <vector>

#include <mruby/array.h>
#include <mruby/hash.h>
#include <mruby/string.h>

namespace kiln {

namespace {

using Headers = std::vector<std::pair<std::string_view, std::string_view>>;

std::string_view view(mrb_value s) {
  return {RSTRING_PTR(s), static_cast<size_t>(RSTRING_LEN(s))};
}

// RFC 9110 tchar, as a table (checked for every byte of every header name).
struct TokenChars {
  bool ok[256] = {};
  TokenChars() {
    for (int c = 33; c < 127; ++c) ok[c] = std::string_view("\"(),/:;<=>?@[\\]{}").find(static_cast<char>(c)) == std::string_view::npos;
  }
};
const TokenChars kTokenChars;

bool token(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (!kTokenChars.ok[c]) return false;
  }
  return true;
}

struct Collect {
  Headers* headers;
  std::string error;
};

int collect(mrb_state*, mrb_value key, mrb_value val, void* data) {
  auto* c = static_cast<Collect*>(data);
  if (!mrb_string_p(key) || !mrb_string_p(val)) {
    c->error = "header names and values must be Strings";
    return 1;
  }
  auto name = view(key);
  if (!token(name)) {
    c->error = "invalid header name: " + std::string(name);
    return 1;
  }
  auto value = view(val);
  size_t start = 0;
  while (start <= value.size()) {
    size_t nl = value.find('\n', start);
    auto one = value.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    bool bad = false;
    for (char ch : one) bad |= ch == '\r' || ch == '\0';
    if (bad) {
      c->error = "header " + std::string(name) + " contains CR or NUL";
      return 1;
    }
    c->headers->emplace_back(name, one);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return 0;
}

}  // namespace

std::string write_response(mrb_state* mrb, mrb_value triple, codec::Writer& out) {
  mrb_int n = mrb_array_p(triple) ? RARRAY_LEN(triple) : 0;
  if (n != 3 && n != 4) return "the app did not return [status, headers, body]";
  mrb_value status = RARRAY_PTR(triple)[0], hdrs = RARRAY_PTR(triple)[1], body = RARRAY_PTR(triple)[2];
  mrb_value background = n == 4 ? RARRAY_PTR(triple)[3] : mrb_nil_value();
  if (!mrb_integer_p(status) || mrb_integer(status) < 100 || mrb_integer(status) > 999) {
    return "the response status must be an Integer from 100 to 999";
  }
  if (!mrb_hash_p(hdrs)) return "the response headers must be a Hash";
  if (!mrb_string_p(body) && !mrb_nil_p(body)) return "the response body must be a String or nil";

  Headers headers;
  Collect c{&headers, {}};
  mrb_hash_foreach(mrb, mrb_hash_ptr(hdrs), collect, &c);
  if (!c.error.empty()) return c.error;

  out.array(4);
  out.integer(mrb_integer(status));
  out.array(static_cast<uint32_t>(headers.size()));
  for (auto& [name, value] : headers) {
    out.array(2);
    out.str(name);
    out.bytes(value);  // header bytes are Latin-1 on the JS side
  }
  if (mrb_nil_p(body)) out.nil(); else out.bytes(view(body));
  if (mrb_integer_p(background)) out.integer(mrb_integer(background)); else out.nil();
  return "";
}

std::string internal_error_response(bool head) {
  codec::Writer out;
  out.array(4);
  out.integer(500);
  out.array(1);
  out.array(2);
  out.str("content-type");
  out.bytes(kInternalErrorType);
  if (head) out.nil(); else out.bytes(kInternalErrorPage);
  out.nil();
  return out.take();
}

void define_response(mrb_state* mrb) {
  struct RClass* kiln = mrb_define_module(mrb, "Kiln");
  mrb_value page = mrb_str_new(mrb, kInternalErrorPage.data(), static_cast<mrb_int>(kInternalErrorPage.size()));
  mrb_obj_freeze(mrb, page);
  mrb_define_const(mrb, kiln, "INTERNAL_ERROR_PAGE", page);
}

}  // namespace kiln
