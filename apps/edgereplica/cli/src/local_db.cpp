// Local reads and writes of local_db.h, on the vendored SQLite 3.40.1
// amalgamation built with SQLITE_ENABLE_DBPAGE_VTAB (Debian's libsqlite3 has
// no sqlite_dbpage). 3.40.1's dbpage cannot grow or truncate a file, so a pull
// assembles the image with pwrite into a temp file instead of writing through
// dbpage, and only reads through SQLite.
#include "local_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace edgereplica {

namespace {

std::string sqlite_message(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

void exec(sqlite3* db, const char* sql, const std::string& what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : sqlite_message(db);
    sqlite3_free(err);
    throw LocalError(what + ": " + m);
  }
}

std::uint64_t pragma_uint(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) throw LocalError(sqlite_message(db));
  std::uint64_t v = 0;
  if (sqlite3_step(st) == SQLITE_ROW) v = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  return v;
}

bool exists(const std::string& p, struct stat* out = nullptr) {
  struct stat s;
  if (::stat(p.c_str(), &s) != 0) return false;
  if (out) *out = s;
  return true;
}

[[noreturn]] void sys_fail(const std::string& what) { throw LocalError(what + ": " + std::strerror(errno)); }

void pwrite_all(int fd, const char* data, std::size_t n, off_t off, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::pwrite(fd, data, n, off);
    if (w < 0) {
      if (errno == EINTR) continue;
      sys_fail("write " + path);
    }
    data += w, n -= static_cast<std::size_t>(w), off += w;
  }
}

void pread_all(int fd, char* data, std::size_t n, off_t off, const std::string& path) {
  while (n > 0) {
    ssize_t r = ::pread(fd, data, n, off);
    if (r < 0) {
      if (errno == EINTR) continue;
      sys_fail("read " + path);
    }
    if (r == 0) {  // past the end: a hole that ftruncate has not covered reads as zeros
      std::memset(data, 0, n);
      return;
    }
    data += r, n -= static_cast<std::size_t>(r), off += r;
  }
}

bool all_zero(const char* p, std::size_t n) {
  return n == 0 || (p[0] == 0 && std::memcmp(p, p + 1, n - 1) == 0);
}

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
// Page size from a database header (bytes 16-17; 1 means 65536), 0 if not a header.
std::uint64_t header_page_size(const unsigned char* h) {
  if (std::memcmp(h, "SQLite format 3\0", 16) != 0) return 0;
  std::uint64_t v = (std::uint64_t{h[16]} << 8) | h[17];
  return v == 1 ? 65536 : v;
}

// Opens a finished image for reading without touching it or creating -wal /
// -shm beside it (the header may say WAL mode: immutable skips all that).
sqlite3* open_immutable(const std::string& path) {
  char* uri = sqlite3_mprintf("file:%s?immutable=1", path.c_str());
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  sqlite3_free(uri);
  if (rc != SQLITE_OK) {
    std::string m = sqlite_message(db);
    sqlite3_close(db);
    throw LocalError("open " + path + ": " + m);
  }
  return db;
}

}  // namespace

// ---- Snapshot -----------------------------------------------------------------

Snapshot::Snapshot(const std::string& path) {
  struct stat s;
  if (!exists(path, &s)) throw LocalError(path + ": no such file");
  if (s.st_size == 0) throw LocalError(path + ": empty file, not a database");
  // Read-write so a WAL database's -shm can be used; without a checkpoint on
  // close, so reading never rewrites the file. Read-only if that is all we get.
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db_);
    db_ = nullptr;
    rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
  }
  if (rc != SQLITE_OK) {
    std::string m = sqlite_message(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw LocalError("open " + path + ": " + m);
  }
  sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_busy_timeout(db_, 5000);
  try {
    // The read transaction starts at the first read and is held until the
    // destructor: every page read comes from this one snapshot.
    exec(db_, "BEGIN", path);
    exec(db_, "SELECT count(*) FROM sqlite_schema", path);
    page_size_ = pragma_uint(db_, "PRAGMA main.page_size");
    page_count_ = pragma_uint(db_, "PRAGMA main.page_count");
    if (page_count_ == 0) throw LocalError(path + ": the database has no pages");
    if (sqlite3_prepare_v2(db_, "SELECT data FROM sqlite_dbpage('main') WHERE pgno = ?", -1, &one_, nullptr) !=
        SQLITE_OK)
      throw LocalError("sqlite_dbpage: " + sqlite_message(db_));
  } catch (...) {
    sqlite3_finalize(one_);
    sqlite3_close(db_);
    throw;
  }
}

Snapshot::~Snapshot() {
  sqlite3_finalize(one_);
  if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

void Snapshot::scan_impl(void (*cb)(void*, std::uint64_t, const char*, std::size_t), void* ctx) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT pgno, data FROM sqlite_dbpage('main')", -1, &st, nullptr) != SQLITE_OK)
    throw LocalError("sqlite_dbpage: " + sqlite_message(db_));
  std::uint64_t expect = 1;
  int rc;
  try {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      auto pgno = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
      const char* data = static_cast<const char*>(sqlite3_column_blob(st, 1));
      auto n = static_cast<std::size_t>(sqlite3_column_bytes(st, 1));
      if (pgno != expect || n != page_size_) throw LocalError("sqlite_dbpage returned page " + std::to_string(pgno));
      cb(ctx, pgno, data, n);
      expect++;
    }
  } catch (...) {
    sqlite3_finalize(st);
    throw;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) throw LocalError("sqlite_dbpage: " + sqlite_message(db_));
  if (expect != page_count_ + 1) throw LocalError("sqlite_dbpage ended at page " + std::to_string(expect - 1));
}

const std::vector<Hash16>& Snapshot::page_hashes() {
  if (!hashed_) {
    PageHasher h;
    hashes_.clear();
    hashes_.reserve(page_count_);
    scan([&](std::uint64_t pgno, const char* data, std::size_t n) {
      hashes_.push_back(is_lock_page(pgno, page_size_) ? kZeroHash : h.page(data, n));
    });
    hashed_ = true;
  }
  return hashes_;
}

void Snapshot::read(std::uint64_t pgno, std::string& out) {
  if (pgno < 1 || pgno > page_count_) throw LocalError("page " + std::to_string(pgno) + " out of range");
  sqlite3_reset(one_);
  sqlite3_bind_int64(one_, 1, static_cast<sqlite3_int64>(pgno));
  if (sqlite3_step(one_) != SQLITE_ROW) throw LocalError("sqlite_dbpage: " + sqlite_message(db_));
  const char* data = static_cast<const char*>(sqlite3_column_blob(one_, 0));
  auto n = static_cast<std::size_t>(sqlite3_column_bytes(one_, 0));
  if (n != page_size_) throw LocalError("sqlite_dbpage: page " + std::to_string(pgno) + " has the wrong size");
  out.append(data, n);
}

// ---- PullFile -----------------------------------------------------------------

std::string temp_path(const std::string& target) { return target + "-edgereplica-tmp"; }

PullFile::PullFile(std::string target, Options opts)
    : target_(std::move(target)), temp_(temp_path(target_)), opts_(opts) {}

PullFile::~PullFile() { close_fd(); }

void PullFile::close_fd() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::vector<Hash16> PullFile::prepare(std::uint64_t page_size, std::uint64_t page_count) {
  finished_ = false;
  if (fd_ >= 0 && page_size != page_size_) {
    if (::ftruncate(fd_, 0) != 0) sys_fail("truncate " + temp_);
    seeded_pages_ = 0;
  }
  if (fd_ < 0) {
    struct stat ts;
    bool had_temp = exists(temp_, &ts);
    mode_t mode = 0644;
    struct stat tgt;
    if (exists(target_, &tgt)) mode = tgt.st_mode & 07777;
    fd_ = ::open(temp_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
    if (fd_ < 0) sys_fail("open " + temp_);
    seeded_pages_ = 0;
    if (had_temp && ts.st_size > 0) {
      // A previous pull's temp file: keep it if it is an image of the same
      // page size; the re-diff below asks only for what it lacks.
      unsigned char h[100] = {0};
      pread_all(fd_, reinterpret_cast<char*>(h), sizeof h, 0, temp_);
      if (header_page_size(h) == page_size) {
        seeded_pages_ = static_cast<std::uint64_t>(ts.st_size) / page_size;
      } else if (::ftruncate(fd_, 0) != 0) {
        sys_fail("truncate " + temp_);
      }
    } else if (exists(target_, &tgt) && tgt.st_size > 0) {
      // Seed from the target's own consistent snapshot, so a pull over an
      // older copy transfers only the pages that differ.
      Snapshot snap(target_);
      if (snap.page_size() == page_size) {
        snap.scan([&](std::uint64_t pgno, const char* data, std::size_t n) {
          if (!is_lock_page(pgno, page_size) && pgno <= page_count)
            pwrite_all(fd_, data, n, static_cast<off_t>((pgno - 1) * page_size), temp_);
        });
        seeded_pages_ = snap.page_count();
      }
    }
  }
  page_size_ = page_size;
  page_count_ = page_count;
  if (::ftruncate(fd_, static_cast<off_t>(page_count * page_size)) != 0) sys_fail("truncate " + temp_);
  seeded_pages_ = std::min(seeded_pages_, page_count);
  std::vector<Hash16> out;
  out.reserve(seeded_pages_);
  PageHasher h;
  std::string buf(page_size, '\0');
  for (std::uint64_t p = 1; p <= seeded_pages_; p++) {
    if (is_lock_page(p, page_size)) {
      out.push_back(kZeroHash);
      continue;
    }
    pread_all(fd_, buf.data(), page_size, static_cast<off_t>((p - 1) * page_size), temp_);
    out.push_back(h.page(buf));
  }
  return out;
}

void PullFile::write(std::uint64_t pgno, const char* data, std::size_t n) {
  if (fd_ < 0 || n != page_size_ || pgno < 1 || pgno > page_count_ || is_lock_page(pgno, page_size_))
    throw SyncError(Exit::protocol, "page " + std::to_string(pgno) + " is not part of the image being pulled");
  // Past the seeded part the file is a hole: an all-zero page stays one, so
  // sparse databases stay sparse.
  if (pgno > seeded_pages_ && all_zero(data, n)) return;
  pwrite_all(fd_, data, n, static_cast<off_t>((pgno - 1) * page_size_), temp_);
}

void PullFile::finish(const Hash16& expected_root, std::uint64_t chunk_pages) {
  if (fd_ < 0) throw LocalError("finish before prepare");
  if (::fsync(fd_) != 0) sys_fail("fsync " + temp_);
  // The root of what is on disk, read back: not of what we meant to write.
  std::vector<Hash16> hashes;
  hashes.reserve(page_count_);
  PageHasher h;
  std::string buf(page_size_, '\0');
  std::string page1;
  for (std::uint64_t p = 1; p <= page_count_; p++) {
    if (is_lock_page(p, page_size_)) {
      hashes.push_back(kZeroHash);
      continue;
    }
    pread_all(fd_, buf.data(), page_size_, static_cast<off_t>((p - 1) * page_size_), temp_);
    if (p == 1) page1 = buf;
    hashes.push_back(h.page(buf));
  }
  if (image_root(hashes, page_size_, chunk_pages) != expected_root) {
    close_fd();
    discard();
    throw SyncError(Exit::protocol, "the pulled image does not match the remote root");
  }
  auto* hdr = reinterpret_cast<const unsigned char*>(page1.data());
  if (header_page_size(hdr) != page_size_) {
    close_fd();
    discard();
    throw LocalError("the pulled image is not a SQLite database of page size " + std::to_string(page_size_));
  }
  if (be32(hdr + 24) == be32(hdr + 92) && be32(hdr + 28) != page_count_) {
    close_fd();
    discard();
    throw LocalError("the pulled image's header says " + std::to_string(be32(hdr + 28)) + " pages, not " +
                     std::to_string(page_count_));
  }
  if (opts_.verify) {
    sqlite3* db = open_immutable(temp_);
    bool big = page_count_ * page_size_ > (std::uint64_t{1} << 30);
    sqlite3_stmt* st = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db, big ? "PRAGMA quick_check" : "PRAGMA integrity_check", -1, &st, nullptr) ==
        SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        if (!result.empty()) result += "; ";
        result += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      }
    } else {
      result = sqlite_message(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (result != "ok") {
      close_fd();
      discard();
      throw LocalError("integrity check of the pulled image failed: " + result.substr(0, 500));
    }
  }
  finished_ = true;
}

void PullFile::install() {
  if (!finished_) throw LocalError("install before a verified finish");
  close_fd();
  struct stat tgt;
  bool existing = exists(target_, &tgt) && tgt.st_size > 0;
  if (existing && !opts_.replace) {
    // Into a live database: one write transaction of the target, which
    // respects other connections' locks and the target's WAL or journal.
    sqlite3* dst = nullptr;
    if (sqlite3_open_v2(target_.c_str(), &dst, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      std::string m = sqlite_message(dst);
      sqlite3_close(dst);
      throw LocalError("open " + target_ + ": " + m);
    }
    sqlite3_busy_timeout(dst, 5000);
    sqlite3* src = nullptr;
    try {
      src = open_immutable(temp_);
    } catch (...) {
      sqlite3_close(dst);
      throw;
    }
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    std::string m = sqlite_message(dst);
    int frc = b ? sqlite3_backup_finish(b) : SQLITE_ERROR;
    if (rc == SQLITE_DONE && frc != SQLITE_OK) m = sqlite_message(dst);
    sqlite3_close(src);
    sqlite3_close(dst);
    if (rc != SQLITE_DONE || frc != SQLITE_OK) throw LocalError("install into " + target_ + ": " + m);
    discard();
    return;
  }
  if (existing) {
    for (const char* sfx : {"-wal", "-journal"}) {
      if (!exists(target_ + sfx)) continue;
      if (!opts_.force)
        throw LocalError(target_ + sfx + " exists (the database is in use or was not closed cleanly): "
                                         "refusing to replace it without --force");
      ::unlink((target_ + sfx).c_str());
    }
    ::unlink((target_ + "-shm").c_str());
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) sys_fail("rename " + temp_ + " to " + target_);
  fsync_dir_of(target_);
}

void PullFile::discard() {
  close_fd();
  ::unlink(temp_.c_str());
}

// ---- files and the sidecar ------------------------------------------------------

void fsync_dir_of(const std::string& path) {
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) sys_fail("open " + dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) sys_fail("fsync " + dir);
}

void write_file_atomically(const std::string& path, const std::string& data, int mode) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) sys_fail("open " + tmp);
  try {
    pwrite_all(fd, data.data(), data.size(), 0, tmp);
    if (::fsync(fd) != 0) sys_fail("fsync " + tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) sys_fail("rename " + tmp);
  fsync_dir_of(path);
}

std::string sidecar_path(const std::string& db) { return db + "-edgereplica"; }

std::optional<Sidecar> read_sidecar(const std::string& db) {
  std::ifstream in(sidecar_path(db));
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    auto j = nlohmann::json::parse(ss.str());
    Sidecar s;
    s.server = j.at("server").get<std::string>();
    s.database_id = j.at("database_id").get<std::string>();
    s.generation = j.at("generation").get<std::uint64_t>();
    auto root = unhex(j.at("root").get<std::string>()), local = unhex(j.at("local_root").get<std::string>());
    if (root.size() != 16 || local.size() != 16) throw std::invalid_argument("root is not 16 bytes");
    std::memcpy(s.root.data(), root.data(), 16);
    std::memcpy(s.local_root.data(), local.data(), 16);
    s.page_size = j.at("page_size").get<std::uint64_t>();
    s.page_count = j.at("page_count").get<std::uint64_t>();
    s.synced_at = j.at("synced_at").get<std::int64_t>();
    return s;
  } catch (const std::exception& e) {
    throw LocalError(sidecar_path(db) + ": unreadable (" + e.what() + "); delete it to sync from scratch");
  }
}

void write_sidecar(const std::string& db, const Sidecar& s) {
  nlohmann::ordered_json j;
  j["server"] = s.server;
  j["database_id"] = s.database_id;
  j["generation"] = s.generation;
  j["root"] = hex(s.root);
  j["local_root"] = hex(s.local_root);
  j["page_size"] = s.page_size;
  j["page_count"] = s.page_count;
  j["synced_at"] = s.synced_at;
  write_file_atomically(sidecar_path(db), j.dump(2) + "\n");
}

namespace {
std::optional<Sidecar> matching_sidecar(const std::string& db, const FileSync& id) {
  auto s = read_sidecar(db);
  if (s && s->server == id.server && s->database_id == id.database_id) return s;
  return std::nullopt;
}
std::int64_t now_s() { return static_cast<std::int64_t>(std::time(nullptr)); }
}  // namespace

PushResult push_file(Transport& t, const std::string& db, const FileSync& id, PushOptions opts) {
  Snapshot snap(db);
  if (auto s = matching_sidecar(db, id)) opts.base = s->generation;
  opts.force = opts.force || id.force;
  PushResult r = push(t, snap, opts);
  write_sidecar(db, Sidecar{id.server, id.database_id, r.generation, r.root, snap.root(), snap.page_size(),
                            snap.page_count(), now_s()});
  return r;
}

PullResult pull_file(Transport& t, const std::string& db, const FileSync& id, PullFile::Options opts) {
  struct stat st;
  std::optional<Hash16> hello_root;
  if (exists(db, &st) && st.st_size > 0) {
    Hash16 local = Snapshot(db).root();
    auto s = matching_sidecar(db, id);
    bool unchanged = s && s->local_root == local;
    if (!unchanged && !id.force)
      throw SyncError(Exit::conflict,
                      db + (s ? " changed since it last synced" : " exists and never synced with this database") +
                          ": local changes would be lost (pull --force to overwrite them)",
                      "conflict");
    if (unchanged) hello_root = s->root;  // "I hold the remote image of generation s->generation"
  }
  PullFile file(db, opts);
  PullResult r = pull(t, file, PullOptions{hello_root});
  if (r.same) {
    // Same image, maybe a later generation (someone pushed identical pages).
    if (auto s = matching_sidecar(db, id); s && s->generation != r.generation) {
      s->generation = r.generation;
      s->synced_at = now_s();
      write_sidecar(db, *s);
    }
    return r;
  }
  file.install();
  Snapshot after(db);
  write_sidecar(db, Sidecar{id.server, id.database_id, r.generation, r.root, after.root(), r.page_size,
                            r.page_count, now_s()});
  return r;
}

}  // namespace edgereplica
