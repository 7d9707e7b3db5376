// Emulated Workers bindings for the node-only runtime (kiln_node): KV, D1, R2, Durable Objects, Queues and the Cache API
// on real SQLite files under one state directory (APP_DIR/.kiln). JS
// (js/node/bindings/<binding>.js) checks each binding call and flattens it into
// a plain argument list; the answer is one codec value, already the op's
// result as the Workers half (js/worker/bindings/<binding>.js) gives it, so
// both paths hand Ruby the same value (docs/bindings/ops.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec.h"
#include "bindings/sqlite.h"

namespace kiln::emulation {

// A failure the binding would report: JS raises it as an Error (or the
// JS class name given) with this message.
struct BindingError : std::runtime_error {
  explicit BindingError(const std::string& message, const char* name = "Error") : std::runtime_error(message), name(name) {}
  const char* name;
};

// One decoded argument (the scalars bindings take).
struct Arg {
  codec::Tag tag = codec::kNil;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Arg> items;  // kArray; kHash: key, value, key, value...
  bool nil() const { return tag == codec::kNil; }
};

Arg read_arg(codec::Reader& in);
// args[i], or nil past the end.
const Arg& at(const std::vector<Arg>& args, size_t i);
// Column i of the current row as a codec value (INTEGER, REAL, TEXT, BLOB, NULL).
void write_column(const Statement& s, int i, codec::Writer& out);
// Steps s to its end and writes up to max of its rows, each an Array of
// values or a Hash column name -> value; returns how many it wrote.
// KV and R2 list cursors are opaque strings on Workers: here the base64url
// of the last key listed, and back.
std::string to_cursor(const std::string& key);
std::string from_cursor(const std::string& cursor);
enum class RowShape { Array, Hash };
uint32_t write_rows(Statement& s, RowShape shape, codec::Writer& out, uint32_t max = UINT32_MAX);

class Emulator {
 public:
  explicit Emulator(std::string dir) : dir_(std::move(dir)) {}
  // Opens (once) a database file under the state directory; schema (SQL,
  // idempotent) runs each time the file is opened, so also after reset().
  // opened: called once after each opening (after the schema), e.g. to
  // sweep what a killed process left behind.
  Database& database(const std::string& file, const char* schema = nullptr, void (*opened)(Emulator&, Database&) = nullptr);
  const std::string& dir() const { return dir_; }
  // One encoded call [kind, name, method, ...]: writes the answer or throws
  // BindingError / SqlError / codec::Error.
  void call(std::string_view input, codec::Writer& out);
  // Closes every database and deletes everything under the state directory:
  // all bindings start empty again (kiln test, before each test).
  void reset();
  // Scratch state (kiln test): databases opened from now on skip fsync and
  // keep their journal in memory; a crash may lose them, which is fine for
  // state thrown away after the run.
  void set_scratch(bool scratch) { scratch_ = scratch; }

 private:
  std::string dir_;
  std::map<std::string, std::unique_ptr<Database>> open_;
  bool scratch_ = false;
};

// args: [namespace, method, ...]; writes the answer.
void kv_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);
void d1_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);
// [class, id, method, ...]: one Durable Object's storage, SQL and alarm.
void durable_object_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);
// [queue, method, ...]: messages of emulated Queues.
void queue_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);
// [cache, method, url, ...]: the Cache API (cache "" is caches.default).
void cache_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);
// [bucket, method, ...]: R2 objects, bodies as files under the state dir.
void r2_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out);

}  // namespace kiln::emulation
