// The frame codec (src/frames.*): byte-exact encodings checked by hand
// against the MessagePack spec, round trips of every frame kind, and the
// decoder's refusals: every truncation, every mistyped and missing key.
#include <catch.hpp>

#include "frames.h"
#include "hashing.h"
#include "vector_json.h"

using namespace edgereplica;
using edgereplica::test::json_to_msgpack;
using edgereplica::test::message_json;
using edgereplica::test::ojson;

namespace {

Hash16 h16(std::uint8_t b) {
  Hash16 h;
  h.fill(b);
  return h;
}

// One of each kind, with optional fields both set and unset somewhere.
std::vector<Frame> samples() {
  Hello push{"push", "edgereplica/0.1.0", "sha256-128", 4096, 3, h16(1), 2, std::string("session-1"), 1048512};
  Hello pull{"pull", "c", "sha256-128", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, 65536};
  Welcome w{"s", 7, 4096, 12800, h16(2), "sha256-128", 256, 524288, 4, false, {{1, 2}, {10, 300}}};
  Error e{"conflict", "moved", true, 9, std::nullopt};
  Error v{"unsupported_version", "v2", true, std::nullopt, std::vector<std::uint64_t>{1}};
  return {push,
          pull,
          w,
          ManifestReq{1, {{1, 256}, {513, 100}}},
          Manifest{0, 0, 2, std::string(32, 'h'), 7},
          PageReq{3, {{1, 127}}},
          Pages{1, {{1, std::string(1024, 'p')}, {9, std::string(512, 'q')}}},
          Ack{1, 3},
          Commit{7, 4096, 12800, h16(3)},
          Committed{8, h16(3), 12800, 2},
          Bye{true},
          PageData{3, 7, true, {{5, std::string(512, 'r')}}},
          e,
          v};
}

// The keys a decoder accepts missing (their value is nil).
bool nullable(FrameType t, const std::string& key) {
  if (t == FrameType::hello)
    return key == "page_size" || key == "page_count" || key == "root" || key == "base" || key == "resume";
  if (t == FrameType::welcome) return key == "root";
  if (t == FrameType::error) return key == "generation" || key == "supported";
  return false;
}

std::string with_version(const std::string& mp) { return std::string(1, '\x01') + mp; }

void expect_bad(const std::string& m, const char* code = "bad_frame") {
  try {
    decode(m);
    FAIL("decoded: " << hex(m));
  } catch (const FrameError& e) {
    CHECK(e.code == code);
  }
}

}  // namespace

TEST_CASE("encodings match the MessagePack spec byte for byte", "[frames]") {
  // 01 | fixarray 2 | fixint 7 | fixmap 2 | fixstr "seq" 1 | fixstr "staged" 3
  CHECK(hex(encode(Ack{1, 3})) == "01920782a373657101a673746167656403");
  CHECK(hex(encode(Bye{false})) == "01920a81a561626f7274c2");
  // uint boundaries: fixint 127, uint8 128/255, uint16 256/65535, uint32 65536, uint64 2^32.
  auto seq_bytes = [](std::uint64_t seq) {
    std::string m = encode(Ack{seq, 0});
    return hex(m.substr(8, m.size() - 8 - 8));  // between "seq" and "staged"
  };
  CHECK(seq_bytes(127) == "7f");
  CHECK(seq_bytes(128) == "cc80");
  CHECK(seq_bytes(255) == "ccff");
  CHECK(seq_bytes(256) == "cd0100");
  CHECK(seq_bytes(65535) == "cdffff");
  CHECK(seq_bytes(65536) == "ce00010000");
  CHECK(seq_bytes(4294967296ull) == "cf0000000100000000");
  // bin8 for a 16-byte root; nil for absent optionals; str8 from 32 bytes.
  std::string c = encode(Commit{0, 512, 1, h16(0xab)});
  CHECK(hex(c).find("a4726f6f74c410abababababababababababababababab") != std::string::npos);
  Hello pull{"pull", std::string(32, 'x'), "sha256-128", {}, {}, {}, {}, {}, 4096};
  std::string hp = hex(encode(pull));
  CHECK(hp.find("a9706167655f73697a65c0") != std::string::npos);  // "page_size": nil
  CHECK(hp.find("a6636c69656e74d920") != std::string::npos);      // "client": str8 of 32
  // bin16 for a 512-byte page; array16 for 16 ranges.
  CHECK(hex(encode(Pages{1, {{1, std::string(512, 'p')}}})).find("9201c50200") != std::string::npos);
  ManifestReq many{1, {}};
  for (int i = 0; i < 16; i++) many.ranges.push_back({1, 1});
  CHECK(hex(encode(many)).find("a672616e676573dc0010") != std::string::npos);
}

TEST_CASE("every frame kind round-trips and matches the generic encoder", "[frames]") {
  for (const Frame& f : samples()) {
    std::string m = encode(f);
    INFO(frame_name(frame_type(f)) << " " << hex(m));
    Frame back = decode(m);
    CHECK(frame_type(back) == frame_type(f));
    CHECK(encode(back) == m);
    CHECK(with_version(json_to_msgpack(message_json(m))) == m);
  }
}

TEST_CASE("decoder rejects every truncation", "[frames]") {
  for (const Frame& f : samples()) {
    std::string m = encode(f);
    for (std::size_t n = 0; n < m.size(); n++) {
      INFO(frame_name(frame_type(f)) << " cut to " << n << " of " << m.size());
      expect_bad(m.substr(0, n));
    }
  }
}

TEST_CASE("decoder rejects every mistyped key and every missing required key", "[frames]") {
  for (const Frame& f : samples()) {
    std::string m = encode(f);
    ojson v = message_json(m);
    FrameType t = frame_type(f);
    for (auto& [key, val] : v[1].items()) {
      INFO(frame_name(t) << "." << key);
      ojson wrong = v;
      // A value of another type: never valid for the key.
      if (val.is_string()) wrong[1][key] = 7;
      else if (val.is_null()) wrong[1][key] = ojson{{"$bin", ""}};
      else wrong[1][key] = "x";
      expect_bad(with_version(json_to_msgpack(wrong)));
      ojson missing = v;
      missing[1].erase(key);
      std::string mm = with_version(json_to_msgpack(missing));
      if (nullable(t, key)) {
        CHECK_NOTHROW(decode(mm));
      } else {
        expect_bad(mm);
      }
    }
    // Unknown keys are ignored: the frame decodes to the same value.
    ojson extra = v;
    extra[1]["zz_unknown"] = ojson::array({1, 2});
    CHECK(encode(decode(with_version(json_to_msgpack(extra)))) == m);
  }
}

TEST_CASE("decoder accepts non-minimal forms and the encoder writes minimal ones", "[frames]") {
  // ACK with seq as uint32 1 and staged as uint16 3.
  std::string m("\x01\x92\x07\x82\xa3seq\xce\x00\x00\x00\x01\xa6staged\xcd\x00\x03", 23);
  CHECK(encode(decode(m)) == encode(Ack{1, 3}));
}

TEST_CASE("decoder errors are typed", "[frames]") {
  expect_bad("");
  expect_bad(std::string("\x02\x92\x0a\x81\xa5" "abort\xc3", 11), "unsupported_version");
  expect_bad(std::string("\x01\x92\x0c\x80", 4));  // unknown type 12
  expect_bad(std::string("\x01\x92\x07\x82\xa3seq\xff\xa6staged\x03", 17));  // negative seq
  // A root of 15 bytes, a MANIFEST whose hashes do not match count.
  std::string c = encode(Commit{1, 4096, 2, h16(0)});
  expect_bad(c.substr(0, c.size() - 17) + std::string("\xc4\x0f", 2) + c.substr(c.size() - 15));
  expect_bad(encode(Manifest{0, 0, 2, std::string(16, 'x'), 1}));
}
