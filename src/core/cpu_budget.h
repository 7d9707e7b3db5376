// The CPU budget for Ruby code that runs without awaiting: each run of a
// request's or event's fiber (from a start or resume to its next await or
// its end) may take at most `limit` VM steps (backward jumps and entries
// into Ruby methods and blocks, counted by the patched VM:
// scripts/patches/mruby-vm-step-budget.patch).
// Past it the VM raises Kiln::CPULimitExceeded where the code is; the run
// then gets a tenth more for ensure clauses and error handlers, and past
// that it is abandoned (CpuAbort unwinds straight out of the VM).
// Steps, not time: workerd's clocks stand still while code runs.
#pragma once

#include <cstdint>

#include <mruby.h>

namespace kiln {

// Thrown through the VM when a run has spent its grace too; no Ruby rescue
// or ensure sees it (the VM only catches its own exception type).
struct CpuAbort {};

class CpuBudget {
 public:
  static constexpr int64_t kDefaultLimit = 100'000'000;

  explicit CpuBudget(mrb_state* mrb);  // installs the VM hook
  ~CpuBudget();

  void set_limit(int64_t steps) { limit_ = steps > 0 ? steps : 0; }  // 0: none
  int64_t limit() const { return limit_; }

  // Runs f with a fresh budget. Returns false, with the VM back at the root
  // context and the current fiber (and any it resumed) terminated, if the
  // run was abandoned.
  template <typename F>
  bool run(F&& f) {
    Saved saved = arm();
    try {
      f();
    } catch (const CpuAbort&) {
      restore(saved);
      return false;
    }
    disarm();
    return true;
  }

  // Steps counted since the last arm (for tests and the bench).
  int64_t used() const;

 private:
  struct Saved {
    struct mrb_jmpbuf* jmp;
    long root_ci;
  };
  Saved arm();
  void disarm();
  void restore(const Saved& saved);
  void refill();
  static mrb_value hook(mrb_state* mrb);

  mrb_state* mrb_;
  int64_t limit_ = kDefaultLimit;
  int64_t left_ = 0;     // beyond what the VM's countdown holds
  int64_t given_ = 0;    // handed to the VM since arm
  bool armed_ = false;
  bool exceeded_ = false;
};

}  // namespace kiln
