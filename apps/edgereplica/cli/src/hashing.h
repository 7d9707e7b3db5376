// Page, chunk and root hashes of a database image (sync.md §Hashing). The
// server computes the same values in Ruby (worker/lib/edgereplica/sync/,
// issue #21) over its stored page hashes; tests/hashing_test.cpp pins them
// with known-answer values that the Ruby tests can reuse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "frames.h"

namespace edgereplica {

constexpr const char* kHashName = "sha256-128";  // announced in HELLO and WELCOME
constexpr std::uint64_t kDefaultChunkPages = 256;

// The lock-byte (pending-byte) page: the page holding file offset 2^30. It
// exists only in databases over 1 GiB; SQLite never stores data in it.
std::uint64_t lock_page(std::uint64_t page_size);
inline bool is_lock_page(std::uint64_t pgno, std::uint64_t page_size) { return pgno == lock_page(page_size); }

// h(p) = SHA-256(page)[0,16]; reuses one OpenSSL context (not thread-safe).
class PageHasher {
 public:
  PageHasher();
  ~PageHasher();
  PageHasher(const PageHasher&) = delete;
  PageHasher& operator=(const PageHasher&) = delete;
  Hash16 page(const void* data, std::size_t n);
  Hash16 page(const std::string& s) { return page(s.data(), s.size()); }
  // SHA-256 of the concatenation, truncated: the chunk and root hashes.
  Hash16 concat(const std::vector<std::pair<const void*, std::size_t>>& parts);

 private:
  void* ctx_;
};

// The hash the lock-byte page always has: 16 zero bytes, never computed.
constexpr Hash16 kZeroHash{};

// Page hashes (index pgno-1) → chunk hashes → root.
std::vector<Hash16> chunk_hashes(const std::vector<Hash16>& page_hashes, std::uint64_t chunk_pages);
Hash16 chunk_hash(PageHasher& h, const Hash16* page_hashes, std::size_t n);
Hash16 root_hash(PageHasher& h, std::uint64_t page_size, std::uint64_t page_count,
                 const std::vector<Hash16>& chunk_hashes);
Hash16 image_root(const std::vector<Hash16>& page_hashes, std::uint64_t page_size,
                  std::uint64_t chunk_pages = kDefaultChunkPages);

std::string hex(const void* p, std::size_t n);
inline std::string hex(const Hash16& h) { return hex(h.data(), h.size()); }
inline std::string hex(const std::string& s) { return hex(s.data(), s.size()); }
std::string unhex(const std::string& h);  // throws std::invalid_argument

}  // namespace edgereplica
