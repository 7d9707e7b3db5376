// A thin RAII layer over SQLite for the emulated bindings (node-only runtime).
// Every failure is a SqlError carrying SQLite's message and result code name.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiln::emulation {

struct SqlError : std::runtime_error {
  SqlError(const std::string& message, std::string code) : std::runtime_error(message), code(std::move(code)) {}
  std::string code;  // e.g. SQLITE_ERROR, SQLITE_CONSTRAINT
};

class Statement;

class Database {
 public:
  explicit Database(const std::string& path);  // creates the file if missing
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);  // statements without parameters or results
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int rc) const;

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  // Prepares the first statement of sql; rest() is what follows it.
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool empty() const { return stmt_ == nullptr; }  // only whitespace/comments
  std::string_view rest() const { return rest_; }
  int parameter_count() const;
  void bind_null(int i);
  void bind_int(int i, long long v);
  void bind_double(int i, double v);
  void bind_text(int i, std::string_view s);
  void bind_blob(int i, std::string_view s);
  bool step();  // true: a row is ready
  int columns() const;
  const char* column_name(int i) const;
  int column_type(int i) const;  // SQLITE_INTEGER ...
  long long column_int(int i) const;
  double column_double(int i) const;
  std::string_view column_text(int i) const;
  std::string_view column_blob(int i) const;
  bool readonly() const;
  int status(int counter) const;  // sqlite3_stmt_status, not reset

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string_view rest_;
};

}  // namespace kiln::emulation
