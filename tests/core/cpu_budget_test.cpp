// The CPU budget: the patched VM's step counter (backward jumps and entries
// into Ruby methods,
// scripts/patches/mruby-vm-step-budget.patch) and the runtime's use of it
// (src/core/cpu_budget.h): runaway code raises Kiln::CPULimitExceeded, code that
// swallows that is abandoned, and the runtime keeps serving either way.
#include <catch.hpp>

#include <memory>
#include <string>

#include <mruby.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/irep.h>
#include <mruby/string.h>

#include "helpers.h"

extern "C" const uint8_t fixture_counting[];
extern "C" const uint8_t fixture_cpu_budget[];

using kiln::Runtime;
using kiln::Step;

namespace {

struct Vm {
  mrb_state* mrb = mrb_open();
  Vm() {
    mrb_load_irep(mrb, fixture_counting);
    REQUIRE(mrb->exc == nullptr);
  }
  ~Vm() { mrb_close(mrb); }

  // Ticks the call of `method(arg)` takes (the call from C itself is not one).
  int32_t ticks(const char* method, mrb_int arg) {
    mrb->budget_left = INT32_MAX;
    mrb_funcall(mrb, mrb_top_self(mrb), method, 1, mrb_int_value(mrb, arg));
    REQUIRE(mrb->exc == nullptr);
    return INT32_MAX - mrb->budget_left;
  }
};

std::unique_ptr<Runtime> boot(const char* environment = "production") {
  auto rt = std::make_unique<Runtime>();
  REQUIRE(rt->boot(test::bundle_of("app.rb", fixture_cpu_budget), test::config({{"KILN_ENV", environment}})) == "");
  return rt;
}

test::Response get(Runtime& rt, const std::string& path) {
  Step s = rt.start(test::request("GET", "https://example.org" + path));
  for (int i = 0; s.kind == Step::Await && i < 10; ++i) s = rt.resume(s.request, test::outcome_ok(0));
  REQUIRE(s.kind == Step::Done);
  return test::response(s);
}

}  // namespace

TEST_CASE("the VM ticks once per loop iteration and once per Ruby method call", "[cpu]") {
  Vm vm;
  CHECK(vm.ticks("spin", 1000) == 1000);
  CHECK(vm.ticks("spin", 0) == 0);
  CHECK(vm.ticks("until_loop", 500) == 500);
  CHECK(vm.ticks("descend", 100) == 100);
}

TEST_CASE("without a hook the countdown refills and nothing is raised", "[cpu]") {
  Vm vm;
  vm.mrb->budget_left = 5;
  mrb_funcall(vm.mrb, mrb_top_self(vm.mrb), "spin", 1, mrb_int_value(vm.mrb, 100));
  CHECK(vm.mrb->exc == nullptr);
  CHECK(vm.mrb->budget_left > 1000);
}

TEST_CASE("the hook's exception is raised where the code is, in an endless loop or a next through ensure", "[cpu]") {
  Vm vm;
  static int calls;
  calls = 0;
  vm.mrb->budget_hook = [](mrb_state* mrb) {
    if (++calls < 3) {
      mrb->budget_left = 1000;
      return mrb_nil_value();
    }
    return mrb_exc_new_str(mrb, E_RUNTIME_ERROR, mrb_str_new_lit(mrb, "budget"));
  };
  for (const char* method : {"forever", "next_in_ensure"}) {
    calls = 0;
    vm.mrb->budget_left = 1000;
    mrb_funcall(vm.mrb, mrb_top_self(vm.mrb), method, 0);
    REQUIRE(vm.mrb->exc != nullptr);
    CHECK(std::string(mrb_obj_classname(vm.mrb, mrb_obj_value(vm.mrb->exc))) == "RuntimeError");
    CHECK(calls == 3);
    vm.mrb->exc = nullptr;
  }
  vm.mrb->budget_hook = nullptr;
}

TEST_CASE("runaway routes are a 500 and the runtime keeps serving", "[cpu][runtime]") {
  auto rt = boot();
  for (const char* path : {"/loop", "/while", "/step", "/recursion", "/nested-fiber"}) {
    INFO(path);
    auto r = get(*rt, path);
    CHECK(r.status == 500);
    CHECK(r.body == "<h1>Internal Server Error</h1>");
  }
  CHECK(get(*rt, "/spin/900000").body == "900000");
  CHECK(get(*rt, "/ok").body == "ok");
  CHECK(rt->pending() == 0);
}

TEST_CASE("CPULimitExceeded passes a plain rescue; ensure and error handlers run", "[cpu][runtime]") {
  auto rt = boot();
  CHECK(get(*rt, "/rescued").status == 500);
  auto r = get(*rt, "/ensure");
  CHECK(r.status == 500);
  CHECK(r.header("x-ensure") == "ran");
  r = get(*rt, "/handled");
  CHECK(r.status == 500);
  CHECK(r.body == "handled Kiln::CPULimitExceeded");
}

TEST_CASE("development shows the budget error with the app's line", "[cpu][runtime]") {
  auto rt = boot("development");
  auto r = get(*rt, "/while");
  CHECK(r.status == 500);
  CHECK(r.body.find("Kiln::CPULimitExceeded") != std::string::npos);
  CHECK(r.body.find("cpu_budget.rb:17") != std::string::npos);  // the `while true` line
}

TEST_CASE("each run between awaits has its own budget", "[cpu][runtime]") {
  auto rt = boot();
  auto r = get(*rt, "/after-await");
  CHECK(r.status == 200);
  CHECK(r.body == "900000");
}

TEST_CASE("code that swallows CPULimitExceeded is abandoned; the runtime keeps serving", "[cpu][runtime]") {
  auto rt = boot();
  Step s = rt->start(test::request("GET", "https://example.org/stubborn"));
  CHECK(s.kind == Step::Failed);
  CHECK(s.payload.find("abandoned") != std::string::npos);
  CHECK(rt->pending() == 0);
  for (int i = 0; i < 100; ++i) REQUIRE(get(*rt, "/ok").body == "ok");
  CHECK(get(*rt, "/spin/1000").body == "1000");
  CHECK(get(*rt, "/loop").status == 500);
}

TEST_CASE("events have the same budget", "[cpu][runtime]") {
  auto rt = boot();
  kiln::codec::Writer w;
  w.hash(3);
  w.str("type");
  w.str("scheduled");
  w.str("cron");
  w.str("* * * * *");
  w.str("scheduled_time");
  w.integer(0);
  Step s = rt->start_event(w.take());
  REQUIRE(s.kind == Step::Done);
  // [false, {"name" => ..., "message" => ...}], as a failed await.
  kiln::codec::Reader in(s.payload);
  REQUIRE(in.array() == 2);
  CHECK(in.next() == kiln::codec::kFalse);
  REQUIRE(in.next() == kiln::codec::kHash);
  CHECK(in.count() == 2);
  CHECK(in.text() == "name");
  CHECK(in.text() == "Kiln::CPULimitExceeded");
  CHECK(get(*rt, "/ok").body == "ok");
}
