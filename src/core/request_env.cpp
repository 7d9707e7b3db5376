#include "core/request_env.h"

#include <cctype>
#include <string>

#include <mruby/hash.h>
#include <mruby/string.h>

namespace kiln {

namespace {

struct Url {
  std::string_view scheme, host, port, path, query;
};

// Workers hand us absolute URLs ("https://host:port/path?query#frag").
Url split_url(std::string_view url) {
  Url u;
  auto colon = url.find("://");
  if (colon == std::string_view::npos) throw codec::Error("request URL is not absolute");
  u.scheme = url.substr(0, colon);
  auto rest = url.substr(colon + 3);
  auto path_at = rest.find_first_of("/?#");
  auto authority = rest.substr(0, path_at);
  rest = path_at == std::string_view::npos ? std::string_view() : rest.substr(path_at);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  auto port_at = authority.rfind(':');
  if (port_at != std::string_view::npos && authority.find(']', port_at) == std::string_view::npos) {
    u.host = authority.substr(0, port_at);
    u.port = authority.substr(port_at + 1);
  } else {
    u.host = authority;
  }
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  auto q = rest.find('?');
  u.path = rest.substr(0, q);
  if (q != std::string_view::npos) u.query = rest.substr(q + 1);
  if (u.path.empty()) u.path = "/";
  return u;
}

// Keys are created frozen, as Hash#[]= would otherwise copy each one.
void set(mrb_state* mrb, mrb_value env, std::string_view key, std::string_view value) {
  mrb_value k = mrb_str_new(mrb, key.data(), static_cast<mrb_int>(key.size()));
  MRB_SET_FROZEN_FLAG(mrb_str_ptr(k));
  mrb_hash_set(mrb, env, k, mrb_str_new(mrb, value.data(), static_cast<mrb_int>(value.size())));
}

// "Content-Type" -> "CONTENT_TYPE"; every other header -> "HTTP_NAME".
std::string cgi_name(std::string_view header) {
  std::string upper;
  for (char c : header) {
    upper.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (upper == "CONTENT_TYPE" || upper == "CONTENT_LENGTH") return upper;
  return "HTTP_" + upper;
}

}  // namespace

mrb_value build_env(mrb_state* mrb, codec::Reader& in) {
  uint32_t fields = in.array();
  if (fields != 4 && fields != 5) throw codec::Error("a request is [method, url, headers, body, extra-env?]");
  auto method = in.text();
  auto url = split_url(in.text());
  mrb_value env = mrb_hash_new_capa(mrb, 24);

  set(mrb, env, "REQUEST_METHOD", method);
  set(mrb, env, "SCRIPT_NAME", "");
  set(mrb, env, "PATH_INFO", url.path);
  set(mrb, env, "QUERY_STRING", url.query);
  set(mrb, env, "SERVER_NAME", url.host);
  set(mrb, env, "SERVER_PORT", !url.port.empty() ? url.port : url.scheme == "https" ? "443" : "80");
  set(mrb, env, "SERVER_PROTOCOL", "HTTP/1.1");
  set(mrb, env, "rack.url_scheme", url.scheme);

  for (uint32_t n = in.array(); n > 0; --n) {
    if (in.array() != 2) throw codec::Error("a header is [name, value]");
    auto name = in.text();
    auto value = in.text_or_bytes();  // JS sends header values as Latin-1 bytes
    set(mrb, env, cgi_name(name), value);
  }

  if (in.peek() == codec::kNil) {
    in.next();
    set(mrb, env, "rack.input", "");
  } else {
    auto body = in.text_or_bytes();
    set(mrb, env, "rack.input", body);
    // JS Requests built by hand often carry no Content-Length header.
    mrb_value key = mrb_str_new_lit(mrb, "CONTENT_LENGTH");
    if (mrb_nil_p(mrb_hash_fetch(mrb, env, key, mrb_nil_value()))) set(mrb, env, "CONTENT_LENGTH", std::to_string(body.size()));
  }
  // Extra env entries from JS (e.g. which Durable Object this request is for).
  if (fields == 5) {
    mrb_value extra = codec::to_ruby(mrb, in);
    if (mrb_hash_p(extra)) mrb_hash_merge(mrb, env, extra);
  }
  return env;
}

}  // namespace kiln
