// Route patterns (src/pattern/pattern.cpp): PATTERN \n PATH. A malformed pattern is
// std::invalid_argument; a match yields exactly the pattern's names.
#include <stdexcept>

#include "fuzz_common.h"
#include "pattern/pattern.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto [source, path] = fuzz::split(in, '\n');
  try {
    kiln::Pattern p(source);
    auto m = p.match(path);
    if (m && m->size() != p.names().size())
      fuzz::fail("captures do not line up with names");
    kiln::url_decode(path);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
