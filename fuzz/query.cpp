// Query strings, form bodies and cookies through the DSL's parsers
// (Kiln::Utils.parse_nested_query / parse_cookies, and params): input is
// QUERY \n COOKIE \n FORM-BODY. Malformed input must be a 4xx, never a 500.
#include "fuzz_common.h"

extern "C" const uint8_t fuzz_app[];

namespace {

void check(const test::Response& r) {
  if (r.status != 200 && r.status != 400) fuzz::fail("unexpected status " + std::to_string(r.status) + ": " + r.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& rt = fuzz::runtime(fuzz_app);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto [query, rest] = fuzz::split(in, '\n');
  auto [cookie, form] = fuzz::split(rest, '\n');
  // The URL parser treats '#' as the fragment start, like a real URL.
  std::string q(query);
  std::vector<std::pair<std::string, std::string>> headers{{"cookie", std::string(cookie)}};
  check(fuzz::run(rt, test::request("GET", "https://example.org/query?" + q)));
  check(fuzz::run(rt, test::request("GET", "https://example.org/params?" + q)));
  check(fuzz::run(rt, test::request("GET", "https://example.org/cookies", "", headers)));
  headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  check(fuzz::run(rt, test::request("POST", "https://example.org/params", std::string(form), headers)));
  return 0;
}
