// D1 on SQLite: one database file per binding, APP_DIR/.kiln/d1/NAME.sqlite3.
// Statements are prepared and bound (never interpolated); a batch is one
// transaction. Errors read like workerd's: "D1_ERROR: <sqlite message>: SQLITE_ERROR".
// Answers are the `d1` op's values (docs/bindings/ops.md, js/worker/bindings/d1.js).
#include <cctype>
#include <chrono>

#include <sqlite3.h>

#include "bindings/emulator.h"

namespace kiln::emulation {
namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

Database& open(Emulator& emu, const std::string& name) {
  for (char c : name)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) throw BindingError("invalid D1 binding name " + name);
  return emu.database("d1-" + name + ".sqlite3");
}

// D1 binds JS values: null, booleans as 1/0, numbers, strings, bytes (BLOB).
void bind(Statement& s, const std::vector<Arg>& params) {
  if (static_cast<int>(params.size()) != s.parameter_count())
    throw BindingError("D1_ERROR: Wrong number of parameter bindings for SQL query.");
  for (size_t i = 0; i < params.size(); ++i) {
    const Arg& a = params[i];
    int n = static_cast<int>(i) + 1;
    switch (a.tag) {
      case codec::kNil: s.bind_null(n); break;
      case codec::kFalse: s.bind_int(n, 0); break;
      case codec::kTrue: s.bind_int(n, 1); break;
      // A JS number is a double: D1 binds it as REAL (typeof(?) is 'real');
      // integers beyond 2^53 (BigInt in JS) stay exact here.
      case codec::kInt:
        if (a.i >= -(int64_t(1) << 53) && a.i <= (int64_t(1) << 53)) s.bind_double(n, static_cast<double>(a.i));
        else s.bind_int(n, a.i);
        break;
      case codec::kFloat: s.bind_double(n, a.f); break;
      case codec::kStr: s.bind_text(n, a.s); break;
      case codec::kBytes: s.bind_blob(n, a.s); break;
      default: throw BindingError("D1_TYPE_ERROR: Type 'object' not supported for value at position " + std::to_string(n));
    }
  }
}

[[noreturn]] void d1_error(const SqlError& e) { throw BindingError("D1_ERROR: " + std::string(e.what()) + ": " + e.code); }

// What a statement's answer holds: all / run: {results, success, meta};
// raw: the rows as Arrays; first: the first row, or nil.
enum class Shape { Result, Raw, First };

void run_statement(Database& db, const Arg& sql, const Arg& params, Shape shape, codec::Writer& out) {
  double started = now_ms();
  Statement s(db, sql.s);
  if (s.empty()) throw BindingError("D1_ERROR: No SQL statements detected.");
  bind(s, params.items);
  int before = sqlite3_total_changes(db.handle());
  codec::Writer rows;
  uint32_t nrows = write_rows(s, shape == Shape::Raw ? RowShape::Array : RowShape::Hash, rows, shape == Shape::First ? 1 : UINT32_MAX);
  if (shape == Shape::Raw) {
    out.array(nrows);
    out.raw(rows.take());
    return;
  }
  if (shape == Shape::First) {
    if (nrows == 0) out.nil(); else out.raw(rows.take());
    return;
  }
  bool wrote = sqlite3_total_changes(db.handle()) != before || !s.readonly();
  // D1 counts every row the statement wrote, foreign-key cascades (and
  // triggers) included: the total_changes delta, not sqlite3_changes.
  int changes = s.readonly() ? 0 : sqlite3_total_changes(db.handle()) - before;
  out.hash(3);
  out.str("results");
  out.array(nrows);
  out.raw(rows.take());
  out.str("success"); out.boolean(true);
  out.str("meta");
  out.hash(6);
  out.str("duration"); out.number(now_ms() - started);
  out.str("changes"); out.integer(changes);
  out.str("last_row_id"); out.integer(sqlite3_last_insert_rowid(db.handle()));
  out.str("changed_db"); out.boolean(wrote && changes > 0);
  out.str("rows_read"); out.integer(nrows);
  out.str("rows_written"); out.integer(changes);
}

}  // namespace

// [name, 'all' | 'run' | 'raw' | 'first', sql, params] -> see Shape
// [name, 'batch', [[sql, params], ...]] -> [{results, success, meta}, ...] (one transaction)
// [name, 'exec', sql] -> {count, duration}
void d1_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  Database& db = open(emu, at(args, 0).s);
  const std::string& method = at(args, 1).s;
  try {
    if (method == "all" || method == "run") return run_statement(db, at(args, 2), at(args, 3), Shape::Result, out);
    if (method == "raw") return run_statement(db, at(args, 2), at(args, 3), Shape::Raw, out);
    if (method == "first") return run_statement(db, at(args, 2), at(args, 3), Shape::First, out);
    if (method == "batch") {
      const auto& stmts = at(args, 2).items;
      if (stmts.empty()) throw BindingError("D1_ERROR: No SQL statements detected.");
      db.exec("BEGIN");
      try {
        codec::Writer results;
        for (const Arg& st : stmts) run_statement(db, at(st.items, 0), at(st.items, 1), Shape::Result, results);
        db.exec("COMMIT");
        out.array(static_cast<uint32_t>(stmts.size()));
        out.raw(results.take());
        return;
      } catch (...) {
        if (!sqlite3_get_autocommit(db.handle())) db.exec("ROLLBACK");
        throw;
      }
    }
    // D1 runs each non-empty line as its own query (no parameters).
    if (method == "exec") {
      double started = now_ms();
      const std::string& sql = at(args, 2).s;
      int64_t count = 0, line_no = 0;
      size_t start = 0;
      while (start <= sql.size()) {
        size_t end = sql.find('\n', start);
        if (end == std::string::npos) end = sql.size();
        std::string_view line(sql.data() + start, end - start);
        start = end + 1;
        ++line_no;
        while (!line.empty() && isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
        while (!line.empty() && isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
        if (line.empty()) continue;
        try {
          for (std::string_view rest = line; !rest.empty();) {
            Statement s(db, rest);
            if (!s.empty()) while (s.step()) {}
            rest = s.rest();
          }
        } catch (const SqlError& e) {
          throw BindingError("D1_EXEC_ERROR: Error in line " + std::to_string(line_no) + ": " + std::string(line) + ": " + e.what() + ": " + e.code);
        }
        ++count;
      }
      out.hash(2);
      out.str("count"); out.integer(count);
      out.str("duration"); out.number(now_ms() - started);
      return;
    }
  } catch (const SqlError& e) {
    d1_error(e);
  }
  throw BindingError("D1 has no method " + method);
}

}  // namespace kiln::emulation
