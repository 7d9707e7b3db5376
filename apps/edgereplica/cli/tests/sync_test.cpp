// The client state machine (src/sync_client.*) against the fake server
// (tests/fake_server.*): exact page counts for incremental pushes and pulls,
// the no-op push, non-fast-forward refusal (client-side and the server's
// compare-and-swap), resume without resending staged pages, a commit landing
// mid-pull, every server ERROR's exit code, and the fake server's answers to
// corrupt frames (the reference behaviour for the Ruby server).
#include <catch.hpp>

#include "fake_server.h"
#include "local_db.h"
#include "test_util.h"

using namespace edgereplica;
using namespace edgereplica::test;

namespace {

const FileSync kId{"http://fake", "db-1", false};

template <class F>
Exit exit_of(F f) {
  try {
    f();
  } catch (const SyncError& e) {
    return e.exit;
  }
  return Exit::ok;
}

std::vector<std::string> scattered_change(std::vector<std::string> pages, const std::vector<std::size_t>& which) {
  for (std::size_t p : which) pages[p - 1][pages[p - 1].size() / 2] ^= 0x5a;
  return pages;
}

}  // namespace

TEST_CASE("memory images: full push, exact incremental push and pull, multi-frame batching", "[sync]") {
  ServerLimits L;
  L.chunk_pages = 16, L.max_frame = 8192, L.window = 2;  // 7 pages of 1 KiB a frame
  FakeServer s(L);
  MemorySource v1(1024, synthetic_pages(1024, 300, 1));
  LoopbackTransport t1(s, "push");
  PushResult r1 = push(t1, v1);
  CHECK(r1.generation == 1);
  CHECK(r1.pages_sent == 300);
  CHECK(r1.stats.frames_sent > 40);

  std::vector<std::size_t> changed = {1, 2, 17, 100, 101, 299};
  MemorySource v2(1024, scattered_change(synthetic_pages(1024, 300, 1), changed));
  LoopbackTransport t2(s, "push");
  PushOptions o;
  o.base = 1;
  std::uint64_t written_before = s.pages_written_total;
  PushResult r2 = push(t2, v2, o);
  CHECK(r2.pages_sent == changed.size());
  CHECK(s.pages_written_total - written_before == changed.size());
  for (std::size_t p = 1; p <= 300; p++) REQUIRE(s.page(p) == v2.pages()[p - 1]);

  MemorySink old(1024, synthetic_pages(1024, 300, 1));
  LoopbackTransport t3(s, "pull");
  PullResult r3 = pull(t3, old);
  CHECK(r3.pages_received == changed.size());
  CHECK(old.pages == v2.pages());

  // Growing and shrinking: pages past the remote's end always move.
  MemorySource v3(1024, synthetic_pages(1024, 320, 1));
  LoopbackTransport t4(s, "push");
  o.base = 2;
  PushResult r4 = push(t4, v3, o);
  CHECK(r4.pages_sent == changed.size() + 20);
  MemorySource v4(1024, synthetic_pages(1024, 250, 1));
  LoopbackTransport t5(s, "push");
  o.base = 3;
  CHECK(push(t5, v4, o).pages_sent == 1);  // page 1's header counts the pages
  CHECK(s.page_count() == 250);
}

TEST_CASE("a one-row UPDATE pushes only the changed pages; a no-op push sends ~nothing", "[sync]") {
  TempDir dir;
  std::string db = dir / "a.sqlite";
  make_db(db, 4096, 3000);
  FakeServer s;
  {
    LoopbackTransport t(s, "push");
    push_file(t, db, kId);
  }
  std::string before = read_file(db);
  Db(db).exec("UPDATE t SET v = randomblob(300) WHERE id = 1234");
  std::string after = read_file(db);
  auto d = differing_blocks(before, after, 4096);  // counted apart from the CLI
  CHECK(d.size() >= 2);
  CHECK(d.size() <= 3);  // the leaf, maybe an overflow or interior page, page 1
  LoopbackTransport t(s, "push");
  std::uint64_t written_before = s.pages_written_total;
  PushResult r = push_file(t, db, kId);
  CHECK(r.generation == 2);
  CHECK(r.pages_sent == d.size());
  CHECK(s.pages_written_total - written_before == d.size());
  std::uint64_t n = before.size() / 4096, chunks = (n + 255) / 256;
  std::uint64_t bound = d.size() * (4096 + 32) + 16 * chunks + 16 * 256 * d.size() + 4096;  // design §4.7.5
  CHECK(r.stats.payload_bytes_sent + r.stats.payload_bytes_received <= bound);

  LoopbackTransport t2(s, "push");
  PushResult noop = push_file(t2, db, kId);
  CHECK(noop.same);
  CHECK(noop.pages_sent == 0);
  CHECK(noop.stats.frames_sent == 2);  // HELLO, BYE
  CHECK(noop.stats.payload_bytes_sent + noop.stats.payload_bytes_received < 1024);
  CHECK(s.generation() == 2);
}

TEST_CASE("a non-fast-forward push is refused, unless forced", "[sync]") {
  TempDir dir;
  std::string a = dir / "a.sqlite", b = dir / "b.sqlite";
  make_db(a, 4096, 100);
  make_db(b, 4096, 120);
  FakeServer s;
  LoopbackTransport ta(s, "push");
  push_file(ta, a, kId);
  // b never synced with this database: its base is 0, the remote is at 1.
  LoopbackTransport tb(s, "push");
  CHECK(exit_of([&] { push_file(tb, b, kId); }) == Exit::conflict);
  CHECK(s.generation() == 1);
  CHECK(tb.bytes_sent < 1024);  // refused before any page moved
  FileSync forced = kId;
  forced.force = true;
  LoopbackTransport tf(s, "push");
  CHECK(push_file(tf, b, forced).generation == 2);
  // Now a is behind: its sidecar says 1.
  Db(a).exec("INSERT INTO t VALUES(5000, 'x')");
  LoopbackTransport ta2(s, "push");
  CHECK(exit_of([&] { push_file(ta2, a, kId); }) == Exit::conflict);
}

TEST_CASE("two concurrent pushers: the server's compare-and-swap lets exactly one win", "[sync]") {
  FakeServer s;
  MemorySource a(4096, synthetic_pages(4096, 30, 1)), b(4096, synthetic_pages(4096, 40, 2));
  LoopbackTransport ta(s, "push", "user-a");
  ta.before_send = [&](const Frame& f) {
    if (!std::holds_alternative<Commit>(f)) return;
    LoopbackTransport tb(s, "push", "user-b");
    CHECK(push(tb, b).generation == 1);  // b commits while a is about to
  };
  try {
    push(ta, a);
    FAIL("both pushers won");
  } catch (const SyncError& e) {
    CHECK(e.exit == Exit::conflict);
    CHECK(e.generation == std::optional<std::uint64_t>(1));
  }
  CHECK(s.generation() == 1);
  CHECK(s.page_count() == 40);
  CHECK(s.open_sessions() == 0);  // the loser's staging is dropped
}

TEST_CASE("an interrupted push resumes without resending staged pages", "[sync]") {
  TempDir dir;
  std::string db = dir / "a.sqlite";
  make_db(db, 4096, 2000);  // ~600 pages
  ServerLimits L;
  L.max_frame = 65536, L.window = 2;  // 15 pages a frame
  FakeServer s(L);
  std::optional<ResumeInfo> saved;
  PushOptions o;
  o.on_session = [&](const ResumeInfo& r) { saved = r; };
  LoopbackTransport t1(s, "push");
  t1.drop_at_send = 10;  // HELLO + 8 PAGES frames, then the connection drops
  CHECK(exit_of([&] { push_file(t1, db, kId, o); }) == Exit::network);
  REQUIRE(saved);
  const std::uint64_t staged = s.staged_pages(saved->session);
  CHECK(staged == 8 * 15);
  CHECK(s.generation() == 0);

  o.resume = saved;
  LoopbackTransport t2(s, "push");
  PushResult r = push_file(t2, db, kId, o);
  std::uint64_t n = read_file(db).size() / 4096;
  CHECK(r.pages_skipped_staged == staged);
  CHECK(r.pages_sent == n - staged);
  CHECK(s.pages_staged_total == n);  // no page was received twice
  CHECK(r.generation == 1);
  std::string pulled = dir / "pulled.sqlite";
  LoopbackTransport t3(s, "pull");
  pull_file(t3, pulled, kId);
  CHECK(read_file(pulled) == read_file(db));
}

TEST_CASE("a resume whose local image changed starts a new session", "[sync]") {
  ServerLimits L;
  L.max_frame = 16384, L.window = 1;
  FakeServer s(L);
  MemorySource v1(4096, synthetic_pages(4096, 30, 1));
  std::optional<ResumeInfo> saved;
  PushOptions o;
  o.on_session = [&](const ResumeInfo& r) { saved = r; };
  LoopbackTransport t1(s, "push");
  t1.drop_at_send = 4;
  CHECK(exit_of([&] { push(t1, v1, o); }) == Exit::network);
  MemorySource v2(4096, synthetic_pages(4096, 30, 2));
  o.resume = saved;
  LoopbackTransport t2(s, "push");
  PushResult r = push(t2, v2, o);
  CHECK(r.pages_skipped_staged == 0);
  CHECK(r.pages_sent == 30);
  CHECK(s.page(30) == v2.pages()[29]);
  CHECK(s.open_sessions() == 0);  // the stale session was superseded
}

TEST_CASE("a commit landing mid-pull: generation_changed, hello again, finish on the new image", "[sync]") {
  ServerLimits L;
  L.max_frame = 16384, L.window = 1;  // many PAGE_REQs
  FakeServer s(L);
  MemorySource v1(4096, synthetic_pages(4096, 40, 1)), v2(4096, synthetic_pages(4096, 45, 9));
  LoopbackTransport tp(s, "push");
  push(tp, v1);
  int reqs = 0;
  LoopbackTransport t(s, "pull");
  t.before_send = [&](const Frame& f) {
    if (std::holds_alternative<PageReq>(f) && ++reqs == 3) {
      LoopbackTransport other(s, "push");
      PushOptions o;
      o.base = 1;
      push(other, v2, o);
    }
  };
  MemorySink sink;
  PullResult r = pull(t, sink);
  CHECK(r.generation == 2);
  CHECK(sink.pages == v2.pages());
}

TEST_CASE("pull of an empty remote is 'not found'; a token's direction is enforced", "[sync]") {
  FakeServer s;
  MemorySink sink;
  LoopbackTransport t(s, "pull");
  CHECK(exit_of([&] { pull(t, sink); }) == Exit::not_found);
  MemorySource v(4096, synthetic_pages(4096, 3, 1));
  LoopbackTransport wrong(s, "pull");  // a pull token used to push
  CHECK(exit_of([&] { push(wrong, v); }) == Exit::auth);
}

TEST_CASE("every server ERROR code and close code maps to its exit code", "[sync]") {
  CHECK(exit_for_error_code("unsupported_version") == Exit::protocol);
  CHECK(exit_for_error_code("bad_frame") == Exit::protocol);
  CHECK(exit_for_error_code("too_large") == Exit::protocol);
  CHECK(exit_for_error_code("unauthenticated") == Exit::auth);
  CHECK(exit_for_error_code("expired") == Exit::auth);
  CHECK(exit_for_error_code("forbidden") == Exit::auth);
  CHECK(exit_for_error_code("not_found") == Exit::not_found);
  CHECK(exit_for_error_code("conflict") == Exit::conflict);
  CHECK(exit_for_error_code("generation_changed") == Exit::network);
  CHECK(exit_for_error_code("bad_root") == Exit::protocol);
  CHECK(exit_for_error_code("busy") == Exit::network);
  CHECK(exit_for_error_code("internal") == Exit::protocol);
  CHECK(exit_for_error_code("something_new") == Exit::protocol);
  CHECK(exit_for_close_code(1002) == Exit::protocol);
  CHECK(exit_for_close_code(1009) == Exit::protocol);
  CHECK(exit_for_close_code(1008) == Exit::auth);
  CHECK(exit_for_close_code(4001) == Exit::auth);
  CHECK(exit_for_close_code(4004) == Exit::not_found);
  CHECK(exit_for_close_code(4009) == Exit::conflict);
  CHECK(exit_for_close_code(4010) == Exit::protocol);
  CHECK(exit_for_close_code(4029) == Exit::network);
  CHECK(exit_for_close_code(1011) == Exit::protocol);
  CHECK(exit_for_close_code(1006) == Exit::network);
}

TEST_CASE("the fake server answers corrupt frames with ERROR and a close code", "[sync]") {
  FakeServer s;
  auto error_of = [](const std::vector<std::string>& out) {
    REQUIRE(out.size() == 1);
    Frame f = decode(out[0]);
    REQUIRE(std::holds_alternative<Error>(f));
    return std::get<Error>(f);
  };
  {
    auto c = s.connect("push");
    Error e = error_of(c->handle(std::string("\x02\x92\x0a\x81\xa5" "abort\xc3", 11)));
    CHECK(e.code == "unsupported_version");
    CHECK(e.supported == std::optional<std::vector<std::uint64_t>>(std::vector<std::uint64_t>{1}));
    CHECK(c->close_code == 1002);
  }
  {
    auto c = s.connect("push");
    CHECK(error_of(c->handle(encode(Pages{1, {{1, std::string(4096, 'x')}}}))).code == "bad_frame");
    CHECK(c->close_code == 1002);
  }
  {
    auto c = s.connect("push");
    CHECK(error_of(c->handle(std::string(600 * 1024, '\x01'))).code == "too_large");
    CHECK(c->close_code == 1009);
  }
  {
    auto c = s.connect("push");
    Hello h{"push", "t", "sha256-128", 4096, 2, Hash16{}, std::nullopt, std::nullopt, 65536};
    REQUIRE(c->handle(encode(h)).size() == 1);
    // A run of 4095 bytes; pgno 0.
    CHECK(error_of(c->handle(encode(Pages{1, {{1, std::string(4095, 'x')}}}))).code == "bad_frame");
    auto c2 = s.connect("push");
    c2->handle(encode(h));
    CHECK(error_of(c2->handle(encode(Pages{1, {{0, std::string(4096, 'x')}}}))).code == "bad_frame");
  }
  {
    Hello h{"push", "t", "sha256-128", 4096, 2, Hash16{}, std::nullopt, std::nullopt, 65536};
    auto a = s.connect("push", "user-a"), b = s.connect("push", "user-b"), c = s.connect("push", "user-c");
    REQUIRE(a->handle(encode(h)).size() == 1);
    REQUIRE(b->handle(encode(h)).size() == 1);
    CHECK(error_of(c->handle(encode(h))).code == "busy");  // two connected push sessions already
    CHECK(c->close_code == 4029);
  }
  {
    auto c = s.connect("push");
    c->handle_text();
    CHECK(c->close_code == 1002);
  }
}
