// An in-process fake of the EdgeReplica server's sync side (sync.md), for
// the CLI's tests and the vector generator only: the same state machine the
// Ruby Replica DO runs (worker/lib/edgereplica/sync/machine.rb, issue #21),
// over an in-memory page store instead of DO SQL. Authentication is out of
// scope: connect() takes the direction a verified token would carry.
//
// LoopbackTransport connects a client (sync_client.h) to it without sockets;
// every message still goes through encode/decode, and it can drop the
// connection after N sends to test resumption.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frames.h"
#include "hashing.h"
#include "sync_client.h"
#include "transport.h"

namespace edgereplica::test {

struct ServerLimits {
  std::uint64_t chunk_pages = kDefaultChunkPages;
  std::uint64_t max_frame = 512 * 1024;
  std::uint64_t window = 4;
  std::uint64_t max_db_bytes = std::uint64_t{2} << 30;
  std::uint64_t max_push_sessions = 2;  // connected push sessions per database
};

using PagePtr = std::shared_ptr<const std::string>;

class FakeServer {
 public:
  explicit FakeServer(ServerLimits limits = {});

  class Connection {
   public:
    // One incoming message → the messages to send back, in order.
    std::vector<std::string> handle(const std::string& message);
    void handle_text();  // a text frame arrived
    std::optional<int> close_code;  // set once the server closes
    void disconnect();              // the socket dropped: push staging is kept for resume

   private:
    friend class FakeServer;
    Connection(FakeServer& s, std::string dir, std::string user) : server_(s), dir_(std::move(dir)), user_(std::move(user)) {}
    std::vector<std::string> dispatch(const Frame& f);
    std::vector<std::string> fail(const std::string& code, const std::string& message, int close,
                                  std::optional<std::uint64_t> generation = std::nullopt);
    FakeServer& server_;
    std::string dir_, user_;
    enum class Phase { authed, push, pull, stale, done } phase_ = Phase::authed;
    std::string session_;
    std::uint64_t pinned_ = 0;      // pull: the generation served
    std::uint64_t out_max_ = 0;     // largest message this server sends on this socket
    std::uint64_t last_seq_ = 0;
  };
  std::unique_ptr<Connection> connect(const std::string& direction, const std::string& user = "user-1");

  // The committed state, for assertions.
  std::uint64_t generation() const { return generation_; }
  std::uint64_t page_size() const { return page_size_; }
  std::uint64_t page_count() const { return pages_.size(); }
  std::optional<Hash16> root() const;
  std::string page(std::uint64_t pgno) const;  // zeros for the lock-byte page
  std::size_t open_sessions() const { return sessions_.size(); }
  std::uint64_t staged_pages(const std::string& session) const;
  std::uint64_t pages_written_total = 0;  // staged pages applied by commits
  std::uint64_t pages_staged_total = 0;   // pages received in PAGES frames
  const ServerLimits& limits() const { return limits_; }

  // Test hooks: corrupt a PAGE_DATA frame before it is sent; make a commit
  // land between two messages of a pull (see sync_test.cpp).
  std::function<void(PageData&)> tamper_page_data;

 private:
  struct Session {
    std::string user;
    std::uint64_t page_size = 0, page_count = 0;
    std::map<std::uint64_t, std::pair<Hash16, PagePtr>> staged;
    bool connected = true;
  };
  PagePtr intern(const char* data, std::size_t n, const Hash16& h);
  std::vector<Hash16> chunk_hashes() const;

  ServerLimits limits_;
  std::uint64_t generation_ = 0, page_size_ = 0;
  std::vector<std::pair<Hash16, PagePtr>> pages_;  // index pgno-1; the lock-byte page has a null PagePtr
  std::map<Hash16, std::weak_ptr<const std::string>> interned_;  // identical pages share memory
  std::map<std::string, Session> sessions_;
  std::uint64_t next_session_ = 1;
  PageHasher hasher_;
};

// Client ↔ fake server without sockets.
class LoopbackTransport : public Transport {
 public:
  LoopbackTransport(FakeServer& server, const std::string& direction, const std::string& user = "user-1")
      : conn_(server.connect(direction, user)) {}
  void send(const std::string& message) override;
  std::string recv() override;
  void close(int code) override;

  // Every message both ways, in order, for the conversation vectors.
  struct Message {
    bool from_client;
    std::string bytes;
  };
  std::vector<Message> log;
  bool record = false;
  // Drop the connection (TransportError 1006) instead of the Nth send.
  std::optional<std::uint64_t> drop_at_send;
  // Called with each decoded client frame before the server sees it.
  std::function<void(const Frame&)> before_send;
  std::uint64_t sends = 0;
  std::uint64_t bytes_sent = 0, bytes_received = 0;
  std::optional<int> closed;  // the code the client closed with

 private:
  std::unique_ptr<FakeServer::Connection> conn_;
  std::deque<std::string> inbox_;
  bool dropped_ = false;
};

// An image in memory as a PageSource (vectors, tests without SQLite).
class MemorySource : public PageSource {
 public:
  MemorySource(std::uint64_t page_size, std::vector<std::string> pages);
  std::uint64_t page_size() const override { return page_size_; }
  std::uint64_t page_count() const override { return pages_.size(); }
  const std::vector<Hash16>& page_hashes() override { return hashes_; }
  void read(std::uint64_t pgno, std::string& out) override { out += pages_.at(pgno - 1); }
  std::vector<std::string>& pages() { return pages_; }
  void rehash();

 private:
  std::uint64_t page_size_;
  std::vector<std::string> pages_;
  std::vector<Hash16> hashes_;
};

// A pull target in memory (vectors, client tests without files).
class MemorySink : public PullSink {
 public:
  MemorySink() = default;
  MemorySink(std::uint64_t ps, std::vector<std::string> initial) : pages(std::move(initial)), page_size(ps) {}
  std::vector<Hash16> prepare(std::uint64_t page_size, std::uint64_t page_count) override;
  void write(std::uint64_t pgno, const char* data, std::size_t n) override;
  void finish(const Hash16& expected_root, std::uint64_t chunk_pages) override;
  std::vector<std::string> pages;
  std::uint64_t page_size = 0;
  std::uint64_t writes = 0;
};

// A deterministic synthetic image: page 1 starts with a SQLite header naming
// the page size and count, the rest is a pattern seeded by `seed`.
std::vector<std::string> synthetic_pages(std::uint64_t page_size, std::uint64_t count, std::uint32_t seed);

}  // namespace edgereplica::test
