// The entry point JS calls: kiln_emulation_open(dir) and
// kiln_emulate([kind, namespace, method, ...]) -> Done(value) | Failed({name, message}).
#include "emulation/emulator.h"

#include <cstdint>

#include <emscripten/emscripten.h>

namespace kiln::emulation {

Arg read_arg(codec::Reader& in) {
  Arg a;
  a.tag = in.next();
  switch (a.tag) {
    case codec::kInt: a.i = in.integer(); break;
    case codec::kFloat: a.f = in.number(); break;
    case codec::kStr: case codec::kBytes: a.s = std::string(in.blob()); break;
    case codec::kArray: for (uint32_t n = in.count(); n > 0; --n) a.items.push_back(read_arg(in)); break;
    case codec::kHash: throw codec::Error("emulated bindings take no hashes");
    default: break;
  }
  return a;
}

Database& Emulator::database(const std::string& file) {
  auto& db = open_[file];
  if (!db) {
    db = std::make_unique<Database>(dir_ + "/" + file);
    // WAL needs shared memory, which emscripten's NODERAWFS lacks: a
    // rollback journal keeps the files consistent for one process at a time.
    db->exec("PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON;");
  }
  return *db;
}

}  // namespace kiln::emulation

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

extern "C" EMSCRIPTEN_KEEPALIVE Result* kiln_emulate(const char* input, uint32_t len) {
  using namespace kiln::emulation;
  if (!emulator) return failure("Error", "the emulation is not open");
  try {
    kiln::codec::Reader in({input, len});
    Arg call = read_arg(in);
    if (call.tag != kiln::codec::kArray || call.items.size() < 3) throw kiln::codec::Error("expected [kind, name, method, ...]");
    std::string kind = call.items[0].s;
    std::vector<Arg> args(call.items.begin() + 1, call.items.end());
    kiln::codec::Writer out;
    if (kind == "kv") kv_call(*emulator, args, out);
    else if (kind == "d1") d1_call(*emulator, args, out);
    else throw BindingError("no emulation for " + kind + " bindings");
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
