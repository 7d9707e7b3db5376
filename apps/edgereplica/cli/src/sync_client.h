// The client side of the sync protocol (sync.md §Push, §Pull): a state
// machine over a Transport, reading pages from a PageSource (push) and writing
// them to a PullSink (pull). It decides which pages move; the server only
// stores and verifies. The server side is the Ruby EdgeReplica::Sync::Machine
// (issue #21) and, for the tests, tests/fake_server.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "errors.h"
#include "frames.h"
#include "hashing.h"
#include "transport.h"

namespace edgereplica {

constexpr std::uint64_t kClientMaxFrame = (1u << 20) - 64;  // what the client accepts (HELLO.max_frame)
extern const char* const kClientName;                       // HELLO.client, "edgereplica/<version>"

// The pages of the image being pushed: one consistent snapshot.
class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual std::uint64_t page_size() const = 0;
  virtual std::uint64_t page_count() const = 0;
  // h(p) for p in 1..page_count (the lock-byte page as kZeroHash).
  virtual const std::vector<Hash16>& page_hashes() = 0;
  // Appends page `pgno` (page_size bytes) to `out`.
  virtual void read(std::uint64_t pgno, std::string& out) = 0;
};

// Where a pull writes: an image of page_count pages being assembled.
class PullSink {
 public:
  virtual ~PullSink() = default;
  // Sets the image up for (page_size, page_count) and returns the hashes of
  // the pages it already holds (index pgno-1; at most page_count entries):
  // those that match the remote are not requested. Called again after a
  // generation_changed re-handshake.
  virtual std::vector<Hash16> prepare(std::uint64_t page_size, std::uint64_t page_count) = 0;
  virtual void write(std::uint64_t pgno, const char* data, std::size_t n) = 0;
  // All pages are in: make them durable and check the image's root.
  virtual void finish(const Hash16& expected_root, std::uint64_t chunk_pages) = 0;
};

struct Stats {
  std::uint64_t frames_sent = 0, frames_received = 0;
  std::uint64_t payload_bytes_sent = 0, payload_bytes_received = 0;
  std::uint64_t pages_sent = 0, pages_received = 0, hashes_received = 0;
  std::uint64_t generation = 0;
  double elapsed_ms = 0, hash_ms = 0;
};

// What a later run needs to resume an interrupted push (kept by the CLI in
// ~/.cache/edgereplica/sessions/<database>.json).
struct ResumeInfo {
  std::string session;
  Hash16 local_root{};
  std::uint64_t base = 0;
  std::uint64_t page_size = 0, page_count = 0;
};

struct PushOptions {
  std::optional<std::uint64_t> base;  // generation the file last synced at (sidecar); nullopt: never synced
  bool force = false;                 // push over a remote that moved
  std::optional<ResumeInfo> resume;   // used only if its local_root matches the snapshot
  std::function<void(const ResumeInfo&)> on_session;  // called once the session is open
};
struct PushResult {
  bool same = false;  // nothing to do: the remote already equals the file
  std::uint64_t generation = 0;
  Hash16 root{};
  std::uint64_t pages_sent = 0;
  std::uint64_t pages_skipped_staged = 0;  // not resent: staged by the resumed session
  Stats stats;
};
PushResult push(Transport& t, PageSource& src, const PushOptions& opts = {});

struct PullOptions {
  std::optional<Hash16> root;  // the local file's image as the remote knew it (HELLO.root)
  int max_rehandshakes = 5;    // generation_changed retries
};
struct PullResult {
  bool same = false;
  std::uint64_t generation = 0;
  Hash16 root{};
  std::uint64_t page_size = 0, page_count = 0;
  std::uint64_t pages_received = 0;
  Stats stats;
};
PullResult pull(Transport& t, PullSink& sink, const PullOptions& opts = {});

// Pages per PAGES/PAGE_DATA frame for one contiguous run (sync.md §Limits).
std::uint64_t pages_per_frame(std::uint64_t max_frame, std::uint64_t page_size);
std::uint64_t hashes_per_manifest(std::uint64_t max_frame);

}  // namespace edgereplica
