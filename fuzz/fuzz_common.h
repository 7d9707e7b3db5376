// Shared by the libFuzzer targets in fuzz/: a bare VM with protected calls,
// a booted Runtime for a fixture app, and a request driver. Any crash,
// sanitizer report or broken invariant (abort) is a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mruby.h>
#include <mruby/error.h>

#include "core/codec.h"
#include "helpers.h"  // tests/core: bundle_of, request, response
#include "kiln/runtime.h"

namespace fuzz {

// Reports a broken invariant with the input's context and stops the run.
[[noreturn]] inline void fail(const std::string& why) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", why.c_str());
  std::abort();
}

// Splits the input at the first `sep` (the rest is empty when absent).
inline std::pair<std::string_view, std::string_view> split(std::string_view in, char sep) {
  auto at = in.find(sep);
  if (at == std::string_view::npos) return {in, {}};
  return {in.substr(0, at), in.substr(at + 1)};
}

// A bare VM closed at exit, so LeakSanitizer's exit-time check sees whatever
// mrb_close does not free (the per-input leak check is off: a persistent VM
// keeps memory between inputs by design, and the check would run each time).
struct Vm {
  mrb_state* mrb = mrb_open();
  ~Vm() { mrb_close(mrb); }
};

// Runs f inside mrb_protect; returns false (exception cleared) if it raised.
template <class F>
bool protect(mrb_state* mrb, F&& f) {
  int arena = mrb_gc_arena_save(mrb);
  mrb_bool failed = false;
  mrb_protect_error(
      mrb, [](mrb_state* m, void* p) { (*static_cast<F*>(p))(m); return mrb_nil_value(); }, &f, &failed);
  mrb->exc = nullptr;
  mrb_gc_arena_restore(mrb, arena);
  return !failed;
}

// One Runtime per process, booted with a fixture app in production.
inline kiln::Runtime& runtime(const uint8_t* irep) {
  static std::unique_ptr<kiln::Runtime> rt = [&] {
    auto r = std::make_unique<kiln::Runtime>();
    std::string error = r->boot(test::bundle_of("app.rb", irep), test::config({{"KILN_ENV", "production"},
                                                                                {"SESSION_SECRET", std::string(64, 's')}}));
    if (!error.empty()) fail("boot: " + error);
    return r;
  }();
  return *rt;
}

// Runs one request to its end (awaits answered with nil) and returns the
// response. A request the runtime itself cannot run, or a 500 (the app's
// routes never raise, so a 500 is the DSL failing on input), is a finding.
inline test::Response run(kiln::Runtime& rt, const std::string& request, bool allow_500 = false) {
  kiln::Step s = rt.start(request);
  for (int i = 0; s.kind == kiln::Step::Await && i < 100; ++i) s = rt.resume(s.request, test::outcome_nil());
  if (s.kind != kiln::Step::Done) fail("request did not finish: " + s.payload);
  auto r = test::response(s);
  if (r.status == 500 && !allow_500) fail("500 for a request: " + r.body);
  if (rt.pending() != 0) fail("a request is left parked");
  return r;
}

}  // namespace fuzz
