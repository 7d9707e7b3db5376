// The value codec (src/core/codec.cpp): bytes -> to_ruby -> from_ruby must be a
// fixed point after one pass (re-decoding and re-encoding gives the same
// bytes); malformed input is a codec::Error.
#include "fuzz_common.h"

namespace {

std::string encode(mrb_state* mrb, mrb_value v) {
  kiln::codec::Writer w;
  kiln::codec::from_ruby(mrb, v, w);
  return w.take();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::Vm vm;
  mrb_state* mrb = vm.mrb;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::protect(mrb, [&](mrb_state* m) {
    mrb_value v;
    try {
      kiln::codec::Reader r(in);
      v = kiln::codec::to_ruby(m, r);
    } catch (const kiln::codec::Error&) {
      return;
    }
    std::string first = encode(m, v);
    kiln::codec::Reader again(first);
    mrb_value w = kiln::codec::to_ruby(m, again);  // must not throw: we wrote it
    if (!again.at_end()) fuzz::fail("re-decoding left bytes over");
    if (encode(m, w) != first) fuzz::fail("encoding is not stable");
  });
  return 0;
}
