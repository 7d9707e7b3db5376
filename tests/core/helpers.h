// Shared helpers for the core tests: fixture bundles, requests, responses.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/codec.h"
#include "kiln/runtime.h"

namespace test {

// A bundle holding one file compiled by mrbc -B (a RITE binary; its size is
// the big-endian u32 at offset 8 of the header).
inline std::string bundle_of(const char* path, const uint8_t* irep) {
  uint32_t size = (uint32_t{irep[8]} << 24) | (uint32_t{irep[9]} << 16) | (uint32_t{irep[10]} << 8) | irep[11];
  kiln::codec::Writer w;
  w.array(1);
  w.array(2);
  w.str(path);
  w.bytes({reinterpret_cast<const char*>(irep), size});
  return w.take();
}

inline std::string config(const std::vector<std::pair<std::string, std::string>>& vars) {
  kiln::codec::Writer w;
  w.hash(1);
  w.str("vars");
  w.hash(static_cast<uint32_t>(vars.size()));
  for (auto& [k, v] : vars) {
    w.str(k);
    w.str(v);
  }
  return w.take();
}

inline std::string request(const std::string& method, const std::string& url, const std::string& body = "",
                           const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  kiln::codec::Writer w;
  w.array(4);
  w.str(method);
  w.str(url);
  w.array(static_cast<uint32_t>(headers.size()));
  for (auto& [k, v] : headers) {
    w.array(2);
    w.str(k);
    w.bytes(v);
  }
  if (body.empty()) w.nil(); else w.bytes(body);
  return w.take();
}

inline std::string outcome_ok(int64_t value) {
  kiln::codec::Writer w;
  w.array(2);
  w.boolean(true);
  w.integer(value);
  return w.take();
}

inline std::string outcome_nil() {
  kiln::codec::Writer w;
  w.array(2);
  w.boolean(true);
  w.nil();
  return w.take();
}

struct Response {
  int64_t status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool has_body = true;  // false: nil, no body at all (HEAD, 204...)

  std::string header(const std::string& name) const {
    for (auto& [k, v] : headers) if (k == name) return v;
    return "";
  }
};

inline Response response(const kiln::Step& step) {
  kiln::codec::Reader r(step.payload);
  Response out;
  r.array();
  r.next();
  out.status = r.integer();
  for (uint32_t n = r.array(); n > 0; --n) {
    r.array();
    std::string k(r.text());
    out.headers.emplace_back(k, std::string(r.text_or_bytes()));
  }
  if (r.peek() == kiln::codec::kNil) {
    r.next();
    out.has_body = false;
  } else {
    out.body = std::string(r.text_or_bytes());
  }
  return out;
}

// [operation, [args...]] of an Await step: the operation's name.
inline std::string operation(const kiln::Step& step) {
  kiln::codec::Reader r(step.payload);
  r.array();
  return std::string(r.text());
}

}  // namespace test
