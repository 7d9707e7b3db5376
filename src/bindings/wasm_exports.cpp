// The C ABI js/node/bindings/index.js calls in the node-only runtime:
// kiln_emulation_open(dir), kiln_emulation_reset() and kiln_emulate([kind, name, method, ...]) ->
// Done(value) | Failed({name, message}), laid out like wasm_api.cpp's results.
#include <cstdint>
#include <memory>
#include <string>

#include <emscripten/emscripten.h>

#include "bindings/emulator.h"

namespace {

using kiln::emulation::Emulator;

struct Result {
  uint32_t kind, request;
  const char* data;
  uint32_t size;
};

std::unique_ptr<Emulator> emulator;
std::string payload;
Result result;

Result* publish(uint32_t kind, std::string bytes) {
  payload = std::move(bytes);
  result = {kind, 0, payload.data(), static_cast<uint32_t>(payload.size())};
  return &result;
}

Result* failure(const char* name, const std::string& message) {
  kiln::codec::Writer w;
  w.hash(2);
  w.str("name"); w.str(name);
  w.str("message"); w.str(message);
  return publish(2, w.take());
}

}  // namespace

// dir must exist (JS creates it); every database file lives in it.
extern "C" EMSCRIPTEN_KEEPALIVE void kiln_emulation_open(const char* dir, uint32_t len) {
  emulator = std::make_unique<Emulator>(std::string(dir, len));
}

// Scratch state: no fsync, journals in memory (Emulator::set_scratch).
extern "C" EMSCRIPTEN_KEEPALIVE void kiln_emulation_scratch() {
  if (emulator) emulator->set_scratch(true);
}

// Closes the databases and empties the state directory (Emulator::reset).
extern "C" EMSCRIPTEN_KEEPALIVE Result* kiln_emulation_reset() {
  if (!emulator) return failure("Error", "the emulation is not open");
  try {
    emulator->reset();
    kiln::codec::Writer w;
    w.nil();
    return publish(0, w.take());
  } catch (const std::exception& e) {
    return failure("Error", e.what());
  }
}

extern "C" EMSCRIPTEN_KEEPALIVE Result* kiln_emulate(const char* input, uint32_t len) {
  using namespace kiln::emulation;
  if (!emulator) return failure("Error", "the emulation is not open");
  try {
    kiln::codec::Writer out;
    emulator->call({input, len}, out);
    return publish(0, out.take());
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
