#include "bindings/sqlite.h"

#include <sqlite3.h>

namespace kiln::emulation {

Database::Database(const std::string& path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqlError("cannot open " + path + ": " + message, sqlite3_errstr(rc));
  }
  sqlite3_busy_timeout(db_, 2000);
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::fail(int rc) const {
  // D1 names the primary code, and the extended one when there is one:
  // "UNIQUE constraint failed: t.name: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)".
  static const struct { int rc; const char* name; } names[] = {
      {SQLITE_ERROR, "SQLITE_ERROR"}, {SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"}, {SQLITE_BUSY, "SQLITE_BUSY"},
      {SQLITE_RANGE, "SQLITE_RANGE"}, {SQLITE_MISMATCH, "SQLITE_MISMATCH"}, {SQLITE_TOOBIG, "SQLITE_TOOBIG"},
      {SQLITE_READONLY, "SQLITE_READONLY"}, {SQLITE_AUTH, "SQLITE_AUTH"}, {SQLITE_FULL, "SQLITE_FULL"},
      {SQLITE_CANTOPEN, "SQLITE_CANTOPEN"}, {SQLITE_IOERR, "SQLITE_IOERR"}, {SQLITE_NOMEM, "SQLITE_NOMEM"},
      {SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"}, {SQLITE_CONSTRAINT_PRIMARYKEY, "SQLITE_CONSTRAINT_PRIMARYKEY"},
      {SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL"}, {SQLITE_CONSTRAINT_FOREIGNKEY, "SQLITE_CONSTRAINT_FOREIGNKEY"},
      {SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK"}, {SQLITE_CONSTRAINT_TRIGGER, "SQLITE_CONSTRAINT_TRIGGER"}};
  auto name_of = [&](int code) -> const char* {
    for (const auto& n : names) if (code == n.rc) return n.name;
    return nullptr;
  };
  const char* primary = name_of(rc & 0xff);
  std::string code = primary ? primary : "SQLITE_ERROR";
  const char* extended = rc != (rc & 0xff) ? name_of(rc) : nullptr;
  if (extended) code += std::string(" (extended: ") + extended + ")";
  std::string message = sqlite3_errmsg(db_);
  // Newer SQLite (as in workerd) says where a syntax error is.
  int offset = sqlite3_error_offset(db_);
  const std::string tail = "syntax error";
  if (offset >= 0 && message.size() >= tail.size() && message.compare(message.size() - tail.size(), tail.size(), tail) == 0)
    message += " at offset " + std::to_string(offset);
  throw SqlError(message, code);
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqlError(message, "SQLITE_ERROR");
  }
}

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, &tail);
  if (rc != SQLITE_OK) db.fail(rc);
  rest_ = tail ? sql.substr(static_cast<size_t>(tail - sql.data())) : std::string_view();
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

int Statement::parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

#define KILN_CHECK(call) do { int rc_ = (call); if (rc_ != SQLITE_OK) db_.fail(rc_); } while (0)
void Statement::bind_null(int i) { KILN_CHECK(sqlite3_bind_null(stmt_, i)); }
void Statement::bind_int(int i, long long v) { KILN_CHECK(sqlite3_bind_int64(stmt_, i, v)); }
void Statement::bind_double(int i, double v) { KILN_CHECK(sqlite3_bind_double(stmt_, i, v)); }
void Statement::bind_text(int i, std::string_view s) {
  KILN_CHECK(sqlite3_bind_text64(stmt_, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}
void Statement::bind_blob(int i, std::string_view s) {
  KILN_CHECK(sqlite3_bind_blob64(stmt_, i, s.data(), s.size(), SQLITE_TRANSIENT));
}
#undef KILN_CHECK

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc);
}

int Statement::columns() const { return sqlite3_column_count(stmt_); }
const char* Statement::column_name(int i) const { return sqlite3_column_name(stmt_, i); }
int Statement::column_type(int i) const { return sqlite3_column_type(stmt_, i); }
long long Statement::column_int(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::column_double(int i) const { return sqlite3_column_double(stmt_, i); }
std::string_view Statement::column_text(int i) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt_, i))};
}
std::string_view Statement::column_blob(int i) const {
  auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
  return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt_, i))};
}
bool Statement::readonly() const { return sqlite3_stmt_readonly(stmt_) != 0; }
int Statement::status(int counter) const { return sqlite3_stmt_status(stmt_, counter, 0); }

}  // namespace kiln::emulation
