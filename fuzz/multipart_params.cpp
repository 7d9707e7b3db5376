// Multipart form bodies through the whole request path (C++ parser, then
// Kiln::Multipart.params and Rack's nesting rules in Ruby): input is
// BOUNDARY \n BODY, posted to /params as multipart/form-data. Any body must
// be a 200 or a 400 (malformed), never a 500.
#include "fuzz_common.h"

extern "C" const uint8_t fuzz_app[];

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& rt = fuzz::runtime(fuzz_app);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto [boundary, body] = fuzz::split(in, '\n');
  std::vector<std::pair<std::string, std::string>> headers{
      {"content-type", "multipart/form-data; boundary=" + std::string(boundary)}};
  auto r = fuzz::run(rt, test::request("POST", "https://example.org/params", std::string(body), headers));
  if (r.status != 200 && r.status != 400) fuzz::fail("unexpected status " + std::to_string(r.status) + ": " + r.body);
  return 0;
}
