// The multipart/form-data parser (src/multipart/multipart.cpp) on arbitrary bytes:
// input is BOUNDARY \n BODY. Invariants: parsing never crashes or reads out
// of bounds (ASan), every part's head and body lie inside the input, parts
// respect the limits, and a success ends at a close delimiter.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "multipart/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto halves = fuzz::split(in, '\n');  // (lambdas cannot capture structured bindings in C++17)
  const std::string_view content_type = halves.first, body = halves.second;
  std::string boundary;
  if (!kiln::multipart::boundary_of(content_type, boundary)) boundary = "b";
  kiln::multipart::Limits limits;
  limits.max_parts = 16;
  limits.max_header_size = 256;
  std::vector<kiln::multipart::Part> parts;
  std::string error;
  bool ok = kiln::multipart::parse(body, boundary, limits, parts, error);
  auto inside = [&](std::string_view s) { return s.empty() || (s.data() >= body.data() && s.data() + s.size() <= body.data() + body.size()); };
  if (!ok && error.empty()) fuzz::fail("failure without a message");
  if (parts.size() > limits.max_parts) fuzz::fail("more parts than the limit");
  for (const auto& p : parts) {
    if (!inside(p.head) || !inside(p.body)) fuzz::fail("a part outside the body");
    if (p.head.size() > limits.max_header_size) fuzz::fail("a head over the limit");
    if (p.filename.find_first_of("/\\") != std::string::npos) fuzz::fail("a filename with a directory");
  }
  if (ok && body.find("--" + boundary + "--") == std::string_view::npos) fuzz::fail("success without a close delimiter");
  std::string decoded;
  kiln::multipart::decode_ext_value(body.substr(0, 64), decoded);
  return 0;
}
