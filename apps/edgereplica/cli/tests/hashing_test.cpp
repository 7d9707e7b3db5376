// Page, chunk and root hashes (src/hashing.*). The expected values were
// computed independently with Python's hashlib (sync.md §Hashing gives the
// one-liner), so the Ruby server can pin the same constants.
#include <catch.hpp>

#include "hashing.h"

using namespace edgereplica;

namespace {
std::vector<Hash16> three_pages() {
  PageHasher h;
  std::vector<Hash16> out;
  for (char c : {'\1', '\2', '\3'}) out.push_back(h.page(std::string(512, c)));
  return out;
}
}  // namespace

TEST_CASE("page hash is SHA-256 truncated to 16 bytes", "[hashing]") {
  PageHasher h;
  CHECK(hex(h.page(std::string(512, '\1'))) == "6caf38d537984e261527b8caef5f990f");
  CHECK(hex(h.page(std::string(512, '\0'))) == "076a27c79e5ace2a3d47f9dd2e83e4ff");
  CHECK(hex(kZeroHash) == "00000000000000000000000000000000");
}

TEST_CASE("root over chunks of 2 and of 256 pages (known answers)", "[hashing]") {
  auto hashes = three_pages();
  CHECK(hex(image_root(hashes, 512, 2)) == "f969e71619a274f8717463464ac40c55");
  CHECK(hex(image_root(hashes, 512, 256)) == "e4cb3ba498288f978e005f0860a47566");
  // The last chunk is shorter: two chunks for three pages.
  CHECK(chunk_hashes(hashes, 2).size() == 2);
  // Page size and count are part of the root.
  CHECK(image_root(hashes, 1024, 2) != image_root(hashes, 512, 2));
}

TEST_CASE("lock-byte page numbers", "[hashing]") {
  CHECK(lock_page(512) == 2097153);
  CHECK(lock_page(4096) == 262145);
  CHECK(lock_page(65536) == 16385);
  CHECK(is_lock_page(16385, 65536));
  CHECK_FALSE(is_lock_page(16384, 65536));
}

TEST_CASE("hex round trip", "[hashing]") {
  CHECK(unhex("00ff10") == std::string("\x00\xff\x10", 3));
  CHECK(hex(unhex("deadbeef")) == "deadbeef");
  CHECK_THROWS_AS(unhex("abc"), std::invalid_argument);
  CHECK_THROWS_AS(unhex("zz"), std::invalid_argument);
}
