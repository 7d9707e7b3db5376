// Raw bytes as an encoded JS request -> kiln::build_env (src/core/request_env.cpp):
// malformed encodings must be a codec::Error, never a crash.
#include "fuzz_common.h"
#include "core/request_env.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::Vm vm;
  mrb_state* mrb = vm.mrb;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::protect(mrb, [&](mrb_state* m) {
    try {
      kiln::codec::Reader r(in);
      kiln::build_env(m, r);
    } catch (const kiln::codec::Error&) {
    }
  });
  return 0;
}
