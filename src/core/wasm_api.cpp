// The C ABI that js/worker/kiln.js calls: one Runtime per wasm instance (one per
// isolate). Inputs arrive in buffers JS allocated with malloc (js/worker/wasm.js);
// every call answers one abi::Result (src/core/abi.h), valid until the next call.
#include <cstdint>
#include <cstdlib>
#include <exception>

#include "abi.h"
#include "kiln/runtime.h"

namespace {

using kiln::abi::Result;

kiln::Runtime* runtime = nullptr;
kiln::abi::Outbox outbox;

Result* publish(kiln::Step step) { return outbox.publish(step.kind, step.request, std::move(step.payload)); }

// Runs one runtime call. A C++ exception that reaches here (std::bad_alloc
// once memory is at -sMAXIMUM_MEMORY and a C++ allocation fails) unwound
// through mruby's C frames without their clean-up, so the VM's state is
// unknown: the answer is Broken, and js/worker/kiln.js replaces the instance.
// (mruby's own allocations raise NoMemoryError instead: a plain 500.)
template <typename Call>
Result* guarded(uint32_t request, Call call) {
  try {
    return publish(call());
  } catch (const std::exception& e) {
    return outbox.publish(kiln::abi::kBroken, request, std::string("the runtime failed: ") + e.what());
  }
}

std::string_view view(const char* p, uint32_t n) { return {p, n}; }

}  // namespace

// Boots the runtime; Done with an empty payload, or Failed with the error.
KILN_EXPORT Result* kiln_boot(const char* bundle, uint32_t bundle_len, const char* config, uint32_t config_len) {
  delete runtime;
  runtime = new kiln::Runtime();
  kiln::Step step;
  step.payload = runtime->boot(view(bundle, bundle_len), view(config, config_len));
  step.kind = step.payload.empty() ? kiln::Step::Done : kiln::Step::Failed;
  return publish(std::move(step));
}

KILN_EXPORT Result* kiln_start(const char* request, uint32_t len) {
  return guarded(0, [&] { return runtime->start(view(request, len)); });
}

KILN_EXPORT Result* kiln_event(const char* event, uint32_t len) {
  return guarded(0, [&] { return runtime->start_event(view(event, len)); });
}

KILN_EXPORT Result* kiln_resume(uint32_t id, const char* outcome, uint32_t len) {
  return guarded(id, [&] { return runtime->resume(id, view(outcome, len)); });
}

KILN_EXPORT void kiln_cancel(uint32_t id) { runtime->cancel(id); }

KILN_EXPORT uint32_t kiln_pending() { return static_cast<uint32_t>(runtime->pending()); }
