// MessagePack (ruby/kiln/lib/msgpack.rb, loaded with ruby/kiln/boot/bytes.rb
// into a bare VM: scripts/fuzz compiles the two as fuzz_msgpack_rb): the input
// is one document. Unpacking may refuse it only with a
// MessagePack::UnpackError; whatever unpacks must pack, unpack again to an
// equal value, and pack to the same bytes (pack . unpack is a fixed point).
//
// The code under test is Ruby, which libFuzzer's instrumentation cannot see
// (libmruby.a is not instrumented): the VM's step hook (the CPU budget's,
// scripts/patches/mruby-vm-step-budget.patch) set to fire at every step
// records which Ruby method called which into libFuzzer's extra counters,
// so inputs reaching new paths through the library are kept.

#include "fuzz_common.h"

#include <cmath>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>

extern "C" const uint8_t fuzz_msgpack_rb[];

// libFuzzer reads this section as more coverage counters.
__attribute__((section("__libfuzzer_extra_counters"))) uint8_t ruby_calls[1 << 12];

namespace {

// At each method or block entry and backward jump: count (caller's irep,
// callee's irep, steps in a row here up to 4), hashed. Ireps are loaded once,
// so their addresses are the same for every input.
mrb_value record_step(mrb_state* mrb) {
  mrb->budget_left = 1;  // fire again at the next step
  mrb_callinfo* ci = mrb->c->ci;
  auto irep = [](mrb_callinfo* c) { return c->proc && !MRB_PROC_CFUNC_P(c->proc) ? reinterpret_cast<uintptr_t>(c->proc->body.irep) : 0; };
  uintptr_t here = irep(ci), caller = ci > mrb->c->cibase ? irep(ci - 1) : 0;
  static uintptr_t last = 0;
  static unsigned repeat = 0;
  repeat = here == last ? (repeat < 3 ? repeat + 1 : 3) : 0;
  last = here;
  uintptr_t h = (here * 0x9E3779B97F4A7C15ull) ^ (caller * 0xC2B2AE3D27D4EB4Full) ^ repeat;
  uint8_t& counter = ruby_calls[(h >> 20) & (sizeof ruby_calls - 1)];
  if (counter < 255) ++counter;
  return mrb_nil_value();
}

struct Call {
  mrb_value recv;
  const char* name;
  mrb_value arg;
  int argc;
};

// recv.name(arg) (recv.name() for argc 0); an exception comes back in *exc
// (nil when none).
mrb_value call(mrb_state* mrb, mrb_value recv, const char* name, mrb_value arg, mrb_value* exc, int argc = 1) {
  Call c{recv, name, arg, argc};
  mrb_bool failed = false;
  mrb_value out = mrb_protect_error(
      mrb, [](mrb_state* m, void* p) {
        auto* c = static_cast<Call*>(p);
        return mrb_funcall_argv(m, c->recv, mrb_intern_cstr(m, c->name), c->argc, &c->arg);
      }, &c, &failed);
  mrb->exc = nullptr;
  *exc = failed ? out : mrb_nil_value();
  return failed ? mrb_nil_value() : out;
}

std::string text(mrb_state* mrb, mrb_value v) {
  mrb_value exc;
  mrb_value s = call(mrb, v, "inspect", mrb_nil_value(), &exc, 0);
  (void)exc;
  return mrb_string_p(s) ? std::string(RSTRING_PTR(s), static_cast<size_t>(RSTRING_LEN(s))) : "(uninspectable)";
}

// Structural equality, linear in the size: same classes, same bytes, maps
// pair by pair in order (pack keeps it), NaN equal to NaN. (Ruby's == on
// Hashes whose keys are Hashes rehashes each key per lookup: exponential in
// the nesting, and a fuzzer finds that at once.)
bool same(mrb_state* mrb, mrb_value a, mrb_value b) {
  if (mrb_type(a) != mrb_type(b) || mrb_obj_class(mrb, a) != mrb_obj_class(mrb, b)) return false;
  switch (mrb_type(a)) {
    case MRB_TT_FLOAT: return mrb_float(a) == mrb_float(b) || (std::isnan(mrb_float(a)) && std::isnan(mrb_float(b)));
    case MRB_TT_STRING: return mrb_str_equal(mrb, a, b);
    case MRB_TT_ARRAY: {
      if (RARRAY_LEN(a) != RARRAY_LEN(b)) return false;
      for (mrb_int i = 0; i < RARRAY_LEN(a); ++i)
        if (!same(mrb, RARRAY_PTR(a)[i], RARRAY_PTR(b)[i])) return false;
      return true;
    }
    case MRB_TT_HASH:
      return same(mrb, mrb_hash_keys(mrb, a), mrb_hash_keys(mrb, b)) && same(mrb, mrb_hash_values(mrb, a), mrb_hash_values(mrb, b));
    default: return mrb_equal(mrb, a, b);  // nil, booleans, Integer, Time, ExtensionValue
  }
}

std::string described(mrb_state* mrb, mrb_value exc) {
  return std::string(mrb_obj_classname(mrb, exc)) + ": " + text(mrb, exc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::Vm vm;
  static mrb_value msgpack = [] {
    mrb_load_irep(vm.mrb, fuzz_msgpack_rb);
    if (vm.mrb->exc) fuzz::fail("loading bytes.rb + msgpack.rb raised");
    vm.mrb->budget_hook = record_step;
    vm.mrb->budget_left = 1;
    return mrb_obj_value(mrb_module_get(vm.mrb, "MessagePack"));
  }();
  mrb_state* mrb = vm.mrb;
  static RClass* unpack_error = mrb_class_get_under(mrb, mrb_class_ptr(msgpack), "UnpackError");
  int arena = mrb_gc_arena_save(mrb);
  mrb_value exc;
  mrb_value input = mrb_str_new(mrb, reinterpret_cast<const char*>(data), static_cast<mrb_int>(size));
  mrb_value value = call(mrb, msgpack, "unpack", input, &exc);
  if (!mrb_nil_p(exc)) {
    if (!mrb_obj_is_kind_of(mrb, exc, unpack_error)) fuzz::fail("unpack raised " + described(mrb, exc));
    mrb_gc_arena_restore(mrb, arena);
    return 0;
  }
  mrb_value packed = call(mrb, msgpack, "pack", value, &exc);
  if (!mrb_nil_p(exc)) fuzz::fail("pack of an unpacked value raised " + described(mrb, exc) + " for " + text(mrb, value));
  mrb_value again = call(mrb, msgpack, "unpack", packed, &exc);
  if (!mrb_nil_p(exc)) fuzz::fail("unpack of packed output raised " + described(mrb, exc));
  if (!same(mrb, value, again)) fuzz::fail("unpack(pack(v)) != v: " + text(mrb, value) + " vs " + text(mrb, again));
  mrb_value repacked = call(mrb, msgpack, "pack", again, &exc);
  if (!mrb_nil_p(exc) || !mrb_str_equal(mrb, packed, repacked)) fuzz::fail("pack(unpack(pack(v))) != pack(v) for " + text(mrb, value));
  mrb_gc_arena_restore(mrb, arena);
  return 0;
}
