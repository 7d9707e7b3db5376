// Implementation of hashing.h on OpenSSL's EVP SHA-256 (SHA-NI when the CPU
// has it; the choice and its measurements are in sync.md §Page hash).
#include "hashing.h"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace edgereplica {

std::uint64_t lock_page(std::uint64_t page_size) { return (std::uint64_t{1} << 30) / page_size + 1; }

PageHasher::PageHasher() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) throw std::bad_alloc();
}
PageHasher::~PageHasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

Hash16 PageHasher::page(const void* data, std::size_t n) { return concat({{data, n}}); }

Hash16 PageHasher::concat(const std::vector<std::pair<const void*, std::size_t>>& parts) {
  auto* ctx = static_cast<EVP_MD_CTX*>(ctx_);
  unsigned char full[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) throw std::runtime_error("EVP_DigestInit_ex failed");
  for (const auto& p : parts) EVP_DigestUpdate(ctx, p.first, p.second);
  EVP_DigestFinal_ex(ctx, full, &len);
  Hash16 out;
  std::memcpy(out.data(), full, out.size());
  return out;
}

Hash16 chunk_hash(PageHasher& h, const Hash16* page_hashes, std::size_t n) {
  return h.concat({{page_hashes, n * sizeof(Hash16)}});
}

std::vector<Hash16> chunk_hashes(const std::vector<Hash16>& page_hashes, std::uint64_t chunk_pages) {
  PageHasher h;
  std::vector<Hash16> out;
  for (std::size_t i = 0; i < page_hashes.size(); i += chunk_pages) {
    std::size_t n = std::min<std::size_t>(chunk_pages, page_hashes.size() - i);
    out.push_back(chunk_hash(h, page_hashes.data() + i, n));
  }
  return out;
}

Hash16 root_hash(PageHasher& h, std::uint64_t page_size, std::uint64_t page_count,
                 const std::vector<Hash16>& chunks) {
  static const char kTag[] = "edgereplica-root-v1";
  unsigned char be[8];
  for (int i = 0; i < 4; i++) {
    be[i] = static_cast<unsigned char>(page_size >> (24 - 8 * i));
    be[4 + i] = static_cast<unsigned char>(page_count >> (24 - 8 * i));
  }
  return h.concat({{kTag, sizeof kTag - 1}, {be, 8}, {chunks.data(), chunks.size() * sizeof(Hash16)}});
}

Hash16 image_root(const std::vector<Hash16>& page_hashes, std::uint64_t page_size, std::uint64_t chunk_pages) {
  PageHasher h;
  return root_hash(h, page_size, page_hashes.size(), chunk_hashes(page_hashes, chunk_pages));
}

std::string hex(const void* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  const auto* b = static_cast<const unsigned char*>(p);
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; i++) {
    out[2 * i] = digits[b[i] >> 4];
    out[2 * i + 1] = digits[b[i] & 15];
  }
  return out;
}

std::string unhex(const std::string& h) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("not a hex digit");
  };
  if (h.size() % 2) throw std::invalid_argument("odd-length hex");
  std::string out(h.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); i++) out[i] = static_cast<char>(val(h[2 * i]) * 16 + val(h[2 * i + 1]));
  return out;
}

}  // namespace edgereplica
