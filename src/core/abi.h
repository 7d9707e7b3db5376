// The wasm call ABI, C++ half: every exported function that answers returns a
// pointer to one Result, laid out as four little-endian uint32 words
// [kind, request, data pointer, size]. js/worker/wasm.js is the JS half (it
// copies the payload out before the next call). Used by src/core/wasm_api.cpp
// (the runtime) and src/bindings/wasm_exports.cpp (the node-only emulator).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define KILN_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define KILN_EXPORT extern "C"
#endif

namespace kiln::abi {

// A kind beyond kiln::Step::Kind, of this ABI alone: the call failed in a way
// that leaves the instance unusable (js/worker/wasm.js BROKEN).
constexpr uint32_t kBroken = 3;

struct Result {
  uint32_t kind, request;  // kind: kiln::Step::Kind (Done 0, Await 1, Failed 2) or kBroken
  const char* data;
  uint32_t size;
};
static_assert(sizeof(void*) != 4 || sizeof(Result) == 16, "JS reads a Result as four uint32 words");

// The answer of the last call: its payload stays valid until the next publish.
class Outbox {
 public:
  Result* publish(uint32_t kind, uint32_t request, std::string payload) {
    payload_ = std::move(payload);
    result_ = {kind, request, payload_.data(), static_cast<uint32_t>(payload_.size())};
    return &result_;
  }

 private:
  std::string payload_;
  Result result_{};
};

}  // namespace kiln::abi
