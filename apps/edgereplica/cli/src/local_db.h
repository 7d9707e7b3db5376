// The local database side of a sync (sync.md §Local reads and writes):
// Snapshot reads one consistent image through sqlite_dbpage inside a held
// read transaction (WAL frames included); PullFile assembles a pulled image in
// a temp file beside the target, verifies it and installs it atomically;
// Sidecar records what a file last synced with. The high-level push_file /
// pull_file tie them to the client state machine (sync_client.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync_client.h"

struct sqlite3;
struct sqlite3_stmt;

namespace edgereplica {

class Snapshot : public PageSource {
 public:
  // Opens `path` (never creating it) and starts the read transaction.
  explicit Snapshot(const std::string& path);
  ~Snapshot() override;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  std::uint64_t page_size() const override { return page_size_; }
  std::uint64_t page_count() const override { return page_count_; }
  const std::vector<Hash16>& page_hashes() override;  // one dbpage scan, cached
  void read(std::uint64_t pgno, std::string& out) override;
  // Calls on(pgno, data, page_size) for every page in order (one dbpage
  // scan; the lock-byte page arrives as zeros).
  template <class F>
  void scan(F on);
  Hash16 root(std::uint64_t chunk_pages = kDefaultChunkPages) { return image_root(page_hashes(), page_size_, chunk_pages); }

 private:
  void scan_impl(void (*cb)(void*, std::uint64_t, const char*, std::size_t), void* ctx);
  sqlite3* db_ = nullptr;
  sqlite3_stmt* one_ = nullptr;  // SELECT data FROM sqlite_dbpage WHERE pgno = ?
  std::uint64_t page_size_ = 0, page_count_ = 0;
  std::vector<Hash16> hashes_;
  bool hashed_ = false;
};

template <class F>
void Snapshot::scan(F on) {
  scan_impl([](void* ctx, std::uint64_t pgno, const char* data, std::size_t n) { (*static_cast<F*>(ctx))(pgno, data, n); },
            &on);
}

// The temp file of a pull: `<target>-edgereplica-tmp`.
std::string temp_path(const std::string& target);

class PullFile : public PullSink {
 public:
  struct Options {
    bool verify = true;    // PRAGMA integrity_check (quick_check over 1 GiB)
    bool replace = false;  // install an existing target by rename, not sqlite3_backup
    bool force = false;    // with replace: even while -wal or -journal files exist
  };
  PullFile(std::string target, Options opts);
  PullFile(std::string target) : PullFile(std::move(target), Options{}) {}
  ~PullFile() override;

  std::vector<Hash16> prepare(std::uint64_t page_size, std::uint64_t page_count) override;
  void write(std::uint64_t pgno, const char* data, std::size_t n) override;
  void finish(const Hash16& expected_root, std::uint64_t chunk_pages) override;
  // After finish(): rename the temp over a new target, or copy it into an
  // existing one with sqlite3_backup (one write transaction there).
  void install();
  void discard();  // remove the temp file

 private:
  void close_fd();
  std::string target_, temp_;
  Options opts_;
  int fd_ = -1;
  std::uint64_t page_size_ = 0, page_count_ = 0;
  std::uint64_t seeded_pages_ = 0;  // pages below this may hold old data; above, the file is a hole
  bool finished_ = false;
};

// `<db>-edgereplica`: what the file last synced with (JSON, written atomically).
struct Sidecar {
  std::string server, database_id;
  std::uint64_t generation = 0;
  Hash16 root{};        // the remote image's root at `generation`
  Hash16 local_root{};  // the local file's root right after the sync (differs from root after a backup install)
  std::uint64_t page_size = 0, page_count = 0;
  std::int64_t synced_at = 0;  // unix seconds
};
std::string sidecar_path(const std::string& db);
std::optional<Sidecar> read_sidecar(const std::string& db);  // nullopt if absent; LocalError if unreadable
void write_sidecar(const std::string& db, const Sidecar& s);

// Writes `data` to `path` atomically: temp beside it, fsync, rename, fsync dir.
void write_file_atomically(const std::string& path, const std::string& data, int mode = 0644);
void fsync_dir_of(const std::string& path);

// Push and pull of a file, with the sidecar rules of sync.md §Versioning.
struct FileSync {
  std::string server, database_id;  // identify the remote in the sidecar
  bool force = false;
};
PushResult push_file(Transport& t, const std::string& db, const FileSync& id, PushOptions opts = {});
PullResult pull_file(Transport& t, const std::string& db, const FileSync& id, PullFile::Options opts = {});

}  // namespace edgereplica
