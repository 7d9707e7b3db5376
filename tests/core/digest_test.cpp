#include <catch.hpp>

#include <set>
#include <string>

#include "crypto/base64.h"
#include "checks.h"
#include "crypto/digest.h"

extern "C" const uint8_t fixture_crypto_checks[];

using kiln::digest::Algorithm;

namespace {

std::string hex_hash(Algorithm a, const std::string& data) { return kiln::digest::hex(kiln::digest::hash(a, data)); }
std::string hex_hmac(Algorithm a, const std::string& key, const std::string& data) {
  return kiln::digest::hex(kiln::digest::hmac(a, key, data));
}

const std::string k448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

}  // namespace

TEST_CASE("SHA-256: FIPS 180-4 example vectors", "[digest]") {
  CHECK(hex_hash(Algorithm::sha256, "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex_hash(Algorithm::sha256, "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_hash(Algorithm::sha256, k448) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex_hash(Algorithm::sha256, std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-1, SHA-384, SHA-512: FIPS 180-4 example vectors", "[digest]") {
  CHECK(hex_hash(Algorithm::sha1, "") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(hex_hash(Algorithm::sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex_hash(Algorithm::sha1, k448) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(hex_hash(Algorithm::sha1, std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK(hex_hash(Algorithm::sha384, "") ==
        "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b");
  CHECK(hex_hash(Algorithm::sha384, "abc") ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  CHECK(hex_hash(Algorithm::sha384, std::string(1000000, 'a')) ==
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985");
  CHECK(hex_hash(Algorithm::sha512, "") ==
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  CHECK(hex_hash(Algorithm::sha512, "abc") ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(hex_hash(Algorithm::sha512, k896) ==
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
  CHECK(hex_hash(Algorithm::sha512, std::string(1000000, 'a')) ==
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

TEST_CASE("MD5: RFC 1321 test suite", "[digest]") {
  CHECK(hex_hash(Algorithm::md5, "") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex_hash(Algorithm::md5, "a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(hex_hash(Algorithm::md5, "abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(hex_hash(Algorithm::md5, "message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hex_hash(Algorithm::md5, "abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(hex_hash(Algorithm::md5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(hex_hash(Algorithm::md5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("incremental hashing matches one-shot hashing at every split", "[digest]") {
  std::string data;
  for (int i = 0; i < 300; ++i) data += static_cast<char>(i * 7);
  for (Algorithm a : {Algorithm::md5, Algorithm::sha1, Algorithm::sha256, Algorithm::sha384, Algorithm::sha512}) {
    std::string whole = kiln::digest::hash(a, data);
    CHECK(whole.size() == kiln::digest::size(a));
    for (size_t split = 0; split <= data.size(); split += 13) {
      kiln::digest::Hasher h(a);
      h.update(std::string_view(data).substr(0, split));
      h.update(std::string_view(data).substr(split));
      CHECK(h.finish() == whole);
    }
  }
  // Lengths around the padding boundaries (55/56/64 and 111/112/128 bytes).
  CHECK(hex_hash(Algorithm::sha256, std::string(55, 'x')) != hex_hash(Algorithm::sha256, std::string(56, 'x')));
}

TEST_CASE("HMAC-SHA-256/384/512: RFC 4231 test cases 1-4, 6, 7", "[digest][hmac]") {
  const std::string big_key(131, '\xaa');
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
  struct Case {
    std::string key, data, sha256, sha384, sha512;
  } cases[] = {
      {std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
      {"Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
      {std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
      {key4, std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"},
      {big_key, "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
      {big_key,
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
       "hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"},
  };
  for (auto& c : cases) {
    INFO("data: " << c.data.substr(0, 20));
    CHECK(hex_hmac(Algorithm::sha256, c.key, c.data) == c.sha256);
    CHECK(hex_hmac(Algorithm::sha384, c.key, c.data) == c.sha384);
    CHECK(hex_hmac(Algorithm::sha512, c.key, c.data) == c.sha512);
  }
}

TEST_CASE("HMAC-SHA-1: RFC 2202 test cases", "[digest][hmac]") {
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
  CHECK(hex_hmac(Algorithm::sha1, std::string(20, '\x0b'), "Hi There") == "b617318655057264e28bc0b6fb378c8ef146be00");
  CHECK(hex_hmac(Algorithm::sha1, "Jefe", "what do ya want for nothing?") == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(hex_hmac(Algorithm::sha1, std::string(20, '\xaa'), std::string(50, '\xdd')) == "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
  CHECK(hex_hmac(Algorithm::sha1, key4, std::string(50, '\xcd')) == "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
  CHECK(hex_hmac(Algorithm::sha1, std::string(20, '\x0c'), "Test With Truncation") == "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
  CHECK(hex_hmac(Algorithm::sha1, std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
        "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  CHECK(hex_hmac(Algorithm::sha1, std::string(80, '\xaa'),
                 "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data") ==
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

TEST_CASE("algorithm names are read like OpenSSL's", "[digest]") {
  Algorithm a;
  CHECK((kiln::digest::from_name("SHA256", a) && a == Algorithm::sha256));
  CHECK((kiln::digest::from_name("sha-384", a) && a == Algorithm::sha384));
  CHECK((kiln::digest::from_name("sha2-512", a) && a == Algorithm::sha512));
  CHECK((kiln::digest::from_name("md5", a) && a == Algorithm::md5));
  CHECK_FALSE(kiln::digest::from_name("sha3-256", a));
  CHECK_FALSE(kiln::digest::from_name("", a));
}

TEST_CASE("Base64: RFC 4648 vectors, strict and lenient decoding", "[base64]") {
  using namespace kiln::base64;
  const char* vectors[][2] = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
                              {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (auto& v : vectors) {
    CHECK(encode(v[0]) == v[1]);
    std::string out;
    CHECK(decode_strict(v[1], out));
    CHECK(out == v[0]);
    CHECK(decode_lenient(v[1]) == v[0]);
  }
  std::string out;
  CHECK_FALSE(decode_strict("Zm9", out));       // not a multiple of 4
  CHECK_FALSE(decode_strict("Zm9v\n", out));    // no newlines
  CHECK_FALSE(decode_strict("Zg==Zg==", out));  // padding in the middle
  CHECK_FALSE(decode_strict("Zh==", out));      // non-zero unused bits
  CHECK_FALSE(decode_strict("Zm9-", out));      // url-safe alphabet
  CHECK((decode_strict("-_8=", out, true) && out == "\xfb\xff"));
  CHECK(encode("\xfb\xff", true, false) == "-_8");
  CHECK(decode_lenient("Zm9v\nYmFy!!") == "foobar");
  CHECK(decode_lenient("Zm9vYg") == "foob");
  CHECK(decode_lenient("Zm9vYg==Zm9v") == "foob");  // stops at padding
  // pack("m"): 60 characters a line, each line ending in "\n".
  std::string wrapped = encode(std::string(100, 'x'), false, true, true);
  CHECK(wrapped.find('\n') == 60);
  CHECK(wrapped.size() == 136 + 3);
  CHECK(wrapped.back() == '\n');
  CHECK(encode("", false, true, true) == "");
}

TEST_CASE("Digest, HMAC, Base64 from Ruby", "[digest][ruby]") {
  auto rt = test::boot_checks(fixture_crypto_checks);
  CHECK(test::check(*rt, "sha256") ==
        "[\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", 32, "
        "\"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"]");
  CHECK(test::check(*rt, "all_hex") ==
        "[\"900150983cd24fb0d6963f7d28e17f72\", \"a9993e364706816aba3e25717850c26c9cd0d89d\", "
        "\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\", "
        "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"]");
  CHECK(test::check(*rt, "incremental") == "true");
  CHECK(test::check(*rt, "instance") == "[\"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1\", 64, 32, true]");
  CHECK(test::check(*rt, "sha2") == "[\"SHA384\", true]");
  CHECK(test::check(*rt, "hmac") == "[true, true, true, true, true, true]");
  CHECK(test::check(*rt, "hmac_sha1") == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(test::check(*rt, "hmac_bad") == "ArgumentError: unsupported digest algorithm: SHA3 (MD5, SHA1, SHA256, SHA384, SHA512)");
  CHECK(test::check(*rt, "openssl_digest") == "[true, true, \"SHA256\", true]");
  CHECK(test::check(*rt, "base64") ==
        "[\"Zm9vYmFy\", \"Zm9vYmFy\\n\", \"foobar\", \"foobar\", \"-_8=\", \"-_8\", \"\\xfb\\xff\", \"\\xfb\\xff\"]");
  CHECK(test::check(*rt, "base64_wrap") == "[60, 3, true]");
  CHECK(test::check(*rt, "strict_decode_bad") == "ArgumentError: invalid base64");
  CHECK(test::check(*rt, "binary_digest") == "[String, 32, true]");
  CHECK(test::check(*rt, "secure_compare") == "[true, false, false]");
  CHECK(test::check(*rt, "pbkdf2") == "[true, true, \"55ac046e56e3089f\"]");
  CHECK(test::check(*rt, "pbkdf2_bad") == "ArgumentError: PBKDF2 needs at least one iteration");
}

TEST_CASE("SecureRandom from Ruby", "[random][ruby]") {
  auto rt = test::boot_checks(fixture_crypto_checks);
  CHECK(test::check(*rt, "random_shapes") == "[32, 16, 64, 22, 24, 16, 10, true]");
  CHECK(test::check(*rt, "uuid") == "true");
  CHECK(test::check(*rt, "random_number") == "true");
  CHECK(test::check(*rt, "random_errors") == "ArgumentError: negative string size (or size too big)");
  // Two calls never agree (128 bits each).
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) seen.insert(test::check(*rt, "hex"));
  CHECK(seen.size() == 20);
}

TEST_CASE("PBKDF2-HMAC: RFC 6070 (SHA-1) and RFC 7914 section 11 (SHA-256) vectors", "[digest][pbkdf2]") {
  using kiln::digest::pbkdf2_hmac;
  auto hex = [](const std::string& s) { return kiln::digest::hex(s); };
  CHECK(hex(pbkdf2_hmac(Algorithm::sha1, "password", "salt", 1, 20)) == "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha1, "password", "salt", 2, 20)) == "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha1, "password", "salt", 4096, 20)) == "4b007901b765489abead49d926f721d065a429c1");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha1, "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25)) ==
        "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha1, std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16)) ==
        "56fa6aa75548099dcc37d7f03425e0c3");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha256, "passwd", "salt", 1, 64)) ==
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  CHECK(hex(pbkdf2_hmac(Algorithm::sha256, "Password", "NaCl", 80000, 64)) ==
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  // Output longer than one block, cut mid-block (checked against node:crypto).
  CHECK(hex(pbkdf2_hmac(Algorithm::sha384, "pw", "salt", 3, 70)) ==
        "b9a2cf5af8187f5db8f65515496af1cad62f721fe138e5d1f2d33c18ef0d7daaeb4c87a604005452fb752a10c2f03e5e"
        "6fd61144874e690a86b37b636299ab54ca951c973b82");
  CHECK(pbkdf2_hmac(Algorithm::sha256, "pw", "salt", 1, 0).empty());
}
