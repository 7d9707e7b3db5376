// The local reader and writer (src/local_db.*): snapshots of rollback and WAL
// databases (an open writer's uncommitted pages excluded), every page size,
// a sparse file over 1 GiB with the lock-byte page, and the pull writer's
// guarantees (a failed pull leaves the target untouched; integrity failures
// are caught; the overwrite guard; the backup install).
#include <fcntl.h>

#include <catch.hpp>

#include "fake_server.h"
#include "local_db.h"
#include "test_util.h"

using namespace edgereplica;
using namespace edgereplica::test;

namespace {

const FileSync kId{"http://fake", "db-1", false};

PushResult push_path(FakeServer& s, const std::string& path, PushOptions o = {}, FileSync id = kId) {
  LoopbackTransport t(s, "push");
  return push_file(t, path, id, o);
}
PullResult pull_path(FakeServer& s, const std::string& path, FileSync id = kId, PullFile::Options o = {}) {
  LoopbackTransport t(s, "pull");
  return pull_file(t, path, id, o);
}

std::vector<Hash16> raw_hashes(const std::string& bytes, std::size_t ps) {
  PageHasher h;
  std::vector<Hash16> out;
  for (std::size_t off = 0; off < bytes.size(); off += ps) out.push_back(h.page(bytes.data() + off, ps));
  return out;
}

}  // namespace

TEST_CASE("snapshot of a rollback-journal database reads the file's pages", "[local_db]") {
  TempDir dir;
  std::string db = dir / "a.sqlite";
  make_db(db, 4096, 1000);
  std::string bytes = read_file(db);
  Snapshot snap(db);
  CHECK(snap.page_size() == 4096);
  CHECK(snap.page_count() == bytes.size() / 4096);
  CHECK(snap.page_hashes() == raw_hashes(bytes, 4096));
  std::string p7;
  snap.read(7, p7);
  CHECK(p7 == bytes.substr(6 * 4096, 4096));
}

TEST_CASE("snapshot refuses what is not a database", "[local_db]") {
  TempDir dir;
  CHECK_THROWS_AS(Snapshot(dir / "missing"), LocalError);
  std::ofstream(dir / "junk") << std::string(8192, 'j');
  try {
    Snapshot s(dir / "junk");
    FAIL("opened junk");
  } catch (const SyncError& e) {
    CHECK(e.exit == Exit::local_db);
  }
  std::ofstream(dir / "empty").flush();
  CHECK_THROWS_AS(Snapshot(dir / "empty"), LocalError);
}

TEST_CASE("snapshot of a WAL database: committed WAL frames in, an open writer's pages out", "[local_db]") {
  TempDir dir;
  std::string db = dir / "w.sqlite";
  Db w(db);
  w.exec("PRAGMA page_size=4096; PRAGMA journal_mode=wal; PRAGMA wal_autocheckpoint=0;");
  w.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB);");
  w.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<500) "
         "INSERT INTO t SELECT x, randomblob(300) FROM c;");
  long long committed_pages = w.num("PRAGMA page_count");
  // The main file lacks the committed rows: they are in the WAL only.
  CHECK(read_file(db).size() < static_cast<std::size_t>(committed_pages) * 4096);
  // An uncommitted transaction large enough to spill frames into the WAL.
  Db writer(db);
  writer.exec("PRAGMA cache_size=5; BEGIN;");
  writer.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<3000) "
              "INSERT INTO t SELECT 1000+x, randomblob(300) FROM c;");
  std::string image;
  std::vector<Hash16> hashes;
  {
    Snapshot snap(db);
    CHECK(snap.page_count() == static_cast<std::uint64_t>(committed_pages));
    hashes = snap.page_hashes();
    // A commit after the snapshot started changes nothing it reads.
    writer.exec("COMMIT;");
    CHECK(w.num("SELECT count(*) FROM t") == 3500);
    PageHasher h;
    for (std::uint64_t p = 1; p <= snap.page_count(); p++) {
      std::string page;
      snap.read(p, page);
      CHECK(h.page(page) == hashes[p - 1]);
      image += page;
    }
  }
  std::string copy = dir / "image.sqlite";
  std::ofstream(copy, std::ios::binary) << image;
  Db c(copy);
  CHECK(c.num("SELECT count(*) FROM t") == 500);
  CHECK(c.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("push then pull is byte-identical at every page size, rollback and WAL", "[local_db]") {
  for (int ps = 512; ps <= 65536; ps *= 2) {
    for (const char* mode : {"delete", "wal"}) {
      INFO("page size " << ps << ", " << mode);
      TempDir dir;
      std::string src = dir / "src.sqlite", dst = dir / "dst.sqlite";
      make_db(src, ps, 150, mode);
      FakeServer s;
      PushResult pr = push_path(s, src);
      CHECK(pr.generation == 1);
      PullResult r = pull_path(s, dst);
      CHECK(r.page_size == static_cast<std::uint64_t>(ps));
      // The WAL source's image is its checkpointed file.
      if (std::string(mode) == "wal") Db(src).exec("PRAGMA wal_checkpoint(TRUNCATE)");
      CHECK(read_file(dst) == read_file(src));
      CHECK(Db(dst).text("PRAGMA integrity_check") == "ok");
      CHECK_FALSE(file_exists(temp_path(dst)));
      auto sc = read_sidecar(dst);
      REQUIRE(sc);
      CHECK(sc->generation == 1);
      CHECK(sc->root == pr.root);
    }
  }
}

namespace {

void put32(std::string& page, std::size_t off, std::uint32_t v) {
  for (int i = 0; i < 4; i++) page[off + i] = static_cast<char>(v >> (24 - 8 * i));
}

// A valid database of `n` 64 KiB pages (> 1 GiB, so it has the lock-byte
// page), made in milliseconds: a 2-page database grown by ftruncate, the new
// pages put on the freelist by hand (two trunk pages), so the file is sparse
// and PRAGMA integrity_check accepts it.
void make_sparse_db(const std::string& path, std::uint32_t n) {
  {
    Db d(path);
    d.exec("PRAGMA page_size=65536; PRAGMA journal_mode=delete; CREATE TABLE t(x); INSERT INTO t VALUES('hello');");
  }
  const std::uint32_t ps = 65536, lp = static_cast<std::uint32_t>(lock_page(ps));
  std::vector<std::uint32_t> leaves;
  for (std::uint32_t p = 5; p <= n; p++)
    if (p != lp) leaves.push_back(p);
  const std::size_t per_trunk = ps / 4 - 8;  // what SQLite itself writes at most
  REQUIRE(leaves.size() <= 2 * per_trunk);
  int fd = ::open(path.c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, static_cast<off_t>(n) * ps) == 0);
  auto trunk = [&](std::uint32_t pgno, std::uint32_t next, std::size_t from, std::size_t count) {
    std::string page(ps, '\0');
    put32(page, 0, next);
    put32(page, 4, static_cast<std::uint32_t>(count));
    for (std::size_t i = 0; i < count; i++) put32(page, 8 + 4 * i, leaves[from + i]);
    REQUIRE(::pwrite(fd, page.data(), ps, static_cast<off_t>(pgno - 1) * ps) == ps);
  };
  std::size_t first = std::min(per_trunk, leaves.size());
  trunk(3, 4, 0, first);
  trunk(4, 0, first, leaves.size() - first);
  std::string hdr(100, '\0');
  REQUIRE(::pread(fd, hdr.data(), 100, 0) == 100);
  put32(hdr, 28, n);                                              // page count (valid: change counter == 92)
  put32(hdr, 32, 3);                                              // first freelist trunk
  put32(hdr, 36, static_cast<std::uint32_t>(leaves.size() + 2));  // free pages, trunks included
  REQUIRE(::pwrite(fd, hdr.data(), 100, 0) == 100);
  ::close(fd);
}

}  // namespace

TEST_CASE("a sparse database over 1 GiB with the lock-byte page round-trips and stays sparse", "[local_db]") {
  TempDir dir;
  std::string src = dir / "big.sqlite", dst = dir / "big-pulled.sqlite";
  const std::uint32_t n = 16400;  // 1.07 GB at 64 KiB; the lock-byte page is 16385
  make_sparse_db(src, n);
  REQUIRE(Db(src).text("PRAGMA integrity_check") == "ok");
  {
    Snapshot snap(src);
    CHECK(snap.page_count() == n);
    CHECK(snap.page_count() * snap.page_size() > (std::uint64_t{1} << 30));
    CHECK(snap.page_hashes()[lock_page(65536) - 1] == kZeroHash);
  }
  // Frames under 128 KiB: ASan serves larger blocks with a fresh mmap each,
  // and 1 GiB of 512 KiB frames then costs seconds of page faults.
  ServerLimits L;
  L.max_frame = 120 * 1024;
  FakeServer s(L);
  PushResult pr = push_path(s, src);
  CHECK(pr.pages_sent == n - 1);  // all but the lock-byte page
  PullResult r = pull_path(s, dst);
  CHECK(r.pages_received == n - 1);
  struct stat st;
  REQUIRE(::stat(dst.c_str(), &st) == 0);
  CHECK(static_cast<std::uint64_t>(st.st_size) == std::uint64_t{n} * 65536);
  CHECK(static_cast<std::uint64_t>(st.st_blocks) * 512 < (std::uint64_t{16} << 20));  // still sparse
  // Byte-identical: the pull verified the root of what it wrote (page hashes
  // read back from disk), and the non-hole pages compare equal here.
  CHECK(r.root == pr.root);
  int a = ::open(src.c_str(), O_RDONLY), b = ::open(dst.c_str(), O_RDONLY);
  std::string ba(4 * 65536, '\0'), bb(4 * 65536, '\0');
  CHECK(::pread(a, ba.data(), ba.size(), 0) == ::pread(b, bb.data(), bb.size(), 0));
  CHECK(ba == bb);
  ::close(a), ::close(b);
  CHECK(Db(dst).text("PRAGMA quick_check") == "ok");
}

TEST_CASE("a failed pull leaves the existing target untouched", "[local_db]") {
  TempDir dir;
  std::string src = dir / "src.sqlite", dst = dir / "dst.sqlite";
  make_db(src, 4096, 400);
  ServerLimits L;
  L.max_frame = 16384, L.window = 1;  // 3 pages per frame: many PAGE_REQs
  FakeServer s(L);
  push_path(s, src);
  pull_path(s, dst);
  const std::string before = read_file(dst), sidecar_before = read_file(sidecar_path(dst));
  Db(src).exec("UPDATE t SET v = randomblob(300) WHERE id % 2 = 0");
  push_path(s, src);

  SECTION("a corrupted page: root mismatch, temp discarded") {
    s.tamper_page_data = [](PageData& d) {
      if (!d.runs.empty()) d.runs[0].data[100] ^= 1;
    };
    try {
      pull_path(s, dst);
      FAIL("pulled a corrupted image");
    } catch (const SyncError& e) {
      CHECK(e.exit == Exit::protocol);
    }
    CHECK_FALSE(file_exists(temp_path(dst)));
  }
  SECTION("the connection drops mid-pull: temp kept, the rerun asks only for what it lacks") {
    int frames = 0;
    std::uint64_t total = 0;
    s.tamper_page_data = [&](PageData& d) {
      for (const auto& run : d.runs) total += run.data.size() / 4096;
      if (++frames == 4) throw TransportError(1006, "dropped (test)");
    };
    try {
      pull_path(s, dst);
      FAIL("pull survived the drop");
    } catch (const SyncError& e) {
      CHECK(e.exit == Exit::network);
    }
    CHECK(file_exists(temp_path(dst)));
    CHECK(read_file(dst) == before);
    s.tamper_page_data = nullptr;
    PullResult r = pull_path(s, dst);
    std::uint64_t needed = differing_blocks(before, read_file(src), 4096).size();
    CHECK(r.pages_received < needed);  // the pages of the first 3 frames were kept
    CHECK(Db(dst).num("SELECT count(*) FROM t") == 400);
    return;
  }
  CHECK(read_file(dst) == before);
  CHECK(read_file(sidecar_path(dst)) == sidecar_before);
}

TEST_CASE("a pulled image failing PRAGMA integrity_check is not installed", "[local_db]") {
  TempDir dir;
  FakeServer s;
  MemorySource junk(4096, synthetic_pages(4096, 8, 5));  // a valid header over garbage
  LoopbackTransport t(s, "push");
  push(t, junk);
  std::string dst = dir / "dst.sqlite";
  try {
    pull_path(s, dst);
    FAIL("installed a corrupt database");
  } catch (const SyncError& e) {
    CHECK(e.exit == Exit::local_db);
  }
  CHECK_FALSE(file_exists(dst));
  CHECK_FALSE(file_exists(temp_path(dst)));
}

TEST_CASE("pull over an existing copy: overwrite guard, backup install, nothing to do when unchanged", "[local_db]") {
  TempDir dir;
  std::string src = dir / "src.sqlite", dst = dir / "dst.sqlite";
  make_db(src, 4096, 300);
  FakeServer s;
  push_path(s, src);
  pull_path(s, dst);

  // Unchanged remote: WELCOME.same, no pages.
  PullResult again = pull_path(s, dst);
  CHECK(again.same);
  CHECK(again.stats.pages_received == 0);
  CHECK(again.stats.payload_bytes_sent + again.stats.payload_bytes_received < 1024);

  // Local changes are not overwritten without force.
  Db(dst).exec("INSERT INTO t VALUES(100000, 'local')");
  try {
    pull_path(s, dst);
    FAIL("overwrote local changes");
  } catch (const SyncError& e) {
    CHECK(e.exit == Exit::conflict);
  }
  // A file that never synced is not overwritten either.
  std::string other = dir / "other.sqlite";
  make_db(other, 4096, 10);
  CHECK_THROWS_AS(pull_path(s, other), SyncError);

  // With force: installed through sqlite3_backup into the existing file;
  // the pages equal the remote's except page 1's change counter, schema
  // cookie (backup bumps it so other connections reload) and version fields.
  FileSync forced = kId;
  forced.force = true;
  pull_path(s, dst, forced);
  std::string got = read_file(dst), want = read_file(src);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); i++) {
    bool counter = (i >= 24 && i < 28) || (i >= 40 && i < 44) || (i >= 92 && i < 100);
    if (!counter && got[i] != want[i]) FAIL("byte " << i << " differs");
  }
  CHECK(Db(dst).num("SELECT count(*) FROM t") == 300);
  // And the sidecar makes the next pull a no-op despite page 1's difference.
  CHECK(pull_path(s, dst).same);
}
