// The golden vectors (apps/edgereplica/protocol/vectors/, README there):
// each frame's bytes are what both the typed encoder and the generic one
// produce from its decoded value; each invalid message raises its error;
// each replayable conversation, replayed against a fresh fake server, gets
// exactly the recorded server messages back. The Ruby server's tests run the
// same three checks (issue #21). `ctest -R vectors-up-to-date` checks the
// files are what tools/gen_vectors.cpp writes.
#include <dirent.h>

#include <catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "fake_server.h"
#include "frames.h"
#include "hashing.h"
#include "vector_json.h"

using namespace edgereplica;
using namespace edgereplica::test;

namespace {

std::vector<std::string> files(const std::string& sub) {
  std::vector<std::string> out;
  std::string dir = std::string(ER_VECTORS_DIR) + "/" + sub;
  DIR* d = opendir(dir.c_str());
  REQUIRE(d != nullptr);
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 5 && n.substr(n.size() - 5) == ".json") out.push_back(dir + "/" + n);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

ojson load(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ojson::parse(ss.str());
}

void check_message(const ojson& v) {
  std::string bytes = unhex(v["hex"].get<std::string>());
  INFO(v["frame"].get<std::string>() << " " << v["hex"].get<std::string>().substr(0, 80));
  CHECK(std::string(1, '\x01') + json_to_msgpack(v["value"]) == bytes);
  Frame f = decode(bytes);
  CHECK(frame_name(frame_type(f)) == v["frame"].get<std::string>());
  CHECK(encode(f) == bytes);
}

}  // namespace

TEST_CASE("frame vectors: bytes == encode(value) == encode(decode(bytes))", "[vectors]") {
  auto fs = files("frames");
  CHECK(fs.size() >= 12);
  std::set<std::string> kinds;
  for (const auto& p : fs) {
    INFO(p);
    ojson v = load(p);
    check_message(v);
    kinds.insert(v["frame"].get<std::string>());
  }
  CHECK(kinds.size() == 12);  // every frame kind has at least one vector
}

TEST_CASE("invalid vectors raise their error", "[vectors]") {
  auto fs = files("invalid");
  CHECK(fs.size() >= 20);
  for (const auto& p : fs) {
    INFO(p);
    ojson v = load(p);
    try {
      decode(unhex(v["hex"].get<std::string>()));
      FAIL("decoded");
    } catch (const FrameError& e) {
      CHECK(e.code == v["error"].get<std::string>());
    }
  }
}

TEST_CASE("conversation vectors replay byte for byte against the fake server", "[vectors]") {
  std::map<std::string, ojson> all;
  for (const auto& p : files("conversations")) {
    ojson c = load(p);
    all[c["name"].get<std::string>()] = c;
  }
  CHECK(all.size() >= 8);
  for (const auto& [name, c] : all) {
    INFO(name);
    for (const auto& m : c["messages"]) check_message(m);
    if (!c["replayable"].get<bool>()) continue;
    ServerLimits L;
    L.chunk_pages = c["server"]["chunk_pages"].get<std::uint64_t>();
    L.max_frame = c["server"]["max_frame"].get<std::uint64_t>();
    L.window = c["server"]["window"].get<std::uint64_t>();
    FakeServer s(L);
    auto replay = [&](const ojson& conv, bool compare) {
      auto conn = s.connect(conv["direction"].get<std::string>());
      std::vector<std::string> expected, got;
      for (const auto& m : conv["messages"]) {
        std::string bytes = unhex(m["hex"].get<std::string>());
        if (m["from"] == "client") {
          for (auto& r : conn->handle(bytes)) got.push_back(r);
        } else {
          expected.push_back(bytes);
        }
      }
      conn->disconnect();
      if (compare) {
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); i++) CHECK(hex(got[i]) == hex(expected[i]));
      }
    };
    for (const auto& b : c["before"]) replay(all.at(b.get<std::string>()), false);
    replay(c, true);
  }
}
