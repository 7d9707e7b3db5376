// Ruby-level checks: a fixture app registers named blocks with `check`, and
// GET /check/NAME answers with the block's result (Strings as they are,
// anything else inspected) or "ErrorClass: message".
#pragma once

#include <memory>
#include <string>

#include <catch.hpp>

#include "helpers.h"

namespace test {

inline std::unique_ptr<kiln::Runtime> boot_checks(const uint8_t* irep) {
  auto rt = std::make_unique<kiln::Runtime>();
  std::string error = rt->boot(bundle_of("app.rb", irep), config({{"KILN_ENV", "test"}}));
  REQUIRE(error == "");
  return rt;
}

inline std::string check(kiln::Runtime& rt, const std::string& name, const std::string& body = "") {
  kiln::Step s = rt.start(request(body.empty() ? "GET" : "POST", "https://example.org/check/" + name, body));
  REQUIRE(s.kind == kiln::Step::Done);
  Response r = response(s);
  REQUIRE(r.status == 200);
  return r.body;
}

}  // namespace test
