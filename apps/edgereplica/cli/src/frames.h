// The EdgeReplica sync frames (apps/edgereplica/protocol/sync.md §Frames):
// typed structs, the canonical MessagePack encoder and a strict decoder.
// The other half is the Ruby server's EdgeReplica::Sync::Protocol
// (apps/edgereplica/worker/lib/edgereplica/sync/protocol.rb, issue #21); both
// are held to the golden vectors in apps/edgereplica/protocol/vectors/.
//
// A message is the version byte 0x01 followed by the MessagePack array
// [type, body]; body is a map whose keys are written in the order this file
// (and sync.md) lists them, every key always present (nil where the spec says
// "or nil"), each value in its smallest MessagePack form.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace edgereplica {

constexpr std::uint8_t kProtocolVersion = 1;

using Hash16 = std::array<std::uint8_t, 16>;
// [first, count]: pages (1-based pgno) or chunks (0-based index).
struct Range {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  bool operator==(const Range& o) const { return first == o.first && count == o.count; }
};
// A run of consecutive pages starting at `first`: data is k × page_size bytes.
struct Run {
  std::uint64_t first = 0;
  std::string data;
  bool operator==(const Run& o) const { return first == o.first && data == o.data; }
};

enum class FrameType : std::uint8_t {
  hello = 1,
  welcome = 2,
  manifest_req = 3,
  manifest = 4,
  page_req = 5,
  pages = 6,  // C→S, push
  ack = 7,
  commit = 8,
  committed = 9,
  bye = 10,
  page_data = 11,  // S→C, pull (the design's PAGES in the pull direction)
  error = 127,
};
const char* frame_name(FrameType t);

struct Hello {
  std::string dir;  // "push" | "pull"
  std::string client;
  std::string hash;
  std::optional<std::uint64_t> page_size;   // push
  std::optional<std::uint64_t> page_count;  // push
  std::optional<Hash16> root;               // the local image's root; nil on a fresh pull
  std::optional<std::uint64_t> base;        // push: generation this file last synced at
  std::optional<std::string> resume;        // push: session id to resume
  std::uint64_t max_frame = 0;              // largest message the client accepts
};
struct Welcome {
  std::string session;
  std::uint64_t generation = 0;
  std::uint64_t page_size = 0;  // 0: empty remote
  std::uint64_t page_count = 0;
  std::optional<Hash16> root;
  std::string hash;
  std::uint64_t chunk_pages = 0;
  std::uint64_t max_frame = 0;  // largest message the server accepts
  std::uint64_t window = 0;     // PAGES frames the client may have unacknowledged
  bool same = false;
  std::vector<Range> staged;  // on resume: pages already staged in `session`
};
struct ManifestReq {
  std::uint64_t level = 0;  // 0: chunk hashes, 1: page hashes
  std::vector<Range> ranges;
};
struct Manifest {
  std::uint64_t level = 0;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  std::string hashes;  // count × 16 bytes
  std::uint64_t generation = 0;
};
struct PageReq {
  std::uint64_t req = 0;
  std::vector<Range> ranges;
};
struct Pages {
  std::uint64_t seq = 0;
  std::vector<Run> runs;
};
struct Ack {
  std::uint64_t seq = 0;
  std::uint64_t staged = 0;
};
struct Commit {
  std::uint64_t base = 0;
  std::uint64_t page_size = 0;
  std::uint64_t page_count = 0;
  Hash16 root{};
};
struct Committed {
  std::uint64_t generation = 0;
  Hash16 root{};
  std::uint64_t page_count = 0;
  std::uint64_t pages_written = 0;
};
struct Bye {
  bool abort = false;
};
struct PageData {
  std::uint64_t req = 0;
  std::uint64_t generation = 0;
  bool last = false;
  std::vector<Run> runs;
};
struct Error {
  std::string code;
  std::string message;
  bool fatal = true;
  std::optional<std::uint64_t> generation;             // conflict, generation_changed
  std::optional<std::vector<std::uint64_t>> supported;  // unsupported_version
};

using Frame = std::variant<Hello, Welcome, ManifestReq, Manifest, PageReq, Pages, Ack, Commit, Committed, Bye,
                           PageData, Error>;
FrameType frame_type(const Frame& f);

// A message the decoder refuses. `code` is the ERROR code the server answers
// with: "bad_frame" (malformed) or "unsupported_version".
struct FrameError : std::runtime_error {
  FrameError(std::string c, const std::string& message) : std::runtime_error(message), code(std::move(c)) {}
  std::string code;
};

std::string encode(const Frame& f);  // version byte + canonical MessagePack
Frame decode(std::string_view message);

// Bytes of a PAGES / PAGE_DATA message before its page data: a bound the
// batching uses so a frame never exceeds max_frame (sync.md §Limits).
constexpr std::size_t kFrameOverhead = 64;    // version, [type, {keys}], seq/req, generation
constexpr std::size_t kPerRunOverhead = 16;   // [pgno, bin32 header]

}  // namespace edgereplica
