// The emulated KV, D1, R2, Durable Objects and Queues of the node runtime
// (src/bindings/), natively under ASan + UBSan. What the bindings return to
// Ruby, compared with workerd, is tests/conformance/conformance.test.mjs; this
// covers the C++ layer: argument decoding, SQL, the answers in each op's
// final shape (docs/bindings/ops.md) and failures.
#include <catch.hpp>

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "crypto/base64.h"
#include "crypto/digest.h"
#include "bindings/emulator.h"

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
  Call& then(const Call& more) { body += more.body; n += more.n; return *this; }
  std::string encoded() { Writer x; x.array(static_cast<uint32_t>(n)); x.raw(body); return x.take(); }
};

Arg run(Emulator& emu, Call c) {
  Writer out;
  emu.call(c.encoded(), out);
  std::string bytes = out.take();
  kiln::codec::Reader in(bytes);
  return kiln::emulation::read_arg(in);
}

// hash[key], or nil when absent (a Hash Arg: key, value, key, value...).
const Arg& field(const Arg& hash, const std::string& key) {
  static const Arg nil;
  REQUIRE(hash.tag == kiln::codec::kHash);
  for (size_t i = 0; i + 1 < hash.items.size(); i += 2)
    if (hash.items[i].s == key) return hash.items[i + 1];
  return nil;
}

// The keys of a Hash Arg, in order.
std::vector<std::string> keys_of(const Arg& hash) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < hash.items.size(); i += 2) out.push_back(hash.items[i].s);
  return out;
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
  REQUIRE(run(emu, Call().s("kv").s("NS").s("get").s("k").s("text")).nil());
  CHECK(run(emu, Call().s("kv").s("NS").s("get_with_metadata").s("k").s("text")).items.size() == 2);  // [nil, nil]
  run(emu, Call().s("kv").s("NS").s("put").s("k").b(std::string("a\0b", 3)).nil().nil().s("{\"m\":1}"));
  Arg got = run(emu, Call().s("kv").s("NS").s("get").s("k").s("binary"));
  CHECK(got.tag == kiln::codec::kBytes);
  CHECK(got.s == std::string("a\0b", 3));
  CHECK(run(emu, Call().s("kv").s("NS").s("get").s("k").s("text")).tag == kiln::codec::kStr);
  // A json value is answered as its text: JS parses it, as Workers does.
  CHECK(run(emu, Call().s("kv").s("NS").s("get").s("k").s("json")).tag == kiln::codec::kStr);
  Arg with = run(emu, Call().s("kv").s("NS").s("get_with_metadata").s("k").s("binary"));
  REQUIRE(with.items.size() == 2);
  CHECK(with.items[0].s == std::string("a\0b", 3));
  CHECK(with.items[1].s == "{\"m\":1}");
  // Namespaces do not see each other's keys.
  CHECK(run(emu, Call().s("kv").s("OTHER").s("get").s("k").s("text")).nil());
  CHECK(run(emu, Call().s("kv").s("NS").s("delete").s("k")).nil());
  CHECK(run(emu, Call().s("kv").s("NS").s("get").s("k").s("text")).nil());
}

TEST_CASE("emulated KV: list pages with a cursor, prefix taken literally") {
  Emulator emu(temp_dir());
  for (const char* k : {"a%1", "a_2", "ab3", "b"}) run(emu, Call().s("kv").s("NS").s("put").s(k).b("v").nil().nil().nil());
  // {keys: [{name, expiration, metadata}], list_complete, cursor}
  Arg page = run(emu, Call().s("kv").s("NS").s("list").s("a").i(2).nil());
  CHECK(keys_of(page) == std::vector<std::string>{"keys", "list_complete", "cursor"});
  REQUIRE(field(page, "keys").items.size() == 2);
  CHECK(keys_of(field(page, "keys").items[0]) == std::vector<std::string>{"name", "expiration", "metadata"});
  CHECK(field(field(page, "keys").items[0], "name").s == "a%1");
  CHECK(field(page, "list_complete").tag == kiln::codec::kFalse);
  // The cursor is opaque (base64url of the last key), and pages on.
  const std::string cursor = field(page, "cursor").s;
  CHECK(cursor == "YV8y");
  Arg rest = run(emu, Call().s("kv").s("NS").s("list").s("a").i(2).s(cursor));
  REQUIRE(field(rest, "keys").items.size() == 1);
  CHECK(field(field(rest, "keys").items[0], "name").s == "ab3");
  CHECK(field(rest, "list_complete").tag == kiln::codec::kTrue);
  CHECK(field(rest, "cursor").nil());
  Arg literal = run(emu, Call().s("kv").s("NS").s("list").s("a%").nil().nil());
  CHECK(field(literal, "keys").items.size() == 1);
}

TEST_CASE("emulated KV: Workers limits with workerd's messages") {
  Emulator emu(temp_dir());
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s(std::string(513, 'k')).b("v").nil().nil().nil()),
                    "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.");
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s("k").b("v").i(59).nil().nil()),
                    "KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("put").s("k").b("v").nil().nil().s(std::string(1025, 'm'))),
                    "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024.");
  CHECK_THROWS_AS(run(emu, Call().s("kv").s("NS").s("get").s("").s("text")), BindingError);
  CHECK_THROWS_WITH(run(emu, Call().s("kv").s("NS").s("frob").s("k")), "KV has no method frob");
}

TEST_CASE("emulated D1: all / run / raw / first, meta, batch rollback, exec lines") {
  Emulator emu(temp_dir());
  Arg exec = run(emu, Call().s("d1").s("DB").s("exec").s("CREATE TABLE t (id INTEGER PRIMARY KEY, v)\n\nINSERT INTO t (v) VALUES ('x')"));
  CHECK(keys_of(exec) == std::vector<std::string>{"count", "duration"});
  CHECK(field(exec, "count").i == 2);
  // {results, success, meta}
  Arg r = run(emu, Call().s("d1").s("DB").s("run").s("INSERT INTO t (v) VALUES (?)").raw(params({7})));
  CHECK(keys_of(r) == std::vector<std::string>{"results", "success", "meta"});
  CHECK(field(r, "success").tag == kiln::codec::kTrue);
  const Arg& meta = field(r, "meta");
  CHECK(keys_of(meta) == std::vector<std::string>{"duration", "changes", "last_row_id", "changed_db", "rows_read", "rows_written"});
  CHECK(field(meta, "changes").i == 1);
  CHECK(field(meta, "last_row_id").i == 2);
  Arg rows = run(emu, Call().s("d1").s("DB").s("all").s("SELECT id, v FROM t ORDER BY id").raw(params({})));
  const Arg& results = field(rows, "results");
  REQUIRE(results.items.size() == 2);
  CHECK(keys_of(results.items[0]) == std::vector<std::string>{"id", "v"});
  CHECK(field(results.items[0], "v").s == "x");
  CHECK(field(results.items[1], "v").tag == kiln::codec::kFloat);  // a JS number binds as REAL
  CHECK(field(field(rows, "meta"), "rows_read").i == 2);
  Arg raw = run(emu, Call().s("d1").s("DB").s("raw").s("SELECT id, v FROM t ORDER BY id").raw(params({})));
  REQUIRE(raw.items.size() == 2);
  CHECK(raw.items[0].tag == kiln::codec::kArray);
  CHECK(raw.items[0].items[1].s == "x");
  Arg first = run(emu, Call().s("d1").s("DB").s("first").s("SELECT id, v FROM t ORDER BY id").raw(params({})));
  CHECK(field(first, "id").i == 1);
  CHECK(run(emu, Call().s("d1").s("DB").s("first").s("SELECT * FROM t WHERE id > 9").raw(params({}))).nil());

  Writer batch;
  batch.array(2);
  batch.array(2); batch.str("INSERT INTO t (v) VALUES (1)"); batch.array(0);
  batch.array(2); batch.str("INSERT INTO nope VALUES (1)"); batch.array(0);
  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("batch").raw(batch.take())), "D1_ERROR: no such table: nope: SQLITE_ERROR");
  Arg count = run(emu, Call().s("d1").s("DB").s("first").s("SELECT COUNT(*) AS n FROM t").raw(params({})));
  CHECK(field(count, "n").i == 2);  // the batch's first insert was rolled back
  Writer ok;
  ok.array(1);
  ok.array(2); ok.str("SELECT COUNT(*) AS n FROM t"); ok.array(0);
  Arg batched = run(emu, Call().s("d1").s("DB").s("batch").raw(ok.take()));
  REQUIRE(batched.items.size() == 1);
  CHECK(field(batched.items[0], "success").tag == kiln::codec::kTrue);
  CHECK(field(field(batched.items[0], "results").items.at(0), "n").i == 2);

  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("exec").s("SELECT 1\nSELECT * FROM nope")),
                    "D1_EXEC_ERROR: Error in line 2: SELECT * FROM nope: no such table: nope: SQLITE_ERROR");
  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("all").s("SELECT ?").raw(params({1, 2}))),
                    "D1_ERROR: Wrong number of parameter bindings for SQL query.");
  CHECK_THROWS_AS(run(emu, Call().s("d1").s("../x").s("all").s("SELECT 1").raw(params({}))), BindingError);
  CHECK_THROWS_WITH(run(emu, Call().s("d1").s("DB").s("query").s("SELECT 1").raw(params({}))), "D1 has no method query");
}

namespace {

std::string hash(std::initializer_list<std::pair<const char*, const char*>> fields) {
  Writer w;
  w.hash(static_cast<uint32_t>(fields.size()));
  for (const auto& f : fields) { w.str(f.first); w.str(f.second); }
  return w.take();
}

std::string strings(std::initializer_list<std::string> values) {
  Writer w;
  w.array(static_cast<uint32_t>(values.size()));
  for (const auto& v : values) w.str(v);
  return w.take();
}

Arg r2_put(Emulator& emu, const std::string& key, const std::string& body) {
  return run(emu, Call().s("r2").s("B").s("put").s(key).b(body).raw(hash({})).raw(hash({})));
}

Arg r2_get(Emulator& emu, const std::string& key) { return run(emu, Call().s("r2").s("B").s("get").s(key).nil().nil().nil()); }

// The names of a list answer {objects, truncated, cursor, delimited_prefixes}:
// the objects' keys, then each prefix with a "*".
std::vector<std::string> names(const Arg& list) {
  std::vector<std::string> out;
  for (const Arg& o : field(list, "objects").items) out.push_back(field(o, "key").s);
  for (const Arg& p : field(list, "delimited_prefixes").items) out.push_back(p.s + "*");
  return out;
}

const std::string& body(const Arg& object) { return field(object, "body").s; }
const std::string& version(const Arg& object) { return field(object, "version").s; }

size_t files_in(const std::string& dir) {
  size_t n = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
    closedir(d);
  }
  return n;
}

}  // namespace

TEST_CASE("emulated R2: put, get, head, overwrite and delete; bodies are files named by version") {
  std::string dir = temp_dir();
  Emulator emu(dir);
  CHECK(r2_get(emu, "a").nil());
  Arg put = run(emu, Call().s("r2").s("B").s("put").s("a").b(std::string("he\0lo", 5))
                        .raw(hash({{"contentType", "text/plain"}, {"nope", "x"}})).raw(hash({{"k", "v"}})));
  // An object as Ruby's R2Object reads it (js/worker/bindings/r2.js).
  CHECK(keys_of(put) == std::vector<std::string>{"key", "size", "etag", "version", "uploaded", "http_metadata", "custom_metadata"});
  CHECK(field(put, "key").s == "a");
  CHECK(field(put, "size").i == 5);
  CHECK(field(put, "etag").s == kiln::digest::hex(kiln::digest::hash(kiln::digest::Algorithm::md5, std::string("he\0lo", 5))));
  CHECK(version(put).size() == 32);
  // uploaded: an ISO time, as Date#toISOString writes it.
  const std::string& uploaded = field(put, "uploaded").s;
  REQUIRE(uploaded.size() == 24);
  CHECK(uploaded.substr(0, 2) == "20");
  CHECK(uploaded[10] == 'T');
  CHECK(uploaded[19] == '.');
  CHECK(uploaded.back() == 'Z');
  CHECK(keys_of(field(put, "http_metadata")) == std::vector<std::string>{"contentType"});  // unknown fields are dropped
  CHECK(field(field(put, "custom_metadata"), "k").s == "v");
  CHECK(files_in(dir + "/r2") == 1);
  std::ifstream blob(dir + "/r2/" + version(put), std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(blob), {}) == std::string("he\0lo", 5));

  Arg got = r2_get(emu, "a");
  CHECK(keys_of(got).back() == "body");
  CHECK(body(got) == std::string("he\0lo", 5));
  CHECK(field(got, "body").tag == kiln::codec::kBytes);
  Arg head = run(emu, Call().s("r2").s("B").s("head").s("a"));
  CHECK(keys_of(head) == keys_of(put));  // no body
  CHECK(run(emu, Call().s("r2").s("OTHER").s("head").s("a")).nil());  // buckets are separate

  Arg again = r2_put(emu, "a", "second");
  CHECK(version(again) != version(put));
  CHECK(files_in(dir + "/r2") == 1);  // the old version's file is gone
  CHECK(body(r2_get(emu, "a")) == "second");
  CHECK(field(r2_get(emu, "a"), "http_metadata").items.empty());  // an overwrite replaces metadata

  // A body file gone from under the emulation is a clear error, not a crash.
  Arg lost = r2_put(emu, "lost", "x");
  std::remove((dir + "/r2/" + version(lost)).c_str());
  CHECK_THROWS_AS(r2_get(emu, "lost"), BindingError);
  CHECK(field(run(emu, Call().s("r2").s("B").s("head").s("lost")), "size").i == 1);

  r2_put(emu, "b", "x");
  run(emu, Call().s("r2").s("B").s("delete").raw(strings({"a", "b", "lost", "never"})));
  CHECK(r2_get(emu, "a").nil());
  CHECK(files_in(dir + "/r2") == 0);
}

TEST_CASE("emulated R2: keys that look like paths are only keys") {
  std::string dir = temp_dir();
  Emulator emu(dir);
  const std::string keys[] = {"../x", "../../etc/passwd", "/abs", "a/../b", "..", ".", "", std::string("nul\0key", 7)};
  for (const std::string& k : keys) r2_put(emu, k, "v:" + k);
  for (const std::string& k : keys) CHECK(body(r2_get(emu, k)) == "v:" + k);
  CHECK(files_in(dir) == 2);  // r2.sqlite3 and r2/: nothing written beside them
  CHECK(files_in(dir + "/r2") == std::size(keys));
  CHECK(r2_get(emu, "x").nil());
  CHECK(r2_get(emu, "etc/passwd").nil());
}

TEST_CASE("emulated R2: ranges, and workerd's range errors") {
  Emulator emu(temp_dir());
  r2_put(emu, "r", "0123456789");
  auto range = [&](const Call& c) { return body(run(emu, Call().s("r2").s("B").s("get").s("r").then(c))); };
  CHECK(range(Call().i(2).i(3).nil()) == "234");
  CHECK(range(Call().i(7).nil().nil()) == "789");
  CHECK(range(Call().nil().i(4).nil()) == "0123");
  CHECK(range(Call().nil().nil().i(3)) == "789");
  CHECK(range(Call().nil().nil().i(50)) == "0123456789");
  CHECK(range(Call().i(8).i(10).nil()) == "89");
  CHECK(field(run(emu, Call().s("r2").s("B").s("get").s("r").i(2).i(3).nil()), "size").i == 10);  // size is the object's
  CHECK_THROWS_WITH(range(Call().i(10).nil().nil()), "get: The requested range is not satisfiable (10039)");
  CHECK_THROWS_WITH(range(Call().i(1).i(0).nil()), "get: The requested range is not satisfiable (10039)");
  CHECK_THROWS_WITH(range(Call().nil().nil().i(0)), "get: The requested range is not satisfiable (10039)");
  CHECK_THROWS_WITH(range(Call().i(-1).nil().nil()), "Invalid range. Starting offset (-1) must be greater than or equal to 0.");
  CHECK_THROWS_WITH(range(Call().nil().i(-1).nil()), "Invalid range. Length (-1) must be greater than or equal to 0.");
  CHECK_THROWS_WITH(range(Call().nil().nil().i(-2)), "Invalid suffix. Suffix (-2) must be greater than or equal to 0.");
  CHECK_THROWS_WITH(range(Call().i(1).nil().i(2)), "Suffix is incompatible with offset.");
  Writer fraction;
  fraction.number(2.7);
  CHECK_THROWS_WITH(range(Call().raw(fraction.take()).nil().nil()), "Invalid range. Starting offset (2.7) must be an integer, not floating point.");
  r2_put(emu, "empty", "");
  CHECK(body(r2_get(emu, "empty")).empty());
  CHECK_THROWS_AS(run(emu, Call().s("r2").s("B").s("get").s("empty").i(0).nil().nil()), BindingError);
}

TEST_CASE("emulated R2: list pages with a cursor; a delimiter groups keys into prefixes") {
  Emulator emu(temp_dir());
  for (const char* k : {"d/a", "d/b/1", "d/b/2", "d/c/x/1", "d/z", "d/b", "e", "d%"}) r2_put(emu, k, "x");
  auto list = [&](const char* prefix, const char* delimiter, const std::string* after, int64_t limit) {
    Call c;
    c.s("r2").s("B").s("list").s(prefix);
    if (delimiter) c.s(delimiter); else c.nil();
    if (after) c.s(*after); else c.nil();
    return run(emu, c.i(limit));
  };
  Arg all = list("d/", "/", nullptr, 1000);
  CHECK(names(all) == std::vector<std::string>{"d/a", "d/b", "d/z", "d/b/*", "d/c/*"});
  CHECK(keys_of(all) == std::vector<std::string>{"objects", "truncated", "cursor", "delimited_prefixes"});
  CHECK(field(all, "truncated").tag == kiln::codec::kFalse);
  CHECK(field(all, "cursor").nil());
  // Pages of two: a prefix counts as one entry, and the cursor (opaque:
  // base64url of the last key) skips all of its keys.
  Arg p1 = list("d/", "/", nullptr, 2);
  CHECK(names(p1) == std::vector<std::string>{"d/a", "d/b"});
  CHECK(field(p1, "truncated").tag == kiln::codec::kTrue);
  REQUIRE(field(p1, "cursor").s == "ZC9i");
  Arg p2 = list("d/", "/", &field(p1, "cursor").s, 2);
  CHECK(names(p2) == std::vector<std::string>{"d/b/*", "d/c/*"});
  REQUIRE(field(p2, "cursor").s == kiln::base64::encode("d/c/x/1", true, false));
  Arg p3 = list("d/", "/", &field(p2, "cursor").s, 2);
  CHECK(names(p3) == std::vector<std::string>{"d/z"});
  CHECK(field(p3, "cursor").nil());
  // Without a delimiter every key is an object; the prefix is literal; objects carry no metadata.
  Arg flat = list("d", nullptr, nullptr, 1000);
  CHECK(field(flat, "objects").items.size() == 7);
  CHECK(field(field(flat, "objects").items[0], "key").s == "d%");
  CHECK(field(field(flat, "objects").items[0], "http_metadata").items.empty());
  CHECK(names(list("d%", nullptr, nullptr, 1000)) == std::vector<std::string>{"d%"});
  CHECK(names(list("", "/", nullptr, 1000)) == std::vector<std::string>{"d%", "e", "d/*"});
  CHECK_THROWS_WITH(list("", nullptr, nullptr, 0), "list: MaxKeys params must be positive integer <= 1000. (10022)");
  CHECK_THROWS_WITH(list("", nullptr, nullptr, 1001), "list: MaxKeys params must be positive integer <= 1000. (10022)");
}

TEST_CASE("emulated R2: Workers limits with workerd's messages") {
  Emulator emu(temp_dir());
  CHECK(field(r2_put(emu, std::string(1024, 'k'), "v"), "key").s.size() == 1024);
  CHECK_THROWS_WITH(r2_put(emu, std::string(1025, 'k'), "v"), "put: The specified object name is not valid. (10020)");
  CHECK_THROWS_WITH(r2_get(emu, std::string(1025, 'k')), "get: The specified object name is not valid. (10020)");
  CHECK_THROWS_WITH(run(emu, Call().s("r2").s("B").s("delete").raw(strings({"ok", std::string(1025, 'k')}))),
                    "delete: The specified object name is not valid. (10020)");
  // R2 counts UTF-16 units, twice over for a string with a character beyond U+00FF.
  auto put_custom = [&](const std::string& value) {
    return run(emu, Call().s("r2").s("B").s("put").s("m").b("x").raw(hash({})).raw(hash({{"k", value.c_str()}})));
  };
  CHECK_NOTHROW(put_custom(std::string(2047, 'v')));
  CHECK_THROWS_WITH(put_custom(std::string(2048, 'v')), "put: Your metadata headers exceed the maximum allowed metadata size. (10012)");
  std::string wide;
  for (int i = 0; i < 1023; ++i) wide += "\xc4\x80";  // U+0100, 2 bytes, counted 2
  CHECK_NOTHROW(put_custom(wide));
  CHECK_THROWS_AS(put_custom(wide + "\xc4\x80"), BindingError);
  CHECK_NOTHROW(put_custom(std::string(2046, 'v') + "\xc3\xa9"));  // é (U+00E9) counts 1, not doubled
  CHECK_THROWS_WITH(run(emu, Call().s("r2").s("B").s("frob").s("k")), "R2 has no method frob");
}

TEST_CASE("emulated bindings: malformed calls are errors, not crashes") {
  Emulator emu(temp_dir());
  CHECK_THROWS_AS(emu.call(std::string("\x07\x01\x00", 3), *std::make_unique<Writer>()), kiln::codec::Error);
  Writer out;
  CHECK_THROWS_WITH(emu.call(Call().s("ai").s("AI").s("run").encoded(), out), "no emulation for ai bindings");
}

namespace {

const std::string kId(64, 'a'), kOther(64, 'b');

// [[key, value]...] as one encoded argument (strings() above: [key...]);
// each value is a String, encoded as JS encodes stored values.
std::string pairs(std::initializer_list<std::pair<std::string, std::string>> kv) {
  Writer w;
  w.array(static_cast<uint32_t>(kv.size()));
  for (const auto& [k, v] : kv) {
    Writer value;
    value.str(v);
    w.array(2); w.str(k); w.bytes(value.take());
  }
  return w.take();
}

Call object(const std::string& id, const std::string& method) { return Call().s("do").s("Counter").s(id).s(method); }


}  // namespace

TEST_CASE("emulated Durable Objects: storage per object, list options, delete counts") {
  Emulator emu(temp_dir());
  run(emu, object(kId, "put").raw(pairs({{"b", "2"}, {"a", "1"}, {"c", "3"}, {"x:1", "9"}})));
  // Many keys: {key => value} of those found; one key: its value, or nil.
  Arg many = run(emu, object(kId, "get").raw(strings({"a", "c", "missing"})));
  REQUIRE(keys_of(many) == std::vector<std::string>{"a", "c"});
  // Values are answered as stored (JS encoded them).
  CHECK(field(many, "c").s == "3");
  CHECK(run(emu, object(kId, "get").s("b")).s == "2");
  CHECK(run(emu, object(kId, "get").s("missing")).nil());
  // Another object of the class sees nothing.
  REQUIRE(run(emu, object(kOther, "get").raw(strings({"a"}))).items.empty());
  // [prefix, limit, start, end, reverse]
  REQUIRE(keys_of(run(emu, object(kId, "list").nil().nil().nil().nil().nil())) == std::vector<std::string>{"a", "b", "c", "x:1"});
  REQUIRE(keys_of(run(emu, object(kId, "list").s("x:").nil().nil().nil().nil())) == std::vector<std::string>{"x:1"});
  REQUIRE(keys_of(run(emu, object(kId, "list").nil().i(2).s("b").nil().nil())) == std::vector<std::string>{"b", "c"});
  REQUIRE(keys_of(run(emu, object(kId, "list").nil().nil().s("a").s("c").nil())) == std::vector<std::string>{"a", "b"});
  {
    Writer t; t.boolean(true);
    REQUIRE(keys_of(run(emu, object(kId, "list").nil().i(2).nil().nil().raw(t.take()))) == std::vector<std::string>{"x:1", "c"});
  }
  REQUIRE_THROWS_AS(run(emu, object(kId, "list").nil().i(0).nil().nil().nil()), BindingError);
  REQUIRE(run(emu, object(kId, "delete").raw(strings({"a", "b", "nope"}))).i == 2);
  CHECK(run(emu, object(kId, "delete").s("c")).tag == kiln::codec::kTrue);  // one key: whether it existed
  CHECK(run(emu, object(kId, "delete").s("c")).tag == kiln::codec::kFalse);
  run(emu, object(kId, "delete_all"));
  REQUIRE(run(emu, object(kId, "list").nil().nil().nil().nil().nil()).items.empty());
  REQUIRE_THROWS_AS(run(emu, object("not-hex", "get").raw(strings({"a"}))), BindingError);
  REQUIRE_THROWS_AS(run(emu, Call().s("do").s("../x").s(kId).s("get").raw(strings({"a"}))), BindingError);
  REQUIRE_THROWS_AS(run(emu, object(kId, "put").raw(pairs({{std::string(2049, 'k'), "1"}}))), BindingError);
}

TEST_CASE("emulated Durable Objects: sql on the object's file, _cf_ tables and transactions refused") {
  Emulator emu(temp_dir());
  run(emu, object(kId, "sql").s("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x')").raw(params({})));
  Arg r = run(emu, object(kId, "sql").s("SELECT a, b FROM t WHERE a = ?").raw(params({1})));
  // {columns, rows: [[value...]...], rows_read, rows_written}
  REQUIRE(keys_of(r) == std::vector<std::string>{"columns", "rows", "rows_read", "rows_written"});
  REQUIRE(field(r, "columns").items.size() == 2);
  REQUIRE(field(r, "columns").items[1].s == "b");
  REQUIRE(field(r, "rows").items.size() == 1);
  REQUIRE(field(r, "rows").items[0].items[1].s == "x");
  REQUIRE(field(r, "rows_read").i >= 1);
  REQUIRE(field(run(emu, object(kId, "sql").s("INSERT INTO t VALUES (2, 'y'), (3, 'z')").raw(params({}))), "rows_written").i == 2);
  REQUIRE_THROWS_WITH(run(emu, object(kId, "sql").s("SELECT * FROM _cf_KV").raw(params({}))), Catch::Contains("prohibited"));
  REQUIRE_THROWS_AS(run(emu, object(kId, "sql").s("BEGIN").raw(params({}))), BindingError);
  REQUIRE_THROWS_WITH(run(emu, object(kId, "sql").s("SELECT * FROM nope").raw(params({}))), Catch::Contains("no such table: nope: SQLITE_ERROR"));
  // The key-value API still works after the authorizer was in place.
  run(emu, object(kId, "put").raw(pairs({{"k", "v"}})));
  REQUIRE(keys_of(run(emu, object(kId, "get").raw(strings({"k"})))).size() == 1);
}

TEST_CASE("emulated Durable Objects: transactions roll back and nest; sql_many is all or none; database_size") {
  Emulator emu(temp_dir());
  auto count = [&] { return field(run(emu, object(kId, "sql").s("SELECT count(*) AS n FROM t").raw(params({}))), "rows").items[0].items[0].i; };
  run(emu, object(kId, "sql").s("CREATE TABLE t (a INTEGER UNIQUE)").raw(params({})));
  run(emu, object(kId, "transaction").s("begin"));
  run(emu, object(kId, "sql").s("INSERT INTO t VALUES (1)").raw(params({})));
  run(emu, object(kId, "put").raw(pairs({{"k", "v"}})));
  CHECK(count() == 1);  // the transaction reads its own writes
  run(emu, object(kId, "transaction").s("rollback"));
  CHECK(count() == 0);
  CHECK(run(emu, object(kId, "get").s("k")).nil());  // the key-value API is in it too
  // A nested block is a savepoint: its rollback keeps the outer writes.
  run(emu, object(kId, "transaction").s("begin"));
  run(emu, object(kId, "sql").s("INSERT INTO t VALUES (1)").raw(params({})));
  run(emu, object(kId, "transaction").s("begin"));
  run(emu, object(kId, "sql").s("INSERT INTO t VALUES (2)").raw(params({})));
  run(emu, object(kId, "transaction").s("rollback"));
  run(emu, object(kId, "transaction").s("commit"));
  CHECK(count() == 1);
  // [query, [params...]]: the duplicate 1 fails the whole batch.
  Writer rows;
  rows.array(3);
  for (int v : {5, 6, 1}) { rows.array(1); rows.integer(v); }
  std::string batch = rows.take();
  REQUIRE_THROWS_WITH(run(emu, object(kId, "sql_many").s("INSERT INTO t VALUES (?)").raw(batch)), Catch::Contains("UNIQUE"));
  CHECK(count() == 1);
  Writer ok;
  ok.array(2);
  for (int v : {5, 6}) { ok.array(1); ok.integer(v); }
  CHECK(run(emu, object(kId, "sql_many").s("INSERT INTO t VALUES (?)").raw(ok.take())).i == 2);
  CHECK(count() == 3);
  CHECK(run(emu, object(kId, "database_size")).i % 4096 == 0);
  CHECK(run(emu, object(kId, "database_size")).i > 0);
}

TEST_CASE("emulated Durable Objects: alarms set, replaced, deleted, taken when due") {
  Emulator emu(temp_dir());
  REQUIRE(run(emu, object(kId, "get_alarm")).nil());
  run(emu, object(kId, "set_alarm").i(5000));
  run(emu, object(kId, "set_alarm").i(3000));
  run(emu, object(kOther, "set_alarm").i(9000));
  REQUIRE(run(emu, object(kId, "get_alarm")).i == 3000);
  REQUIRE(run(emu, Call().s("do").s("*").s("*").s("next_alarm")).i == 3000);
  Arg due = run(emu, Call().s("do").s("*").s("*").s("take_due_alarms").i(4000));
  REQUIRE(due.items.size() == 1);
  REQUIRE(due.items[0].items[1].s == kId);
  REQUIRE(run(emu, object(kId, "get_alarm")).nil());  // cleared before it runs
  run(emu, object(kOther, "delete_alarm"));
  REQUIRE(run(emu, Call().s("do").s("*").s("*").s("next_alarm")).nil());
}

namespace {

Call queue(const std::string& method) { return Call().s("queue").s("jobs").s(method); }

// [[body, delay]...]
std::string messages(std::initializer_list<std::pair<std::string, int64_t>> ms) {
  Writer w;
  w.array(static_cast<uint32_t>(ms.size()));
  for (const auto& [body, delay] : ms) { w.array(2); w.bytes(body); w.integer(delay); }
  return w.take();
}

std::string decisions(const Arg& batch, const char* what) {
  Writer w;
  w.array(static_cast<uint32_t>(batch.items.size()));
  for (const Arg& m : batch.items) { w.array(3); w.str(m.items[0].s); w.str(what); w.nil(); }
  return w.take();
}

}  // namespace

TEST_CASE("emulated Queues: delays, batches in send order, ack") {
  Emulator emu(temp_dir());
  run(emu, queue("send_batch").raw(messages({{"a", 0}, {"b", 0}, {"late", 10}})).i(1000));
  Arg batch = run(emu, queue("take").i(10).i(1000));
  REQUIRE(batch.items.size() == 2);
  REQUIRE(batch.items[0].items[1].s == "a");
  REQUIRE(batch.items[0].items[2].i == 1);  // attempts
  run(emu, queue("settle").raw(decisions(batch, "ack")).i(3).nil().i(0).i(1000));
  REQUIRE(run(emu, queue("take").i(10).i(10999)).items.empty());
  Arg late = run(emu, queue("take").i(10).i(11000));
  REQUIRE(late.items.size() == 1);
  REQUIRE(late.items[0].items[1].s == "late");
}

TEST_CASE("emulated Queues: retries up to max_retries, then the dead-letter queue or a drop") {
  Emulator emu(temp_dir());
  run(emu, queue("send").raw(messages({{"m", 0}})).i(0));
  for (int attempt = 1; attempt <= 3; ++attempt) {
    Arg b = run(emu, queue("take").i(10).i(0));
    REQUIRE(b.items.size() == 1);
    REQUIRE(b.items[0].items[2].i == attempt);
    Arg r = run(emu, queue("settle").raw(decisions(b, "retry")).i(2).s("dlq").i(0).i(0));
    REQUIRE(r.items[1].i == (attempt < 3 ? 1 : 0));            // retried
    REQUIRE(r.items[2].items.size() == (attempt < 3 ? 0u : 1u));  // dead-lettered
  }
  REQUIRE(run(emu, queue("take").i(10).i(0)).items.empty());
  Arg dead = run(emu, Call().s("queue").s("dlq").s("take").i(10).i(0));
  REQUIRE(dead.items.size() == 1);
  REQUIRE(dead.items[0].items[1].s == "m");
  REQUIRE(dead.items[0].items[2].i == 1);
  // No dead-letter queue: dropped.
  Arg r = run(emu, Call().s("queue").s("dlq").s("settle").raw(decisions(dead, "retry")).i(0).nil().i(0).i(0));
  REQUIRE(r.items[3].items.size() == 1);
  REQUIRE(run(emu, Call().s("queue").s("*").s("pending").i(0)).items[0].i == 0);
}

TEST_CASE("emulated Queues: Workers limits") {
  Emulator emu(temp_dir());
  REQUIRE_THROWS_AS(run(emu, queue("send").raw(messages({{"x", 43201}})).i(0)), BindingError);
  REQUIRE_THROWS_AS(run(emu, queue("send").raw(messages({{"x", -1}})).i(0)), BindingError);
  REQUIRE_THROWS_AS(run(emu, queue("send").raw(messages({{std::string(128001, 'x'), 0}})).i(0)), BindingError);
  REQUIRE_THROWS_AS(run(emu, queue("send_batch").raw(messages({{std::string(100000, 'x'), 0}, {std::string(100000, 'x'), 0}, {std::string(100000, 'x'), 0}})).i(0)), BindingError);
  REQUIRE(run(emu, Call().s("queue").s("*").s("pending").i(0)).items[0].i == 0);  // nothing half-sent
}

TEST_CASE("emulator reset: every binding starts empty, files are gone, bindings work again") {
  std::string dir = temp_dir();
  Emulator emu(dir);
  run(emu, Call().s("kv").s("NS").s("put").s("k").b("v").nil().nil().nil());
  run(emu, Call().s("d1").s("DB").s("exec").s("CREATE TABLE t (v)"));
  REQUIRE(access((dir + "/kv.sqlite3").c_str(), F_OK) == 0);
  emu.reset();
  REQUIRE(access((dir + "/kv.sqlite3").c_str(), F_OK) != 0);
  REQUIRE(access(dir.c_str(), F_OK) == 0);  // the directory itself stays
  REQUIRE(run(emu, Call().s("kv").s("NS").s("get").s("k").s("text")).nil());
  CHECK_THROWS(run(emu, Call().s("d1").s("DB").s("all").s("SELECT * FROM t").raw(params({}))));
  run(emu, Call().s("kv").s("NS").s("put").s("k").b("again").nil().nil().nil());
  REQUIRE(run(emu, Call().s("kv").s("NS").s("get").s("k").s("text")).s == "again");
}

namespace {

// [[name, value]...]
std::string header_pairs(std::initializer_list<std::pair<std::string, std::string>> hs) {
  Writer w;
  w.array(static_cast<uint32_t>(hs.size()));
  for (const auto& [k, v] : hs) { w.array(2); w.str(k); w.str(v); }
  return w.take();
}

Call cache_put(const std::string& url, int status, std::initializer_list<std::pair<std::string, std::string>> hs, int64_t now) {
  return Call().s("cache").s("").s("put").s(url).i(status).raw(header_pairs(hs)).b("body").i(now);
}

Call cache_match(const std::string& url, const std::string& method, bool ignore, int64_t now) {
  Writer flag;
  flag.boolean(ignore);
  return Call().s("cache").s("").s("match").s(url).s(method).raw(flag.take()).i(now);
}

}  // namespace

TEST_CASE("emulated Cache API: lifetimes, what is not stored, what is refused, methods") {
  Emulator emu(temp_dir());
  const int64_t t = 1'000'000;
  run(emu, cache_put("https://c/a", 200, {{"Cache-Control", "max-age=10"}, {"x-kind", "a"}}, t));
  Arg hit = run(emu, cache_match("https://c/a", "GET", false, t + 9'999));
  REQUIRE(field(hit, "status").i == 200);
  CHECK(field(hit, "body").s == "body");
  CHECK(field(hit, "headers").items.size() == 2);
  CHECK(run(emu, cache_match("https://c/a", "GET", false, t + 10'000)).nil());  // expired
  CHECK(run(emu, cache_match("https://c/a", "POST", false, t)).nil());           // only GET matches...
  CHECK(!run(emu, cache_match("https://c/a", "POST", true, t)).nil());           // ...unless ignore_method
  // s-maxage wins over max-age; Expires counts when neither is there.
  run(emu, cache_put("https://c/s", 200, {{"cache-control", "max-age=600, s-maxage=1"}}, t));
  CHECK(run(emu, cache_match("https://c/s", "GET", false, t + 1'000)).nil());
  run(emu, cache_put("https://c/e", 200, {{"expires", "Thu, 01 Jan 1970 00:16:50 GMT"}}, t));  // 1010 s
  CHECK(!run(emu, cache_match("https://c/e", "GET", false, t + 9'999)).nil());
  CHECK(run(emu, cache_match("https://c/e", "GET", false, t + 10'000)).nil());
  // Not stored: no-store, private, Set-Cookie, no lifetime.
  run(emu, cache_put("https://c/1", 200, {{"cache-control", "no-store, max-age=60"}}, t));
  run(emu, cache_put("https://c/2", 200, {{"cache-control", "private, max-age=60"}}, t));
  run(emu, cache_put("https://c/3", 200, {{"cache-control", "max-age=60"}, {"set-cookie", "a=1"}}, t));
  run(emu, cache_put("https://c/4", 200, {}, t));
  for (const char* url : {"https://c/1", "https://c/2", "https://c/3", "https://c/4"}) CHECK(run(emu, cache_match(url, "GET", false, t)).nil());
  // Refused, with workerd's words.
  REQUIRE_THROWS_WITH(run(emu, cache_put("https://c/r", 206, {{"cache-control", "max-age=60"}}, t)), Catch::Contains("206 Partial Content"));
  REQUIRE_THROWS_WITH(run(emu, cache_put("https://c/v", 200, {{"vary", "*"}, {"cache-control", "max-age=60"}}, t)), Catch::Contains("'Vary: *'"));
  // delete: whether a live entry went.
  Writer no;
  no.boolean(false);
  CHECK(run(emu, Call().s("cache").s("").s("delete").s("https://c/s").s("GET").raw(no.take()).i(t)).tag == kiln::codec::kTrue);
}
