#include <catch.hpp>

#include <chrono>
#include <string>

#include "pattern/pattern.h"

using kiln::Pattern;

namespace {
std::vector<std::optional<std::string>> values(const char* pattern, const char* path) {
  auto caps = Pattern(pattern).match(path);
  REQUIRE(caps);
  std::vector<std::optional<std::string>> out;
  for (auto& c : *caps) out.push_back(c.second);
  return out;
}
bool matches(const char* pattern, const char* path) { return Pattern(pattern).match(path).has_value(); }
using V = std::vector<std::optional<std::string>>;
}  // namespace

TEST_CASE("literal paths match exactly, trailing slash included", "[pattern]") {
  CHECK(matches("/", "/"));
  CHECK(matches("/about", "/about"));
  CHECK_FALSE(matches("/about", "/about/"));
  CHECK_FALSE(matches("/about", "/abou"));
  CHECK(matches("/about/?", "/about/"));
  CHECK(matches("/about/?", "/about"));
}

TEST_CASE("named params capture one segment, URL-decoded", "[pattern]") {
  CHECK(values("/hello/:name", "/hello/world") == V{"world"});
  CHECK(values("/hello/:name", "/hello/big%20world") == V{"big world"});
  CHECK(values("/hello/:name", "/hello/a+b") == V{"a+b"});
  CHECK_FALSE(matches("/hello/:name", "/hello/"));
  CHECK_FALSE(matches("/hello/:name", "/hello/a/b"));
  CHECK(values("/:a/:b", "/x/y") == V{"x", "y"});
  CHECK(Pattern("/:a/:b").names() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("params before a literal dot backtrack", "[pattern]") {
  CHECK(values("/:file.:ext", "/report.pdf") == V{"report", "pdf"});
  CHECK(values("/:file.:ext", "/archive.tar.gz") == V{"archive.tar", "gz"});
}

TEST_CASE("splats are lazy and may span segments", "[pattern]") {
  CHECK(values("/say/*/to/*", "/say/hello/to/world") == V{"hello", "world"});
  CHECK(values("/download/*.*", "/download/path/to/file.xml") == V{"path/to/file", "xml"});
  CHECK(values("/*", "/") == V{""});
  CHECK(Pattern("/*/*").names() == std::vector<std::string>{"splat", "splat"});
}

TEST_CASE("optional groups yield nil when absent", "[pattern]") {
  CHECK(values("/posts/:id(.:format)?", "/posts/7.json") == V{"7", "json"});
  CHECK(values("/posts/:id(.:format)?", "/posts/7") == V{"7", std::nullopt});
}

TEST_CASE("literal characters match their percent-encoding", "[pattern]") {
  CHECK(matches("/foo bar", "/foo%20bar"));
  CHECK(matches("/foo bar", "/foo bar"));
  CHECK(matches("/a\\(b\\)", "/a(b)"));
}

TEST_CASE("malformed patterns are rejected with a reason", "[pattern]") {
  CHECK_THROWS_AS(Pattern("/a(b"), std::invalid_argument);
  CHECK_THROWS_AS(Pattern("/a)b"), std::invalid_argument);
  CHECK_THROWS_AS(Pattern("?"), std::invalid_argument);
}

// Found by fuzz/pattern.cpp: the backtracking matcher retried every split of
// the path between splats, so /*/*/.../x against a long path that does not
// end in x took exponential time (a request could pin the isolate).
TEST_CASE("matching time stays polynomial for many splats and params", "[pattern]") {
  std::string path;
  for (int i = 0; i < 150; ++i) path += "/a";
  path += "/b";
  auto started = std::chrono::steady_clock::now();
  CHECK_FALSE(matches("/*/*/*/*/*/*/*/*/x", path.c_str()));
  CHECK_FALSE(matches("/:a*:b*:c*:d*:e*:f*/x", path.c_str()));
  CHECK_FALSE(matches("(/*)?(/*)?(/*)?(/*)?(/*)?(/*)?/x", path.c_str()));
  CHECK(values("/*/*/*/b", path.c_str()).size() == 3);
  // Splats stay linear in the path: an 8 KB path against three of them.
  std::string long_path;
  for (int i = 0; i < 4000; ++i) long_path += "/a";
  CHECK_FALSE(matches("/*/*/*/x", long_path.c_str()));
  CHECK(values("/*/*/*/a", long_path.c_str()).size() == 3);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(seconds < 2.0);
}
