// The emulated KV and D1 of the node runtime (src/emulation/), natively
// under ASan + UBSan. What the bindings return to Ruby, compared with
// workerd, is tests/js/conformance.test.mjs; this covers the C++ layer:
// argument decoding, SQL, encodings of results and failures.
#include <catch.hpp>

#include <cstdlib>
#include <string>
#include <unistd.h>

#include "emulation/emulator.h"

using kiln::codec::Writer;
using kiln::emulation::Arg;
using kiln::emulation::BindingError;
using kiln::emulation::Emulator;

namespace {

std::string temp_dir() {
  char tmpl[] = "/tmp/kiln-emu-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  return tmpl;
}

// Builds one encoded call from strings, integers and nils.
struct Call {
  Writer w;
  int n = 0;
  std::string body;
  Call& s(const std::string& v) { Writer x; x.str(v); body += x.take(); ++n; return *this; }
  Call& b(const std::string& v) { Writer x; x.bytes(v); body += x.take(); ++n; return *this; }
  Call& i(int64_t v) { Writer x; x.integer(v); body += x.take(); ++n; return *this; }
  Call& nil() { Writer x; x.nil(); body += x.take(); ++n; return *this; }
  Call& raw(const std::string& encoded) { body += encoded; ++n; return *this; }
  std::string encoded() { Writer x; x.array(static_cast<uint32_t>(n)); x.raw(body); return x.take(); }
};

Arg run(Emulator& emu, Call c) {
  Writer out;
  emu.call(c.encoded(), out);
  std::string bytes = out.take();
  kiln::codec::Reader in(bytes);
  return kiln::emulation::read_arg(in);
}

std::string params(std::initializer_list<int64_t> values) {
  Writer w;
  w.array(static_cast<uint32_t>(values.size()));
  for (int64_t v : values) w.integer(v);
  return w.take();
}

}  // namespace

TEST_CASE("emulated KV: put, get with metadata, delete") {
  Emulator emu(temp_dir());
  REQUIRE(run(emu, Call().s("kv").s("NS").s("get").s("k")).nil());
  run(emu, Call().s("kv").s("NS").s("put").s("k").b(std::string("a\0b", 3)).nil().nil().s("{\"m\":1}"));
  Arg got = run(emu, Call().s("kv").s("NS").s("get").s("k"));
  REQUIRE(got.items.size() == 3);
  CHECK(got.items[0].s == std::string("a\0b", 3));
  CHECK(got.items[1].s == "{\"m\":1}");
  CHECK(got.items[2].nil());
  // Namespaces do not see each other's keys.
  CHECK(run(emu, Call().s("kv").s("OTHER").s("get").s("k")).nil());
  run(emu, Call().s("kv").s("NS").s("delete").s("k"));
  CHECK(run(emu, Call().s("kv").s("NS").s("get").s("k")).nil());
}

TEST_CASE("emulated KV: list pages with a cursor, prefix taken literally") {
  Emulator emu(temp_dir());
  for (const char* k : {"a%1", "a_2", "ab3", "b"}) run(emu, Call().s("kv").s("NS").s("put").s(k).b("v").nil().nil().nil());
  Arg page = run(emu, Call().s("kv").s("NS").s("list").s("a").i(2).nil());
  REQUIRE(page.items[0].items.size() == 2);
  CHECK(page.items[0].items[0].items[0].s == "a%1");
  CHECK(page.items[1].tag == kiln::codec::kFalse);
  Arg rest = run(emu, Call().s("kv").s("NS").s("list").s("a").i(2).s(page.items[2].s));
  REQUIRE(rest.items[0].items.size() == 1);
  CHECK(rest.items[0].items[0].items[0].s == "ab3");
  CHECK(rest.items[1].tag == kiln::codec::kTrue);
  Arg literal = run(emu, Call().s("kv").s("NS").s("list").s("a%").nil().nil());
  CHECK(literal.items[0].items.size() == 1);
}

TEST_CASE("emulated KV: Workers limits with workerd's messages") {
  Emulator emu(temp_dir());
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s(std::string(513, 'k')).b("v").nil().nil().nil()),
                    "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.");
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s("k").b("v").i(59).nil().nil()),
                    "KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s("k").b("v").nil().nil().s(std::string(1025, 'm'))),
                    "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024.");
  CHECK_THROWS_AS(run(emu, Call().s("kv").s("NS").s("get").s("")), BindingError);
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("frob").s("k")), "KV has no method frob");
}

TEST_CASE("emulated D1: query results, meta, batch rollback, exec lines") {
  Emulator emu(temp_dir());
  Arg exec = run(emu, Call().s("d1").s("DB").s("exec").s("CREATE TABLE t (id INTEGER PRIMARY KEY, v)\n\nINSERT INTO t (v) VALUES ('x')"));
  CHECK(exec.items[0].i == 2);
  Arg r = run(emu, Call().s("d1").s("DB").s("query").s("INSERT INTO t (v) VALUES (?)").raw(params({7})));
  REQUIRE(r.items[2].tag == kiln::codec::kHash);
  const auto& meta = r.items[2].items;  // duration, changes, last_row_id, ...
  CHECK(meta[2].s == "changes");
  CHECK(meta[3].i == 1);
  CHECK(meta[4].s == "last_row_id");
  CHECK(meta[5].i == 2);
  Arg rows = run(emu, Call().s("d1").s("DB").s("query").s("SELECT id, v FROM t ORDER BY id").raw(params({})));
  REQUIRE(rows.items[0].items.size() == 2);
  CHECK(rows.items[0].items[1].s == "v");
  REQUIRE(rows.items[1].items.size() == 2);
  CHECK(rows.items[1].items[0].items[1].s == "x");
  CHECK(rows.items[1].items[1].items[1].tag == kiln::codec::kFloat);  // a JS number binds as REAL

  Writer batch;
  batch.array(2);
  batch.array(2); batch.str("INSERT INTO t (v) VALUES (1)"); batch.array(0);
  batch.array(2); batch.str("INSERT INTO nope VALUES (1)"); batch.array(0);
  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("batch").raw(batch.take())), "D1_ERROR: no such table: nope: SQLITE_ERROR");
  Arg count = run(emu, Call().s("d1").s("DB").s("query").s("SELECT COUNT(*) FROM t").raw(params({})));
  CHECK(count.items[1].items[0].items[0].i == 2);  // the batch's first insert was rolled back

  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("exec").s("SELECT 1\nSELECT * FROM nope")),
                    "D1_EXEC_ERROR: Error in line 2: SELECT * FROM nope: no such table: nope: SQLITE_ERROR");
  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("query").s("SELECT ?").raw(params({1, 2}))),
                    "D1_ERROR: Wrong number of parameter bindings for SQL query.");
  CHECK_THROWS_AS(run(emu, Call().s("d1").s("../x").s("query").s("SELECT 1").raw(params({}))), BindingError);
}

TEST_CASE("emulated bindings: malformed calls are errors, not crashes") {
  Emulator emu(temp_dir());
  CHECK_THROWS_AS(emu.call(std::string("\x07\x01\x00", 3), *std::make_unique<Writer>()), kiln::codec::Error);
  Writer out;
  CHECK_THROWS_WITH(emu.call(Call().s("r2").s("B").s("get").encoded(), out), "no emulation for r2 bindings");
}
