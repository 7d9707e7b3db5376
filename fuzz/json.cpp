// JSON (src/json/json.cpp): the first byte picks the options, the rest is parsed;
// whatever parses must generate, and the generated text must re-parse to
// the same text again (parse . generate is a fixed point).

#include "fuzz_common.h"
#include "json/json.h"

namespace {

std::string generate(mrb_state* mrb, mrb_value v) { return kiln::json::generate(mrb, v, mrb_nil_value()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::Vm vm;
  static bool defined = (kiln::define_json(vm.mrb), true);
  mrb_state* mrb = vm.mrb;
  (void)defined;
  if (size == 0) return 0;
  kiln::json::ParseOptions options;
  options.symbolize_names = data[0] & 1;
  options.max_nesting = (data[0] & 2) ? 0 : 100;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzz::protect(mrb, [&](mrb_state* m) {
    mrb_value v = kiln::json::parse(m, text, options);
    std::string out = generate(m, v);  // may raise (NaN, nesting): fine
    kiln::json::ParseOptions plain;
    plain.max_nesting = 0;
    std::string again = generate(m, kiln::json::parse(m, out, plain));
    if (again != out) fuzz::fail("generate(parse(generate(x))) != generate(x): " + out + " vs " + again);
  });
  return 0;
}
