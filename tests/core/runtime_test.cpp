#include <catch.hpp>

#include <algorithm>
#include <memory>

#include "helpers.h"

extern "C" const uint8_t fixture_basic[];

using kiln::Runtime;
using kiln::Step;

namespace {

std::unique_ptr<Runtime> boot(const char* environment = "development") {
  auto rt = std::make_unique<Runtime>();
  std::string error = rt->boot(test::bundle_of("app.rb", fixture_basic),
                               test::config({{"KILN_ENV", environment}, {"GREETING", "hi"}}));
  REQUIRE(error == "");
  return rt;
}

test::Response get(Runtime& rt, const std::string& path) {
  Step s = rt.start(test::request("GET", "https://example.org" + path));
  REQUIRE(s.kind == Step::Done);
  return test::response(s);
}

}  // namespace

TEST_CASE("a route answers with status, headers and body", "[runtime]") {
  auto rt = boot();
  auto r = get(*rt, "/");
  CHECK(r.status == 200);
  CHECK(r.body == "Hello from Kiln");
  CHECK(r.header("content-type") == "text/html;charset=utf-8");
  CHECK(get(*rt, "/hello/world").body == "Hello world");
}

TEST_CASE("unknown routes are Sinatra's 404", "[runtime]") {
  auto rt = boot();
  auto r = get(*rt, "/nowhere");
  CHECK(r.status == 404);
  CHECK(r.body == "<h1>Not Found</h1>");
  CHECK(r.header("x-cascade") == "pass");
}

TEST_CASE("an awaiting route parks its fiber and resumes with the result", "[runtime][bridge]") {
  auto rt = boot();
  Step s = rt->start(test::request("GET", "https://example.org/sum"));
  REQUIRE(s.kind == Step::Await);
  CHECK(test::operation(s) == "echo");
  s = rt->resume(s.request, test::outcome_ok(1));
  REQUIRE(s.kind == Step::Await);
  s = rt->resume(s.request, test::outcome_ok(2));
  REQUIRE(s.kind == Step::Done);
  CHECK(test::response(s).body == "3");
  CHECK(rt->pending() == 0);
}

TEST_CASE("50 parked requests resumed out of order each get their own answer", "[runtime][bridge]") {
  auto rt = boot();
  std::vector<std::pair<uint32_t, int>> parked;
  for (int i = 0; i < 50; ++i) {
    Step s = rt->start(test::request("GET", "https://example.org/nap/" + std::to_string(i)));
    REQUIRE(s.kind == Step::Await);
    REQUIRE(test::operation(s) == "sleep");
    parked.emplace_back(s.request, i);
  }
  CHECK(rt->pending() == 50);
  std::reverse(parked.begin(), parked.end());
  std::stable_partition(parked.begin(), parked.end(), [](auto& p) { return p.second % 2 == 0; });
  for (auto& [id, i] : parked) {
    Step s = rt->resume(id, test::outcome_nil());
    REQUIRE(s.kind == Step::Done);
    CHECK(test::response(s).body == "woke " + std::to_string(i));
  }
  CHECK(rt->pending() == 0);
}

TEST_CASE("await inside a block passed to map", "[runtime][bridge]") {
  auto rt = boot();
  Step s = rt->start(test::request("GET", "https://example.org/map"));
  int64_t n = 0;
  while (s.kind == Step::Await) s = rt->resume(s.request, test::outcome_ok(++n));
  REQUIRE(s.kind == Step::Done);
  auto r = test::response(s);
  CHECK(r.status == 200);
  CHECK(r.body == "6");  // 1 + 2 + 3: each block call awaited in turn
}

TEST_CASE("a failed JS operation raises Kiln::JSError in the route", "[runtime][bridge]") {
  auto rt = boot();
  Step s = rt->start(test::request("GET", "https://example.org/js-error"));
  REQUIRE(s.kind == Step::Await);
  kiln::codec::Writer w;
  w.array(2);
  w.boolean(false);
  w.hash(2);
  w.str("name");
  w.str("TypeError");
  w.str("message");
  w.str("no such thing");
  s = rt->resume(s.request, w.take());
  REQUIRE(s.kind == Step::Done);
  CHECK(test::response(s).body == "rescued TypeError: TypeError: no such thing");
}

TEST_CASE("route errors: backtrace in development, plain 500 in production", "[runtime]") {
  auto dev = boot("development");
  auto r = get(*dev, "/fail");
  CHECK(r.status == 500);
  CHECK(r.body.find("ArgumentError") != std::string::npos);
  CHECK(r.body.find("broken route") != std::string::npos);
  CHECK(r.body.find("fixtures/basic.rb:") != std::string::npos);

  auto prod = boot("production");
  r = get(*prod, "/fail");
  CHECK(r.status == 500);
  CHECK(r.body == "<h1>Internal Server Error</h1>");
  // The isolate keeps serving.
  CHECK(get(*prod, "/").body == "Hello from Kiln");
}

TEST_CASE("an Array header value is one header per element", "[runtime]") {
  auto rt = boot();
  auto r = get(*rt, "/cookies");
  int cookies = 0;
  for (auto& [k, v] : r.headers) cookies += k == "set-cookie";
  CHECK(cookies == 2);
}

TEST_CASE("a header carrying CR or a bare LF is never emitted", "[runtime]") {
  auto rt = boot();
  for (const char* path : {"/bad-header", "/lf-header"}) {
    auto r = get(*rt, path);
    CHECK(r.status == 500);
    for (auto& [k, v] : r.headers) CHECK(k != "x-evil");
  }
}

TEST_CASE("Response#finish decides the body: none for HEAD and the null-body statuses", "[runtime]") {
  auto rt = boot();
  Step s = rt->start(test::request("HEAD", "https://example.org/"));
  REQUIRE(s.kind == Step::Done);
  auto head = test::response(s);
  CHECK(head.status == 200);
  CHECK(!head.has_body);
  CHECK(head.header("content-length") == "15");  // what GET sends (Rack::Head)
  auto reset = get(*rt, "/reset");
  CHECK(reset.status == 205);
  CHECK(!reset.has_body);
  CHECK(reset.header("content-type") == "");
  CHECK(reset.header("content-length") == "");
  // The runtime's own 500 follows the same rule.
  s = rt->start(test::request("HEAD", "https://example.org/bad-header"));
  REQUIRE(s.kind == Step::Done);
  CHECK(test::response(s).status == 500);
  CHECK(!test::response(s).has_body);
}

TEST_CASE("bodies are binary-safe both ways", "[runtime]") {
  auto rt = boot();
  std::string body("\x00\xff\xfe binary \x80", 13);
  Step s = rt->start(test::request("POST", "https://example.org/echo", body));
  REQUIRE(s.kind == Step::Done);
  CHECK(test::response(s).body == body);
}

TEST_CASE("vars reach ENV and select the environment", "[runtime]") {
  auto rt = boot("production");
  CHECK(get(*rt, "/env").body == "hi production");
}

TEST_CASE("malformed requests and unknown resumes fail cleanly", "[runtime]") {
  auto rt = boot();
  Step s = rt->start(std::string("\x07\x01", 2));
  CHECK(s.kind == Step::Failed);
  s = rt->resume(12345, test::outcome_nil());
  CHECK(s.kind == Step::Failed);
  CHECK(get(*rt, "/").status == 200);
}

TEST_CASE("a syntax-valid app that raises at load reports file:line", "[runtime]") {
  Runtime rt;
  // A bundle whose main file is missing is a boot error, not a crash.
  kiln::codec::Writer w;
  w.array(1);
  w.array(2);
  w.str("app.rb");
  w.bytes("not bytecode");
  std::string error = rt.boot(w.take(), test::config({}));
  CHECK(error != "");
}


TEST_CASE("params are indifferent: captures and query by String or Symbol", "[runtime]") {
  auto rt = boot();
  CHECK(get(*rt, "/params/ann?q=a+b%21").body == "ann ann a b!");
}
