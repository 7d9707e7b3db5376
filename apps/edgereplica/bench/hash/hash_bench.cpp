// The page-hash benchmark (design §5.1, native half): hashes 50 MiB of
// pseudo-random pages, one digest per page, with each candidate and prints a
// Markdown table. Built by apps/edgereplica/cli/CMakeLists.txt (target
// er_hash_bench, always -O2, never sanitized); the wasm/workerd half of §5.1
// is not written yet. The decision it feeds is recorded in
// apps/edgereplica/protocol/sync.md ("Page hash").
//
// Usage: build/edgereplica/er_hash_bench [MiB]   (default 50)
#include <openssl/evp.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crypto/digest.h"  // Kiln's own SHA-256 (src/crypto/digest.cpp)

namespace {

using PageFn = std::function<void(const unsigned char*, size_t, unsigned char*)>;

PageFn evp(const EVP_MD* md) {
  // One context reused across pages, as the CLI's hasher does.
  auto ctx = std::shared_ptr<EVP_MD_CTX>(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return [ctx, md](const unsigned char* p, size_t n, unsigned char* out) {
    unsigned char full[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestInit_ex(ctx.get(), md, nullptr);
    EVP_DigestUpdate(ctx.get(), p, n);
    EVP_DigestFinal_ex(ctx.get(), full, &len);
    std::copy(full, full + 16, out);
  };
}

// Best of `reps` passes over the buffer, in seconds.
double time_pass(const PageFn& fn, const std::vector<unsigned char>& buf, size_t page, int reps, unsigned& sink) {
  double best = 1e9;
  unsigned char out[16];
  for (int r = 0; r < reps; r++) {
    auto t0 = std::chrono::steady_clock::now();
    for (size_t off = 0; off + page <= buf.size(); off += page) {
      fn(buf.data() + off, page, out);
      sink += out[0];
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  std::vector<unsigned char> buf(mib << 20);
  uint64_t x = 0x9E3779B97F4A7C15ull;  // splitmix64: incompressible, deterministic
  for (size_t i = 0; i < buf.size(); i += 8) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int b = 0; b < 8; b++) buf[i + b] = static_cast<unsigned char>(z >> (8 * b));
  }
  struct Candidate {
    const char* name;
    PageFn fn;
  };
  std::vector<Candidate> candidates = {
      {"sha256-128 (OpenSSL EVP)", evp(EVP_sha256())},
      {"sha256-128 (Kiln src/crypto/digest.cpp, -O2)",
       [](const unsigned char* p, size_t n, unsigned char* out) {
         std::string d = kiln::digest::hash(kiln::digest::Algorithm::sha256,
                                            std::string_view(reinterpret_cast<const char*>(p), n));
         std::copy(d.begin(), d.begin() + 16, out);
       }},
      {"sha512/256-128 (OpenSSL EVP)", evp(EVP_sha512_256())},
      {"blake2b-128 (OpenSSL EVP, blake2b512 truncated)", evp(EVP_blake2b512())},
      {"sha3-256-128 (OpenSSL EVP)", evp(EVP_sha3_256())},
      {"xxh3-128 (libxxhash 0.8.1, not cryptographic)",
       [](const unsigned char* p, size_t n, unsigned char* out) {
         XXH128_hash_t h = XXH3_128bits(p, n);
         XXH128_canonical_t c;
         XXH128_canonicalFromHash(&c, h);
         std::copy(c.digest, c.digest + 16, out);
       }},
  };
  const size_t sizes[] = {4096, 65536, 512};
  unsigned sink = 0;
  std::printf("page hashes over %zu MiB of pseudo-random pages, best of 3, one core\n\n", mib);
  std::printf("| candidate | MiB/s @4 KiB | ns/page @4 KiB | MiB/s @64 KiB | MiB/s @512 B |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: |\n");
  for (auto& c : candidates) {
    double mibs[3], ns4k = 0;
    for (int i = 0; i < 3; i++) {
      double s = time_pass(c.fn, buf, sizes[i], 3, sink);
      mibs[i] = static_cast<double>(mib) / s;
      if (i == 0) ns4k = s * 1e9 / static_cast<double>(buf.size() / 4096);
    }
    std::printf("| %s | %.0f | %.0f | %.0f | %.0f |\n", c.name, mibs[0], ns4k, mibs[1], mibs[2]);
  }
  std::fprintf(stderr, "(sink %u)\n", sink);
  return 0;
}
