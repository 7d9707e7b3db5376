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

// One header line. A value is never split: a bare LF is refused like CR
// (it would end the header line on the wire: `redirect params[:to]` with
// %0a in it must not emit a second header).
bool line(Collect* c, std::string_view name, mrb_value val) {
  if (!mrb_string_p(val)) {
    c->error = "header names and values must be Strings";
    return false;
  }
  auto value = view(val);
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    c->error = "header " + std::string(name) + " contains CR, LF or NUL";
    return false;
  }
  c->headers->emplace_back(name, value);
  return true;
}

// A multi-value header (Set-Cookie) is an Array, one String a line: Kiln's
// own code makes them (Response#add_header, Session.commit), Rack 3 style.
int collect(mrb_state*, mrb_value key, mrb_value val, void* data) {
  auto* c = static_cast<Collect*>(data);
  if (!mrb_string_p(key)) {
    c->error = "header names and values must be Strings";
    return 1;
  }
  auto name = view(key);
  if (!token(name)) {
    c->error = "invalid header name: " + std::string(name);
    return 1;
  }
  if (!mrb_array_p(val)) return line(c, name, val) ? 0 : 1;
  for (mrb_int i = 0; i < RARRAY_LEN(val); ++i) {
    if (!line(c, name, RARRAY_PTR(val)[i])) return 1;
  }
  return 0;
}

// Checks a status and a headers Hash; "" or why they cannot be sent.
std::string collect_head(mrb_state* mrb, mrb_value status, mrb_value hdrs, Headers& headers) {
  if (!mrb_integer_p(status) || mrb_integer(status) < 100 || mrb_integer(status) > 999) {
    return "the response status must be an Integer from 100 to 999";
  }
  if (!mrb_hash_p(hdrs)) return "the response headers must be a Hash";
  Collect c{&headers, {}};
  mrb_hash_foreach(mrb, mrb_hash_ptr(hdrs), collect, &c);
  return c.error;
}

// The first two of write_response's four elements (status, header pairs);
// the caller writes the body and the extras.
void write_head(codec::Writer& out, mrb_value status, const Headers& headers) {
  out.array(4);
  out.integer(mrb_integer(status));
  out.array(static_cast<uint32_t>(headers.size()));
  for (auto& [name, value] : headers) {
    out.array(2);
    out.str(name);
    out.bytes(value);  // header bytes are Latin-1 on the JS side
  }
}

// The encoded head, or the exception to raise (made here, raised by the
// caller once these C++ locals are gone: a raise does not unwind them).
mrb_value head_or_error(mrb_state* mrb, mrb_value status, mrb_value hdrs) {
  Headers headers;
  std::string problem = collect_head(mrb, status, hdrs, headers);
  if (!problem.empty()) {
    struct RClass* invalid = mrb_class_get_under(mrb, mrb_module_get(mrb, "Kiln"), "InvalidResponse");
    return mrb_exc_new(mrb, invalid, problem.data(), static_cast<mrb_int>(problem.size()));
  }
  codec::Writer out;
  write_head(out, status, headers);
  out.nil();
  out.nil();
  std::string bytes = out.take();
  return mrb_str_new(mrb, bytes.data(), static_cast<mrb_int>(bytes.size()));
}

// Kiln.__response_head(status, headers): a streamed response's head (no
// body) in write_response's format, checked the same way (raises
// Kiln::InvalidResponse with the same message), for stream_open to carry
// to JS's decodeResponse.
mrb_value response_head(mrb_state* mrb, mrb_value) {
  mrb_value status, hdrs;
  mrb_get_args(mrb, "oo", &status, &hdrs);
  mrb_value head = head_or_error(mrb, status, hdrs);
  if (!mrb_string_p(head)) mrb_exc_raise(mrb, head);
  return head;
}

// The 4th element: nil, or what the runtime does besides sending the
// response, as Kiln.response_extras (ruby/kiln/boot/entry.rb) builds
// it and js/worker/codec.js decodeResponse reads it. Never HTTP headers.
std::string write_extras(mrb_state* mrb, mrb_value extras, codec::Writer& out) {
  if (mrb_nil_p(extras)) {
    out.nil();
    return "";
  }
  if (!mrb_hash_p(extras)) return "the response extras must be a Hash or nil";
  auto get = [mrb](mrb_value hash, const char* key) { return mrb_hash_fetch(mrb, hash, mrb_str_new_cstr(mrb, key), mrb_undef_value()); };
  mrb_value background = get(extras, "background"), forward = get(extras, "forward"), websocket = get(extras, "websocket");
  uint32_t n = !mrb_undef_p(background) + !mrb_undef_p(forward) + !mrb_undef_p(websocket);
  if (n != mrb_hash_size(mrb, extras)) return "unknown response extra (background, forward, websocket)";
  out.hash(n);
  if (!mrb_undef_p(background)) {
    if (!mrb_integer_p(background)) return "the background extra must be an Integer";
    out.str("background");
    out.integer(mrb_integer(background));
  }
  if (!mrb_undef_p(forward)) {
    mrb_value ns = mrb_hash_p(forward) ? get(forward, "namespace") : mrb_undef_value();
    mrb_value id = mrb_hash_p(forward) ? get(forward, "id") : mrb_undef_value();
    mrb_value path = mrb_hash_p(forward) ? get(forward, "path") : mrb_undef_value();
    if (!mrb_string_p(ns) || !mrb_string_p(id) || !(mrb_string_p(path) || mrb_nil_p(path)) || mrb_hash_size(mrb, forward) != 3) {
      return "the forward extra must be {'namespace' => String, 'id' => String, 'path' => String or nil}";
    }
    out.str("forward");
    out.hash(3);
    out.str("namespace");
    out.str(view(ns));
    out.str("id");
    out.str(view(id));
    out.str("path");
    if (mrb_nil_p(path)) out.nil(); else out.str(view(path));
  }
  if (!mrb_undef_p(websocket)) {
    if (!mrb_true_p(websocket)) return "the websocket extra must be true";
    out.str("websocket");
    out.boolean(true);
  }
  return "";
}

}  // namespace

std::string write_response(mrb_state* mrb, mrb_value triple, codec::Writer& out) {
  mrb_int n = mrb_array_p(triple) ? RARRAY_LEN(triple) : 0;
  if (n != 3 && n != 4) return "the app did not return [status, headers, body]";
  mrb_value status = RARRAY_PTR(triple)[0], hdrs = RARRAY_PTR(triple)[1], body = RARRAY_PTR(triple)[2];
  mrb_value extras = n == 4 ? RARRAY_PTR(triple)[3] : mrb_nil_value();
  if (!mrb_string_p(body) && !mrb_nil_p(body)) return "the response body must be a String or nil";
  Headers headers;
  std::string problem = collect_head(mrb, status, hdrs, headers);
  if (!problem.empty()) return problem;

  write_head(out, status, headers);
  // The body's tag and length, and the extras (a few small values).
  if (!mrb_nil_p(body)) out.reserve(static_cast<size_t>(RSTRING_LEN(body)) + 256);
  if (mrb_nil_p(body)) out.nil(); else out.bytes(view(body));
  return write_extras(mrb, extras, out);
}

std::string internal_error_response(bool head) {
  codec::Writer out;
  out.array(4);
  out.integer(500);
  // The headers every response gets from Rack::Protection: this one is
  // sent where the app's own headers were refused or never made.
  out.array(2);
  out.array(2);
  out.str("content-type");
  out.bytes(kInternalErrorType);
  out.array(2);
  out.str("x-content-type-options");
  out.bytes(kInternalErrorNosniff);
  if (head) out.nil(); else out.bytes(kInternalErrorPage);
  out.nil();
  return out.take();
}

void define_response(mrb_state* mrb) {
  struct RClass* kiln = mrb_define_module(mrb, "Kiln");
  mrb_value page = mrb_str_new(mrb, kInternalErrorPage.data(), static_cast<mrb_int>(kInternalErrorPage.size()));
  mrb_obj_freeze(mrb, page);
  mrb_define_const(mrb, kiln, "INTERNAL_ERROR_PAGE", page);
  mrb_define_class_under(mrb, kiln, "InvalidResponse", mrb->eStandardError_class);
  mrb_define_module_function(mrb, kiln, "__response_head", response_head, MRB_ARGS_REQ(2));
}

}  // namespace kiln
