// The emulator's shared parts: argument decoding, database files, dispatch.
#include "bindings/emulator.h"

#include <cstdint>
#include <filesystem>
#include <system_error>

#include <sqlite3.h>

#include "crypto/base64.h"

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

std::string to_cursor(const std::string& key) { return base64::encode(key, true, false); }

std::string from_cursor(const std::string& cursor) {
  std::string padded = cursor, key;
  padded.append((4 - padded.size() % 4) % 4, '=');
  return base64::decode_strict(padded, key, true) ? key : base64::decode_lenient(cursor);
}

uint32_t write_rows(Statement& s, RowShape shape, codec::Writer& out, uint32_t max) {
  int ncols = s.columns();
  uint32_t n = 0;
  while (s.step()) {
    if (n == max) continue;
    if (shape == RowShape::Hash) out.hash(static_cast<uint32_t>(ncols)); else out.array(static_cast<uint32_t>(ncols));
    for (int i = 0; i < ncols; ++i) {
      if (shape == RowShape::Hash) out.str(s.column_name(i));
      write_column(s, i, out);
    }
    ++n;
  }
  return n;
}

Database& Emulator::database(const std::string& file, const char* schema, void (*opened)(Emulator&, Database&)) {
  auto& db = open_[file];
  if (!db) {
    db = std::make_unique<Database>(dir_ + "/" + file);
    // WAL needs shared memory, which emscripten's NODERAWFS lacks: a
    // rollback journal keeps the files consistent for one process at a time.
    db->exec("PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON;");
    if (scratch_) db->exec("PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;");
    if (schema) db->exec(schema);
    if (opened) opened(*this, *db);
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
  else if (kind == "cache") cache_call(*this, args, out);
  else throw BindingError("no emulation for " + kind + " bindings");
}

}  // namespace kiln::emulation

