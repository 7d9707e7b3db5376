// The emulator's shared parts: argument decoding, database files, dispatch.
#include "bindings/emulator.h"

#include <cstdint>
#include <filesystem>
#include <system_error>

#include <sqlite3.h>

namespace kiln::emulation {

Arg read_arg(codec::Reader& in) {
  Arg a;
  a.tag = in.next();
  switch (a.tag) {
    case codec::kInt: a.i = in.integer(); break;
    case codec::kFloat: a.f = in.number(); break;
    case codec::kStr: case codec::kBytes: a.s = std::string(in.blob()); break;
    case codec::kArray: for (uint32_t n = in.count(); n > 0; --n) a.items.push_back(read_arg(in)); break;
    case codec::kHash:  // keys and values alternate in items
      for (uint32_t n = in.count() * 2; n > 0; --n) a.items.push_back(read_arg(in));
      break;
    default: break;
  }
  return a;
}

const Arg& at(const std::vector<Arg>& args, size_t i) {
  static const Arg nil;
  return i < args.size() ? args[i] : nil;
}

void write_column(const Statement& s, int i, codec::Writer& out) {
  switch (s.column_type(i)) {
    case SQLITE_INTEGER: out.integer(s.column_int(i)); break;
    case SQLITE_FLOAT: out.number(s.column_double(i)); break;
    case SQLITE_TEXT: out.str(s.column_text(i)); break;
    case SQLITE_BLOB: out.bytes(s.column_blob(i)); break;
    default: out.nil();
  }
}

Database& Emulator::database(const std::string& file, const char* schema) {
  auto& db = open_[file];
  if (!db) {
    db = std::make_unique<Database>(dir_ + "/" + file);
    // WAL needs shared memory, which emscripten's NODERAWFS lacks: a
    // rollback journal keeps the files consistent for one process at a time.
    db->exec("PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON;");
    if (scratch_) db->exec("PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;");
    if (schema) db->exec(schema);
  }
  return *db;
}

void Emulator::reset() {
  open_.clear();
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    fs::remove_all(it->path(), ec);
    if (ec) break;
  }
  if (ec) throw BindingError("cannot reset the emulated state in " + dir_ + ": " + ec.message());
}

void Emulator::call(std::string_view input, codec::Writer& out) {
  codec::Reader in(input);
  Arg call = read_arg(in);
  if (call.tag != codec::kArray || call.items.size() < 3) throw codec::Error("expected [kind, name, method, ...]");
  const std::string& kind = call.items[0].s;
  std::vector<Arg> args(call.items.begin() + 1, call.items.end());
  if (kind == "kv") kv_call(*this, args, out);
  else if (kind == "d1") d1_call(*this, args, out);
  else if (kind == "do") durable_object_call(*this, args, out);
  else if (kind == "queue") queue_call(*this, args, out);
  else if (kind == "r2") r2_call(*this, args, out);
  else throw BindingError("no emulation for " + kind + " bindings");
}

}  // namespace kiln::emulation

