// Durable Objects on SQLite: each object (class, id) has its own database file,
// APP_DIR/.kiln/do-CLASS-ID.sqlite3, like a SQLite-backed object on Workers:
// the key-value API lives in its _cf_KV table and state.storage.sql reaches
// the same file (but not _cf_ tables). Alarms are kept in one shared file,
// do-alarms.sqlite3, so the runner finds due ones without opening every object.
// Values arrive already encoded (codec bytes) from JS and are answered as
// they are; keys are strings. Answers are the `durable_object` op's values
// (docs/bindings/ops.md, js/worker/bindings/durable_object.js).
#include <cctype>
#include <cstring>

#include <sqlite3.h>

#include "bindings/emulator.h"

namespace kiln::emulation {
namespace {

constexpr size_t kMaxKey = 2048, kMaxValue = 2 * 1024 * 1024;
constexpr const char* kWrongBindings = "Wrong number of parameter bindings for SQL query.";
// workerd's words when SQL tries BEGIN / SAVEPOINT.
constexpr const char* kNoTransactions =
    "To execute a transaction, please use the state.storage.transaction() or state.storage.transactionSync() APIs instead of"
    " the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is safer because it will automatically roll back"
    " on exceptions, and because it interacts correctly with Durable Objects' automatic atomic write coalescing.";

bool hex_id(const std::string& id) {
  if (id.size() != 64) return false;
  for (char c : id) if (!isxdigit(static_cast<unsigned char>(c)) || isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

Database& object(Emulator& emu, const std::string& klass, const std::string& id) {
  if (klass.empty()) throw BindingError("a Durable Object class name is required", "TypeError");
  for (char c : klass)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_')) throw BindingError("invalid Durable Object class name " + klass, "TypeError");
  if (!hex_id(id)) throw BindingError("Invalid Durable Object ID: must be 64 hex digits", "TypeError");
  std::string file = "do-" + klass + "-" + id + ".sqlite3";
  return emu.database(file, "CREATE TABLE IF NOT EXISTS _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID");
}

Database& alarms(Emulator& emu) {
  return emu.database("do-alarms.sqlite3",
      "CREATE TABLE IF NOT EXISTS alarms (class TEXT NOT NULL, id TEXT NOT NULL, time_ms INTEGER NOT NULL,"
      " PRIMARY KEY (class, id)) WITHOUT ROWID");
}

void check_key(const Arg& key) {
  if (key.tag != codec::kStr) throw BindingError("Durable Object storage keys must be strings", "TypeError");
  if (key.s.size() > kMaxKey)
    throw BindingError("Keys cannot be larger than " + std::to_string(kMaxKey) + " bytes. A key of size " + std::to_string(key.s.size()) + " was provided.", "RangeError");
}

// {key => value} of the rows s yields (key, value columns; values as stored).
void write_pairs(Statement& s, codec::Writer& out) {
  codec::Writer rows;
  uint32_t n = 0;
  while (s.step()) {
    rows.str(s.column_text(0));
    rows.raw(s.column_blob(1));
    ++n;
  }
  out.hash(n);
  out.raw(rows.take());
}

// The keys of a get or delete: one key, or an Array of them (many).
const std::vector<Arg>& keys_of(const Arg& arg, bool& many, std::vector<Arg>& one) {
  many = arg.tag == codec::kArray;
  if (many) return arg.items;
  one.assign(1, arg);
  return one;
}

// [key] -> its value or nil; [[key...]] -> {key => value} of the keys found.
void get(Database& db, const Arg& arg, codec::Writer& out) {
  bool many;
  std::vector<Arg> one;
  const std::vector<Arg>& keys = keys_of(arg, many, one);
  for (const Arg& k : keys) check_key(k);
  Statement s(db, "SELECT key, value FROM _cf_KV WHERE key IN (SELECT value FROM json_each(?)) ORDER BY key");
  std::string json = "[";
  // Keys go in as a JSON array of strings (any count, one statement).
  for (const Arg& k : keys) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (unsigned char c : k.s) {
      if (c == '"' || c == '\\') { json += '\\'; json += static_cast<char>(c); }
      else if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04x", c); json += buf; }
      else json += static_cast<char>(c);
    }
    json += '"';
  }
  json += ']';
  s.bind_text(1, json);
  if (many) return write_pairs(s, out);
  if (s.step()) out.raw(s.column_blob(1)); else out.nil();
}

void put(Database& db, const std::vector<Arg>& pairs, codec::Writer& out) {
  for (const Arg& p : pairs) {
    check_key(at(p.items, 0));
    const std::string& v = at(p.items, 1).s;
    if (v.size() > kMaxValue)
      throw BindingError("Values cannot be larger than " + std::to_string(kMaxValue) + " bytes. A value of size " + std::to_string(v.size()) + " was provided.", "RangeError");
  }
  db.exec("SAVEPOINT put");
  try {
    for (const Arg& p : pairs) {
      Statement s(db, "INSERT OR REPLACE INTO _cf_KV (key, value) VALUES (?, ?)");
      s.bind_text(1, at(p.items, 0).s);
      s.bind_blob(2, at(p.items, 1).s);
      s.step();
    }
    db.exec("RELEASE put");
  } catch (...) {
    db.exec("ROLLBACK TO put; RELEASE put");
    throw;
  }
  out.nil();
}

// [key] -> whether it existed; [[key...]] -> how many of them did.
void remove(Database& db, const Arg& arg, codec::Writer& out) {
  bool many;
  std::vector<Arg> one;
  const std::vector<Arg>& keys = keys_of(arg, many, one);
  int64_t n = 0;
  for (const Arg& k : keys) {
    check_key(k);
    Statement s(db, "DELETE FROM _cf_KV WHERE key = ?");
    s.bind_text(1, k.s);
    s.step();
    n += sqlite3_changes(db.handle());
  }
  if (many) out.integer(n); else out.boolean(n > 0);
}

// [prefix, limit, start, end, reverse] -> {key => value}: start inclusive, end exclusive.
void list(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  const Arg &prefix = at(args, 0), &limit = at(args, 1), &start = at(args, 2), &end = at(args, 3);
  bool reverse = at(args, 4).tag == codec::kTrue;
  int64_t n = -1;
  if (!limit.nil()) {
    n = limit.tag == codec::kInt ? limit.i : static_cast<int64_t>(limit.f);
    if (n <= 0) throw BindingError("List limit must be positive.", "TypeError");
  }
  std::string sql =
      "SELECT key, value FROM _cf_KV WHERE (?1 IS NULL OR substr(CAST(key AS BLOB), 1, length(CAST(?1 AS BLOB))) = CAST(?1 AS BLOB))"
      " AND (?2 IS NULL OR key >= ?2) AND (?3 IS NULL OR key < ?3) ORDER BY key";
  sql += reverse ? " DESC LIMIT ?4" : " LIMIT ?4";
  Statement s(db, sql);
  const Arg* texts[] = {&prefix, &start, &end};
  for (int i = 0; i < 3; ++i) if (texts[i]->nil()) s.bind_null(i + 1); else s.bind_text(i + 1, texts[i]->s);
  s.bind_int(4, n);
  write_pairs(s, out);
}

// state.storage.sql may not touch the object's _cf_ tables or run
// transaction statements (workerd: use transactionSync), as on Workers.
int authorize(void* transaction, int action, const char* a, const char*, const char*, const char*) {
  if (action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT) {
    *static_cast<bool*>(transaction) = true;
    return SQLITE_DENY;
  }
  bool table_action = action == SQLITE_READ || action == SQLITE_UPDATE || action == SQLITE_INSERT || action == SQLITE_DELETE ||
                      action == SQLITE_DROP_TABLE || action == SQLITE_CREATE_TABLE || action == SQLITE_ALTER_TABLE;
  if (table_action && a && strncmp(a, "_cf_", 4) == 0) return SQLITE_DENY;
  return SQLITE_OK;
}

// JS values bound like workerd's SQL API: numbers as REAL, strings, bytes, null.
void bind(Statement& s, const std::vector<Arg>& params) {
  if (static_cast<int>(params.size()) != s.parameter_count()) throw BindingError(kWrongBindings);
  for (size_t i = 0; i < params.size(); ++i) {
    const Arg& a = params[i];
    int n = static_cast<int>(i) + 1;
    switch (a.tag) {
      case codec::kNil: s.bind_null(n); break;
      case codec::kInt: s.bind_double(n, static_cast<double>(a.i)); break;
      case codec::kFloat: s.bind_double(n, a.f); break;
      case codec::kStr: s.bind_text(n, a.s); break;
      case codec::kBytes: s.bind_blob(n, a.s); break;
      default: throw BindingError("Unsupported type for SQL binding", "TypeError");
    }
  }
}

// [query, params] -> {columns, rows: [[value...]...], rows_read,
// rows_written}: every statement runs, the last one's rows are returned,
// parameters bind to the last statement. rows_read approximates workerd's
// count (which comes from its patched SQLite): rows returned plus full-scan
// steps plus rows written.
void sql(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  const std::string& query = at(args, 0).s;
  const std::vector<Arg>& params = at(args, 1).items;
  bool transaction = false;
  sqlite3_set_authorizer(db.handle(), authorize, &transaction);
  struct Reset { sqlite3* h; ~Reset() { sqlite3_set_authorizer(h, nullptr, nullptr); } } reset{db.handle()};
  int64_t written = 0, read = 0;
  codec::Writer rows, columns;
  uint32_t nrows = 0, ncolumns = 0;
  std::string_view rest = query;
  bool any = false;
  try {
    while (!rest.empty()) {
      Statement s(db, rest);
      rest = s.rest();
      if (s.empty()) break;
      any = true;
      bool last = true;
      for (char c : rest) if (!isspace(static_cast<unsigned char>(c)) && c != ';') { last = false; break; }
      if (last) bind(s, params);
      else if (s.parameter_count() > 0) throw BindingError(kWrongBindings);
      rows = codec::Writer();
      columns = codec::Writer();
      ncolumns = static_cast<uint32_t>(s.columns());
      for (uint32_t i = 0; i < ncolumns; ++i) columns.str(s.column_name(static_cast<int>(i)));
      nrows = write_rows(s, RowShape::Array, rows);
      read += nrows + s.status(SQLITE_STMTSTATUS_FULLSCAN_STEP);
      if (!s.readonly()) written += sqlite3_changes(db.handle());
    }
  } catch (const SqlError& e) {
    if (transaction) throw BindingError(kNoTransactions);
    throw BindingError(std::string(e.what()) + ": " + e.code);
  }
  if (!any) throw BindingError("SQL query did not contain a statement.");
  out.hash(4);
  out.str("columns");
  out.array(ncolumns);
  out.raw(columns.take());
  out.str("rows");
  out.array(nrows);
  out.raw(rows.take());
  out.str("rows_read");
  out.integer(read + written);
  out.str("rows_written");
  out.integer(written);
}

// [query, [params...]] -> rows written in total: one statement per params,
// all or none (a savepoint), as workerd's exec in one transactionSync.
void sql_many(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  int64_t written = 0;
  db.exec("SAVEPOINT sql_many");
  try {
    for (const Arg& row : at(args, 1).items) {
      codec::Writer one;
      sql(db, {at(args, 0), row}, one);
      std::string answer_bytes = one.take();
      codec::Reader in(answer_bytes);
      Arg answer = read_arg(in);
      written += answer.items.back().i;  // rows_written, the last entry
    }
    db.exec("RELEASE sql_many");
  } catch (...) {
    db.exec("ROLLBACK TO sql_many; RELEASE sql_many");
    throw;
  }
  out.integer(written);
}

// state.storage.transaction on the object's file: a savepoint per block
// (the outermost one is the transaction; nested ones nest), as workerd's
// transactionSync. Run by JS around the block's synchronous storage ops.
void transaction(Database& db, const std::string& step, codec::Writer& out) {
  if (step == "begin") db.exec("SAVEPOINT kiln_transaction");
  else if (step == "commit") db.exec("RELEASE kiln_transaction");
  else db.exec("ROLLBACK TO kiln_transaction; RELEASE kiln_transaction");
  out.nil();
}

// page_count * page_size, as sql.databaseSize.
void database_size(Database& db, codec::Writer& out) {
  Statement s(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
  s.step();
  out.integer(s.column_int(0));
}

// Like deleteAll() of a SQLite-backed object: the keys and every SQL table
// (with its indexes), view and trigger; the alarm stays, as on workerd.
void delete_all(Database& db, codec::Writer& out) {
  std::vector<std::pair<std::string, std::string>> objects;
  {
    Statement s(db, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'"
                    " AND type IN ('table', 'view', 'trigger') ORDER BY type = 'table'");
    while (s.step()) objects.emplace_back(s.column_text(0), s.column_text(1));
  }
  db.exec("SAVEPOINT delete_all");
  try {
    db.exec("DELETE FROM _cf_KV");
    for (const auto& [type, name] : objects) {
      std::string quoted;
      for (char c : name) { quoted += c; if (c == '"') quoted += '"'; }
      db.exec(("DROP " + std::string(type == "table" ? "TABLE" : type == "view" ? "VIEW" : "TRIGGER") + " IF EXISTS \"" + quoted + "\"").c_str());
    }
    db.exec("RELEASE delete_all");
  } catch (...) {
    db.exec("ROLLBACK TO delete_all; RELEASE delete_all");
    throw;
  }
  out.nil();
}

void set_alarm(Emulator& emu, const std::string& klass, const std::string& id, const Arg& when, codec::Writer& out) {
  if (when.tag != codec::kInt && when.tag != codec::kFloat) throw BindingError("setAlarm() requires a time", "TypeError");
  Statement s(alarms(emu), "INSERT OR REPLACE INTO alarms (class, id, time_ms) VALUES (?, ?, ?)");
  s.bind_text(1, klass); s.bind_text(2, id);
  s.bind_int(3, when.tag == codec::kInt ? when.i : static_cast<int64_t>(when.f));
  s.step();
  out.nil();
}

void get_alarm(Emulator& emu, const std::string& klass, const std::string& id, codec::Writer& out) {
  Statement s(alarms(emu), "SELECT time_ms FROM alarms WHERE class = ? AND id = ?");
  s.bind_text(1, klass); s.bind_text(2, id);
  if (s.step()) out.integer(s.column_int(0)); else out.nil();
}

void delete_alarm(Emulator& emu, const std::string& klass, const std::string& id, codec::Writer& out) {
  Statement s(alarms(emu), "DELETE FROM alarms WHERE class = ? AND id = ?");
  s.bind_text(1, klass); s.bind_text(2, id);
  s.step();
  out.nil();
}

// [now_ms] -> [[class, id, time_ms]...] of the alarms due by now, removed
// (as on Workers, an alarm is cleared before its handler runs).
void take_due_alarms(Emulator& emu, const Arg& now, codec::Writer& out) {
  Database& db = alarms(emu);
  Statement s(db, "DELETE FROM alarms WHERE time_ms <= ? RETURNING class, id, time_ms");
  s.bind_int(1, now.i);
  codec::Writer rows;
  uint32_t n = 0;
  while (s.step()) {
    rows.array(3);
    rows.str(s.column_text(0)); rows.str(s.column_text(1)); rows.integer(s.column_int(2));
    ++n;
  }
  out.array(n);
  out.raw(rows.take());
}

}  // namespace

void durable_object_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  const std::string &klass = at(args, 0).s, &id = at(args, 1).s, &method = at(args, 2).s;
  if (method == "take_due_alarms") return take_due_alarms(emu, at(args, 3), out);
  if (method == "next_alarm") {
    Statement s(alarms(emu), "SELECT min(time_ms) FROM alarms");
    if (s.step() && s.column_type(0) != SQLITE_NULL) out.integer(s.column_int(0)); else out.nil();
    return;
  }
  Database& db = object(emu, klass, id);
  if (method == "get") return get(db, at(args, 3), out);
  if (method == "put") return put(db, at(args, 3).items, out);
  if (method == "delete") return remove(db, at(args, 3), out);
  if (method == "delete_all") return delete_all(db, out);
  if (method == "list") return list(db, {args.begin() + 3, args.end()}, out);
  if (method == "sql") return sql(db, {args.begin() + 3, args.end()}, out);
  if (method == "sql_many") return sql_many(db, {args.begin() + 3, args.end()}, out);
  if (method == "database_size") return database_size(db, out);
  if (method == "transaction") return transaction(db, at(args, 3).s, out);
  if (method == "set_alarm") return set_alarm(emu, klass, id, at(args, 3), out);
  if (method == "get_alarm") return get_alarm(emu, klass, id, out);
  if (method == "delete_alarm") return delete_alarm(emu, klass, id, out);
  throw BindingError("state.storage has no method " + method, "TypeError");
}

}  // namespace kiln::emulation
