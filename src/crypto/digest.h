// Message digests and HMAC, written from FIPS 180-4 (SHA-1, SHA-2) and
// RFC 1321 (MD5) / RFC 2104 (HMAC): Digest::*, OpenSSL::HMAC and friends
// run synchronously in C++, with no JS round trip.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiln::digest {

enum class Algorithm { md5, sha1, sha256, sha384, sha512 };

// "SHA256", "sha256", "SHA-256", "sha2-256" (any case); false if unknown.
bool from_name(std::string_view name, Algorithm& out);
const char* name(Algorithm a);  // "SHA256"
std::size_t size(Algorithm a);  // bytes of output
std::size_t block_size(Algorithm a);

// Incremental hashing: update() any number of times, then finish() once.
class Hasher {
 public:
  explicit Hasher(Algorithm a);
  void update(std::string_view data);
  std::string finish();  // the raw digest bytes

 private:
  void compress(const unsigned char* block);
  Algorithm algorithm_;
  std::uint64_t state_[8];
  unsigned char buffer_[128];
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed (messages under 2^61 bytes)
};

std::string hash(Algorithm a, std::string_view data);
std::string hmac(Algorithm a, std::string_view key, std::string_view data);
// RFC 8018 PBKDF2 with HMAC-`a`: `length` bytes derived from the password.
std::string pbkdf2_hmac(Algorithm a, std::string_view password, std::string_view salt, std::uint64_t iterations,
                        std::size_t length);
std::string hex(std::string_view bytes);  // lowercase

}  // namespace kiln::digest
