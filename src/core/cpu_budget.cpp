#include "core/cpu_budget.h"

#include <algorithm>
#include <string>

#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/string.h>

namespace kiln {

namespace {
// The VM's countdown is 32-bit; larger budgets are handed over in chunks.
constexpr int64_t kChunk = int64_t{1} << 30;
}  // namespace

CpuBudget::CpuBudget(mrb_state* mrb) : mrb_(mrb) {
  mrb->ud = this;
  mrb->budget_hook = hook;
  mrb->budget_left = INT32_MAX;
}

CpuBudget::~CpuBudget() {
  mrb_->budget_hook = nullptr;
  mrb_->ud = nullptr;
}

CpuBudget::Saved CpuBudget::arm() {
  armed_ = limit_ > 0;
  exceeded_ = false;
  given_ = 0;
  left_ = armed_ ? limit_ : 0;
  if (armed_) refill();
  else mrb_->budget_left = INT32_MAX;
  return Saved{mrb_->jmp, static_cast<long>(mrb_->root_c->ci - mrb_->root_c->cibase)};
}

void CpuBudget::disarm() {
  armed_ = false;
  mrb_->budget_left = INT32_MAX;
}

void CpuBudget::refill() {
  int64_t chunk = std::min(left_, kChunk);
  left_ -= chunk;
  given_ += chunk;
  mrb_->budget_left = static_cast<int32_t>(chunk);
}

int64_t CpuBudget::used() const { return armed_ ? given_ - mrb_->budget_left : given_; }

// The VM unwound past every frame between the hook and run(): put back what
// those frames would have (the jump buffer, the root context's call stack)
// and end the fibers that were running, so nothing can resume them.
void CpuBudget::restore(const Saved& saved) {
  disarm();
  mrb_state* mrb = mrb_;
  for (struct mrb_context* c = mrb->c; c && c != mrb->root_c;) {
    struct mrb_context* prev = c->prev;
    c->status = MRB_FIBER_TERMINATED;
    c->prev = nullptr;
    c = prev;
  }
  mrb->c = mrb->root_c;
  mrb->root_c->status = MRB_FIBER_RUNNING;
  mrb->root_c->ci = mrb->root_c->cibase + saved.root_ci;
  mrb->jmp = saved.jmp;
  mrb->exc = nullptr;
}

mrb_value CpuBudget::hook(mrb_state* mrb) {
  auto* self = static_cast<CpuBudget*>(mrb->ud);
  if (!self || !self->armed_) {
    mrb->budget_left = INT32_MAX;
    return mrb_nil_value();
  }
  if (self->left_ > 0) {
    self->refill();
    return mrb_nil_value();
  }
  if (self->exceeded_) throw CpuAbort{};
  // The grace: enough for ensure clauses and an error page, not another run.
  self->exceeded_ = true;
  self->left_ = std::max<int64_t>(self->limit_ / 10, 1000);
  self->refill();
  std::string message = "more than " + std::to_string(self->limit_) +
                        " VM steps without awaiting (set :cpu_budget to change the limit)";
  struct RClass* kiln = mrb_module_get(mrb, "Kiln");
  struct RClass* cls = mrb_class_get_under(mrb, kiln, "CPULimitExceeded");
  return mrb_exc_new(mrb, cls, message.data(), static_cast<mrb_int>(message.size()));
}

}  // namespace kiln
