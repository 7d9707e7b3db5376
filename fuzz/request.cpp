// A fuzzed request (method, URL, headers, body) through a whole Runtime
// start of fuzz/apps/fuzz_app.rb. Input layout, one field per line:
//   METHOD \n PATH?QUERY \n (Name: value \n)* \n BODY
// Every request must finish with a response other than 500.
#include "fuzz_common.h"

extern "C" const uint8_t fuzz_app[];

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& rt = fuzz::runtime(fuzz_app);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto [method, rest] = fuzz::split(in, '\n');
  auto [target, after] = fuzz::split(rest, '\n');
  std::vector<std::pair<std::string, std::string>> headers;
  while (!after.empty() && after.front() != '\n') {
    auto [line, next] = fuzz::split(after, '\n');
    auto [name, value] = fuzz::split(line, ':');
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.emplace_back(std::string(name), std::string(value));
    after = next;
  }
  if (!after.empty()) after.remove_prefix(1);
  std::string url = "https://example.org/" + std::string(target);
  fuzz::run(rt, test::request(std::string(method), url, std::string(after), headers));
  return 0;
}
