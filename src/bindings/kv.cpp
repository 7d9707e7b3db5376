// Workers KV on SQLite: one table for every namespace in APP_DIR/.kiln/kv.sqlite3.
// Limits and error messages follow workerd (local miniflare) so code that
// works offline fails the same way on Workers. Answers are the `kv` op's
// values (docs/bindings/ops.md, js/worker/bindings/kv.js), except that JSON
// (a `json` value, metadata) is answered as its text: js/node/bindings/kv.js
// runs JSON.parse on it, as Workers does.
#include <cmath>
#include <ctime>

#include "bindings/emulator.h"

namespace kiln::emulation {
namespace {

constexpr size_t kMaxKey = 512, kMaxMetadata = 1024, kMaxValue = 25 * 1024 * 1024;
constexpr int64_t kMinTtl = 60, kMaxListKeys = 1000;

Database& store(Emulator& emu) {
  return emu.database("kv.sqlite3",
      "CREATE TABLE IF NOT EXISTS kv (namespace TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
      " expiration INTEGER, metadata TEXT, PRIMARY KEY (namespace, key)) WITHOUT ROWID");
}

[[noreturn]] void fail(const char* op, int status, const std::string& message) {
  throw BindingError(std::string("KV ") + op + " failed: " + std::to_string(status) + " " + message);
}

void check_key(const char* op, const std::string& key) {
  if (key.empty()) throw BindingError("Key name cannot be empty.", "TypeError");
  // workerd's own check, before any request leaves the isolate.
  if (key == "." || key == "..") throw BindingError("\"" + key + "\" is not allowed as a key name.", "TypeError");
  if (key.size() > kMaxKey)
    fail(op, 414, "UTF-8 encoded length of " + std::to_string(key.size()) + " exceeds key length limit of " + std::to_string(kMaxKey) + ".");
}

std::string number_text(const Arg& a) {
  if (a.tag == codec::kInt) return std::to_string(a.i);
  if (a.tag == codec::kFloat) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", a.f);
    return buf;
  }
  return a.s;
}

// An integral number of seconds, or nil when a is not one.
bool integral(const Arg& a, int64_t& out) {
  if (a.tag == codec::kInt) { out = a.i; return true; }
  if (a.tag == codec::kFloat && std::isfinite(a.f)) { out = static_cast<int64_t>(std::floor(a.f)); return true; }
  return false;
}

void write_opt_int(codec::Writer& out, bool has, int64_t v) { if (has) out.integer(v); else out.nil(); }

// [ns, 'get' | 'get_with_metadata', key, type] -> the value (type 'binary':
// bytes, else text), nil when missing; with metadata [value, metadata JSON].
void get(Database& db, const std::string& ns, const std::vector<Arg>& args, bool metadata, int64_t now, codec::Writer& out) {
  const std::string& key = at(args, 2).s;
  check_key("GET", key);
  bool binary = at(args, 3).s == "binary";
  Statement s(db, "SELECT value, metadata FROM kv WHERE namespace = ? AND key = ? AND (expiration IS NULL OR expiration > ?)");
  s.bind_text(1, ns); s.bind_text(2, key); s.bind_int(3, now);
  bool found = s.step();
  if (metadata) out.array(2);
  if (!found) out.nil();
  else if (binary) out.bytes(s.column_blob(0));
  else out.str(s.column_blob(0));  // invalid UTF-8 decodes as U+FFFD, as Workers' text does
  if (metadata) { if (found && s.column_type(1) != 5 /* SQLITE_NULL */) out.str(s.column_text(1)); else out.nil(); }
}

// [ns, 'put', key, value, expiration_ttl, expiration, metadata_json]
void put(Database& db, const std::string& ns, const std::vector<Arg>& args, int64_t now, codec::Writer& out) {
  const std::string& key = at(args, 2).s;
  check_key("PUT", key);
  const Arg &value = at(args, 3), &ttl = at(args, 4), &exp = at(args, 5), &meta = at(args, 6);
  if (value.s.size() > kMaxValue) fail("PUT", 413, "Value length of " + std::to_string(value.s.size()) + " exceeds limit of " + std::to_string(kMaxValue) + ".");
  bool expires = false;
  int64_t expiration = 0;
  if (!ttl.nil()) {
    int64_t t;
    if (!integral(ttl, t) || t <= 0) fail("PUT", 400, "Invalid expiration_ttl of " + number_text(ttl) + ". Please specify integer greater than 0.");
    if (t < kMinTtl) fail("PUT", 400, "Invalid expiration_ttl of " + number_text(ttl) + ". Expiration TTL must be at least 60.");
    expires = true;
    expiration = now + t;
  } else if (!exp.nil()) {
    int64_t e;
    if (!integral(exp, e) || e <= now)
      fail("PUT", 400, "Invalid expiration of " + number_text(exp) + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
    if (e < now + kMinTtl) fail("PUT", 400, "Invalid expiration of " + number_text(exp) + ". Expiration times must be at least 60 seconds in the future.");
    expires = true;
    expiration = e;
  }
  if (!meta.nil() && meta.s.size() > kMaxMetadata)
    fail("PUT", 413, "Metadata length of " + std::to_string(meta.s.size()) + " exceeds limit of " + std::to_string(kMaxMetadata) + ".");
  Statement s(db, "INSERT OR REPLACE INTO kv (namespace, key, value, expiration, metadata) VALUES (?, ?, ?, ?, ?)");
  s.bind_text(1, ns); s.bind_text(2, key); s.bind_blob(3, value.s);
  if (expires) s.bind_int(4, expiration); else s.bind_null(4);
  if (meta.nil()) s.bind_null(5); else s.bind_text(5, meta.s);
  s.step();
  out.nil();
}

// [ns, 'list', prefix, limit, cursor] -> {keys: [{name, expiration, metadata (JSON)}...], list_complete, cursor}
void list(Database& db, const std::string& ns, const std::vector<Arg>& args, int64_t now, codec::Writer& out) {
  const Arg &prefix = at(args, 2), &limit_arg = at(args, 3), &cursor = at(args, 4);
  int64_t limit = kMaxListKeys;
  // workerd sends no limit for 0, and lists under the GET operation's name.
  if (!limit_arg.nil() && !(limit_arg.tag == codec::kInt && limit_arg.i == 0)) {
    if (!integral(limit_arg, limit) || limit <= 0) fail("GET", 400, "Invalid key_count_limit of " + number_text(limit_arg) + ". Please specify an integer greater than 0.");
    if (limit > kMaxListKeys) fail("GET", 400, "Invalid key_count_limit of " + number_text(limit_arg) + ". Please specify an integer less than 1000.");
  }
  // substr(key, 1, n) = prefix compares bytes (BLOB casts): no LIKE wildcards.
  Statement s(db,
      "SELECT key, expiration, metadata FROM kv WHERE namespace = ?1 AND (expiration IS NULL OR expiration > ?2)"
      " AND (?3 IS NULL OR substr(CAST(key AS BLOB), 1, length(CAST(?3 AS BLOB))) = CAST(?3 AS BLOB))"
      " AND (?4 IS NULL OR key > ?4) ORDER BY key LIMIT ?5");
  s.bind_text(1, ns); s.bind_int(2, now);
  if (prefix.nil()) s.bind_null(3); else s.bind_text(3, prefix.s);
  if (cursor.nil() || cursor.s.empty()) s.bind_null(4); else s.bind_text(4, from_cursor(cursor.s));
  s.bind_int(5, limit + 1);  // one more tells whether the list is complete
  struct Key { std::string name, metadata; bool has_exp, has_meta; int64_t exp; };
  std::vector<Key> keys;
  while (s.step())
    keys.push_back({std::string(s.column_text(0)), std::string(s.column_text(2)), s.column_type(1) != 5, s.column_type(2) != 5, s.column_int(1)});
  bool complete = static_cast<int64_t>(keys.size()) <= limit;
  if (!complete) keys.pop_back();
  out.hash(3);
  out.str("keys");
  out.array(static_cast<uint32_t>(keys.size()));
  for (const Key& k : keys) {
    out.hash(3);
    out.str("name"); out.str(k.name);
    out.str("expiration"); write_opt_int(out, k.has_exp, k.exp);
    out.str("metadata"); if (k.has_meta) out.str(k.metadata); else out.nil();
  }
  out.str("list_complete"); out.boolean(complete);
  out.str("cursor"); if (complete) out.nil(); else out.str(to_cursor(keys.back().name));
}

}  // namespace

void kv_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  Database& db = store(emu);
  const std::string& ns = at(args, 0).s;
  const std::string& method = at(args, 1).s;
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (method == "get" || method == "get_with_metadata") return get(db, ns, args, method == "get_with_metadata", now, out);
  if (method == "put") return put(db, ns, args, now, out);
  if (method == "delete") {
    check_key("DELETE", at(args, 2).s);
    Statement s(db, "DELETE FROM kv WHERE namespace = ? AND key = ?");
    s.bind_text(1, ns); s.bind_text(2, at(args, 2).s);
    s.step();
    return out.nil();
  }
  if (method == "list") return list(db, ns, args, now, out);
  throw BindingError("KV has no method " + method);
}

}  // namespace kiln::emulation
