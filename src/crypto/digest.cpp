#include "crypto/digest.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace kiln::digest {

namespace {

// The constants are the spec's: FIPS 180-4 section 4.2 (fractional parts of
// cube roots of the first primes) and 5.3 (square roots), RFC 1321 3.4
// (abs(sin(i)) * 2^32). tests/core/digest_test.cpp checks the published
// test vectors.
const uint32_t kSha256K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
    0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
    0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
    0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
    0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
    0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
    0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};
const uint32_t kSha256H[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};
const uint64_t kSha512K[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};
const uint64_t kSha512H[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
const uint64_t kSha384H[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};
const uint32_t kMd5K[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu,
    0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
    0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
    0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
    0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau,
    0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
    0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
    0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
    0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
    0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u,
    0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u,
    0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
    0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};
const int kMd5Shift[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
inline uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

inline uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline uint64_t be64(const unsigned char* p) { return (uint64_t{be32(p)} << 32) | be32(p + 4); }
inline uint32_t le32(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

void md5_block(uint64_t* st, const unsigned char* p) {
  uint32_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = le32(p + 4 * i);
  uint32_t a = static_cast<uint32_t>(st[0]), b = static_cast<uint32_t>(st[1]);
  uint32_t c = static_cast<uint32_t>(st[2]), d = static_cast<uint32_t>(st[3]);
  for (int i = 0; i < 64; ++i) {
    uint32_t f;
    int g;
    switch (i / 16) {
      case 0: f = (b & c) | (~b & d); g = i; break;
      case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
      case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
      default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
    }
    uint32_t t = d;
    d = c;
    c = b;
    b = b + rotl32(a + f + kMd5K[i] + m[g], kMd5Shift[(i / 16) * 4 + i % 4]);
    a = t;
  }
  st[0] = static_cast<uint32_t>(st[0] + a);
  st[1] = static_cast<uint32_t>(st[1] + b);
  st[2] = static_cast<uint32_t>(st[2] + c);
  st[3] = static_cast<uint32_t>(st[3] + d);
}

void sha1_block(uint64_t* st, const unsigned char* p) {
  uint32_t w[80];
  for (int t = 0; t < 16; ++t) w[t] = be32(p + 4 * t);
  for (int t = 16; t < 80; ++t) w[t] = rotl32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  uint32_t a = static_cast<uint32_t>(st[0]), b = static_cast<uint32_t>(st[1]), c = static_cast<uint32_t>(st[2]);
  uint32_t d = static_cast<uint32_t>(st[3]), e = static_cast<uint32_t>(st[4]);
  for (int t = 0; t < 80; ++t) {
    uint32_t f, k;
    if (t < 20) { f = (b & c) ^ (~b & d); k = 0x5a827999u; }
    else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1u; }
    else if (t < 60) { f = (b & c) ^ (b & d) ^ (c & d); k = 0x8f1bbcdcu; }
    else { f = b ^ c ^ d; k = 0xca62c1d6u; }
    uint32_t tmp = rotl32(a, 5) + f + e + k + w[t];
    e = d;
    d = c;
    c = rotl32(b, 30);
    b = a;
    a = tmp;
  }
  uint32_t v[5] = {a, b, c, d, e};
  for (int i = 0; i < 5; ++i) st[i] = static_cast<uint32_t>(st[i] + v[i]);
}

void sha256_block(uint64_t* st, const unsigned char* p) {
  uint32_t w[64];
  for (int t = 0; t < 16; ++t) w[t] = be32(p + 4 * t);
  for (int t = 16; t < 64; ++t) {
    uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
    uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t v[8];
  for (int i = 0; i < 8; ++i) v[i] = static_cast<uint32_t>(st[i]);
  for (int t = 0; t < 64; ++t) {
    uint32_t e = v[4], a = v[0];
    uint32_t t1 = v[7] + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & v[5]) ^ (~e & v[6])) + kSha256K[t] + w[t];
    uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    v[7] = v[6]; v[6] = v[5]; v[5] = v[4]; v[4] = v[3] + t1;
    v[3] = v[2]; v[2] = v[1]; v[1] = v[0]; v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; ++i) st[i] = static_cast<uint32_t>(st[i] + v[i]);
}

void sha512_block(uint64_t* st, const unsigned char* p) {
  uint64_t w[80];
  for (int t = 0; t < 16; ++t) w[t] = be64(p + 8 * t);
  for (int t = 16; t < 80; ++t) {
    uint64_t s0 = rotr64(w[t - 15], 1) ^ rotr64(w[t - 15], 8) ^ (w[t - 15] >> 7);
    uint64_t s1 = rotr64(w[t - 2], 19) ^ rotr64(w[t - 2], 61) ^ (w[t - 2] >> 6);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint64_t v[8];
  for (int i = 0; i < 8; ++i) v[i] = st[i];
  for (int t = 0; t < 80; ++t) {
    uint64_t e = v[4], a = v[0];
    uint64_t t1 = v[7] + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & v[5]) ^ (~e & v[6])) + kSha512K[t] + w[t];
    uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    v[7] = v[6]; v[6] = v[5]; v[5] = v[4]; v[4] = v[3] + t1;
    v[3] = v[2]; v[2] = v[1]; v[1] = v[0]; v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; ++i) st[i] += v[i];
}

}  // namespace

bool from_name(std::string_view name, Algorithm& out) {
  std::string n;
  for (char c : name) {
    if (c == '-' || c == '_') continue;
    n += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  if (n.compare(0, 4, "SHA2") == 0 && n.size() == 7) n = "SHA" + n.substr(4);  // SHA2-256
  static const struct { const char* name; Algorithm a; } kNames[] = {
      {"MD5", Algorithm::md5}, {"SHA1", Algorithm::sha1}, {"SHA256", Algorithm::sha256},
      {"SHA384", Algorithm::sha384}, {"SHA512", Algorithm::sha512}};
  for (auto& k : kNames) {
    if (n == k.name) {
      out = k.a;
      return true;
    }
  }
  return false;
}

const char* name(Algorithm a) {
  switch (a) {
    case Algorithm::md5: return "MD5";
    case Algorithm::sha1: return "SHA1";
    case Algorithm::sha256: return "SHA256";
    case Algorithm::sha384: return "SHA384";
    default: return "SHA512";
  }
}

std::size_t size(Algorithm a) {
  switch (a) {
    case Algorithm::md5: return 16;
    case Algorithm::sha1: return 20;
    case Algorithm::sha256: return 32;
    case Algorithm::sha384: return 48;
    default: return 64;
  }
}

std::size_t block_size(Algorithm a) { return a == Algorithm::sha384 || a == Algorithm::sha512 ? 128 : 64; }

Hasher::Hasher(Algorithm a) : algorithm_(a) {
  static const uint64_t kMd5Sha1H[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
  for (int i = 0; i < 8; ++i) {
    switch (a) {
      case Algorithm::md5:
      case Algorithm::sha1: state_[i] = i < 5 ? kMd5Sha1H[i] : 0; break;
      case Algorithm::sha256: state_[i] = kSha256H[i]; break;
      case Algorithm::sha384: state_[i] = kSha384H[i]; break;
      case Algorithm::sha512: state_[i] = kSha512H[i]; break;
    }
  }
}

void Hasher::compress(const unsigned char* block) {
  switch (algorithm_) {
    case Algorithm::md5: md5_block(state_, block); break;
    case Algorithm::sha1: sha1_block(state_, block); break;
    case Algorithm::sha256: sha256_block(state_, block); break;
    default: sha512_block(state_, block); break;
  }
}

void Hasher::update(std::string_view data) {
  const std::size_t block = block_size(algorithm_);
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  length_ += n;
  if (buffered_ > 0) {
    std::size_t take = block - buffered_ < n ? block - buffered_ : n;
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < block) return;
    compress(buffer_);
    buffered_ = 0;
  }
  for (; n >= block; p += block, n -= block) compress(p);
  std::memcpy(buffer_, p, n);
  buffered_ = n;
}

std::string Hasher::finish() {
  // Padding: 0x80, zeros, then the bit length (64-bit, or 128-bit for
  // SHA-384/512 whose high half is zero here); MD5 stores it little-endian.
  const std::size_t block = block_size(algorithm_);
  const std::size_t length_field = block == 128 ? 16 : 8;
  uint64_t bits = length_ * 8;
  unsigned char pad[128] = {0x80};
  std::size_t pad_len = block - ((buffered_ + length_field) % block);
  if (pad_len == 0) pad_len = block;
  unsigned char len[16] = {0};
  for (int i = 0; i < 8; ++i) {
    unsigned char byte = static_cast<unsigned char>(bits >> (8 * i));
    if (algorithm_ == Algorithm::md5) len[i] = byte; else len[length_field - 1 - i] = byte;
  }
  uint64_t saved = length_;
  update(std::string_view(reinterpret_cast<const char*>(pad), pad_len));
  update(std::string_view(reinterpret_cast<const char*>(len), length_field));
  length_ = saved;
  std::string out;
  const std::size_t words = algorithm_ == Algorithm::md5 ? 4 : algorithm_ == Algorithm::sha1 ? 5 : 8;
  const int word_bytes = block == 128 ? 8 : 4;
  for (std::size_t i = 0; i < words; ++i) {
    for (int b = 0; b < word_bytes; ++b) {
      int shift = algorithm_ == Algorithm::md5 ? 8 * b : 8 * (word_bytes - 1 - b);
      out += static_cast<char>((state_[i] >> shift) & 0xff);
    }
  }
  out.resize(size(algorithm_));  // SHA-384 keeps the first six words
  return out;
}

std::string hash(Algorithm a, std::string_view data) {
  Hasher h(a);
  h.update(data);
  return h.finish();
}

namespace {

// HMAC's two hashers with the padded key already absorbed: copied per
// message, so PBKDF2 hashes the key blocks once, not twice per iteration.
struct HmacKey {
  Hasher inner, outer;
  HmacKey(Algorithm a, std::string_view key) : inner(a), outer(a) {
    // RFC 2104: H((K ^ opad) || H((K ^ ipad) || data)), long keys hashed first.
    const std::size_t block = block_size(a);
    std::string k = key.size() > block ? hash(a, key) : std::string(key);
    k.resize(block, '\0');
    std::string ipad(k), opad(k);
    for (std::size_t i = 0; i < block; ++i) {
      ipad[i] = static_cast<char>(ipad[i] ^ 0x36);
      opad[i] = static_cast<char>(opad[i] ^ 0x5c);
    }
    inner.update(ipad);
    outer.update(opad);
  }
  std::string mac(std::string_view data) const {
    Hasher i = inner, o = outer;
    i.update(data);
    o.update(i.finish());
    return o.finish();
  }
};

}  // namespace

std::string hmac(Algorithm a, std::string_view key, std::string_view data) { return HmacKey(a, key).mac(data); }

std::string pbkdf2_hmac(Algorithm a, std::string_view password, std::string_view salt, std::uint64_t iterations,
                        std::size_t length) {
  const HmacKey prf(a, password);
  std::string out;
  out.reserve(length);
  for (std::uint32_t block = 1; out.size() < length; ++block) {
    // T_i = U_1 ^ U_2 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1})
    std::string u(salt);
    for (int shift = 24; shift >= 0; shift -= 8) u += static_cast<char>((block >> shift) & 0xff);
    u = prf.mac(u);
    std::string t = u;
    for (std::uint64_t j = 1; j < iterations; ++j) {
      u = prf.mac(u);
      for (std::size_t b = 0; b < t.size(); ++b) t[b] = static_cast<char>(t[b] ^ u[b]);
    }
    out.append(t, 0, std::min(t.size(), length - out.size()));
  }
  return out;
}

std::string hex(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace kiln::digest
