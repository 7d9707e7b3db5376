// Helpers shared by the file-based tests (local_db_test.cpp, sync_test.cpp):
// a temp directory, SQLite one-liners, raw file reads. Header-only.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace edgereplica::test {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/er-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::string cmd = "rm -rf '" + path + "'";
    if (std::system(cmd.c_str()) != 0) {
    }
  }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

struct Db {
  sqlite3* db = nullptr;
  explicit Db(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~Db() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO(sql << ": " << (err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      if (!out.empty()) out += "\n";
      const unsigned char* t = sqlite3_column_text(st, 0);
      out += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    sqlite3_finalize(st);
    return out;
  }
  long long num(const std::string& sql) { return std::stoll(text(sql)); }
};

// A database of `rows` rows of ~`width` random bytes, in `journal` mode.
inline void make_db(const std::string& path, int page_size, int rows, const std::string& journal = "delete",
                    int width = 300) {
  Db d(path);
  d.exec("PRAGMA page_size=" + std::to_string(page_size) + "; PRAGMA journal_mode=" + journal + ";");
  d.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB);");
  d.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<" + std::to_string(rows) +
         ") INSERT INTO t SELECT x, randomblob(" + std::to_string(width) + ") FROM c;");
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool file_exists(const std::string& path) {
  struct stat s;
  return ::stat(path.c_str(), &s) == 0;
}

// Pages (1-based) that differ between two files of the same page size.
inline std::vector<std::uint64_t> differing_blocks(const std::string& a, const std::string& b, std::size_t ps) {
  std::vector<std::uint64_t> out;
  std::size_t n = std::max(a.size(), b.size()) / ps;
  for (std::size_t i = 0; i < n; i++) {
    std::string pa = i * ps < a.size() ? a.substr(i * ps, ps) : "";
    std::string pb = i * ps < b.size() ? b.substr(i * ps, ps) : "";
    if (pa != pb) out.push_back(i + 1);
  }
  return out;
}

}  // namespace edgereplica::test
