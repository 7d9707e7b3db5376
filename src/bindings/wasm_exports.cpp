// The C ABI js/node/bindings/emulator.js calls in the node-only runtime:
// kiln_emulation_open(dir), kiln_emulation_reset() and kiln_emulate([kind, name, method, ...]) ->
// Done(value) | Failed({name, message}), one abi::Result each (src/core/abi.h).
#include <cstdint>
#include <memory>
#include <string>

#include "core/abi.h"
#include "bindings/emulator.h"
#include "kiln/runtime.h"

namespace {

using kiln::abi::Result;
using kiln::emulation::Emulator;

std::unique_ptr<Emulator> emulator;
kiln::abi::Outbox outbox;

Result* done(std::string value) { return outbox.publish(kiln::Step::Done, 0, std::move(value)); }

Result* done_nil() {
  kiln::codec::Writer w;
  w.nil();
  return done(w.take());
}

Result* failure(const char* name, const std::string& message) {
  kiln::codec::Writer w;
  w.hash(2);
  w.str("name"); w.str(name);
  w.str("message"); w.str(message);
  return outbox.publish(kiln::Step::Failed, 0, w.take());
}

}  // namespace

// dir must exist (JS creates it); every database file lives in it.
KILN_EXPORT Result* kiln_emulation_open(const char* dir, uint32_t len) {
  emulator = std::make_unique<Emulator>(std::string(dir, len));
  return done_nil();
}

// Scratch state: no fsync, journals in memory (Emulator::set_scratch).
KILN_EXPORT void kiln_emulation_scratch() {
  if (emulator) emulator->set_scratch(true);
}

// Closes the databases and empties the state directory (Emulator::reset).
KILN_EXPORT Result* kiln_emulation_reset() {
  if (!emulator) return failure("Error", "the emulation is not open");
  try {
    emulator->reset();
    return done_nil();
  } catch (const std::exception& e) {
    return failure("Error", e.what());
  }
}

KILN_EXPORT Result* kiln_emulate(const char* input, uint32_t len) {
  using namespace kiln::emulation;
  if (!emulator) return failure("Error", "the emulation is not open");
  try {
    kiln::codec::Writer out;
    emulator->call({input, len}, out);
    return done(out.take());
  } catch (const BindingError& e) {
    return failure(e.name, e.what());
  } catch (const SqlError& e) {
    return failure("Error", e.what());
  } catch (const kiln::codec::Error& e) {
    return failure("TypeError", e.what());
  } catch (const std::exception& e) {
    return failure("Error", e.what());
  }
}
