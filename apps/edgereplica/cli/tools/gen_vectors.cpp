// Generates the golden vectors in apps/edgereplica/protocol/vectors/ (format:
// protocol/vectors/README.md): single frames from src/frames.cpp's encoder,
// malformed messages with the error each must raise, and whole conversations
// recorded between the real client state machine (src/sync_client.cpp) and
// the fake server (tests/fake_server.cpp). The CLI's tests read the vectors
// and check that regenerating them changes nothing; the Ruby server's tests
// (issue #21) read the same files.
//
// Usage: er_gen_vectors OUTDIR   (writes OUTDIR/{frames,invalid,conversations}/*.json)
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <iostream>

#include "fake_server.h"
#include "frames.h"
#include "hashing.h"
#include "sync_client.h"
#include "vector_json.h"

using namespace edgereplica;
using namespace edgereplica::test;

namespace {

std::string outdir;

void write_json(const std::string& sub, const std::string& name, const ojson& j) {
  std::string dir = outdir + "/" + sub;
  ::mkdir(outdir.c_str(), 0755);
  ::mkdir(dir.c_str(), 0755);
  std::ofstream(dir + "/" + name + ".json") << j.dump(2) << "\n";
}

ojson message_entry(const std::string& m) {
  ojson e;
  e["frame"] = frame_name(frame_type(decode(m)));
  e["hex"] = hex(m);
  e["value"] = message_json(m);
  return e;
}

void frame(const std::string& name, const std::string& description, const Frame& f) {
  std::string m = encode(f);
  ojson j;
  j["name"] = name;
  j["description"] = description;
  ojson entry = message_entry(m);
  for (auto& [k, v] : entry.items()) j[k] = v;
  write_json("frames", name, j);
}

void invalid(const std::string& name, const std::string& description, const std::string& bytes,
             const std::string& error) {
  ojson j;
  j["name"] = name;
  j["description"] = description;
  j["hex"] = hex(bytes);
  j["error"] = error;
  write_json("invalid", name, j);
}

Hash16 h16(std::uint8_t start) {
  Hash16 h;
  for (int i = 0; i < 16; i++) h[i] = static_cast<std::uint8_t>(start + i);
  return h;
}

std::string page_bytes(std::uint64_t ps, std::uint64_t pgno) { return synthetic_pages(ps, pgno, 7)[pgno - 1]; }

void frames() {
  Hello hp;
  hp.dir = "push", hp.client = "edgereplica/0.1.0", hp.hash = "sha256-128", hp.page_size = 4096, hp.page_count = 12800,
  hp.root = h16(0x10), hp.max_frame = 1048512;
  frame("hello_push", "First push of a 50 MB file: never synced (base nil), nothing to resume.", hp);
  hp.base = 3, hp.resume = "session-7";
  frame("hello_push_resume", "Push of a file last synced at generation 3, resuming session-7.", hp);
  Hello hl;
  hl.dir = "pull", hl.client = "edgereplica/0.1.0", hl.hash = "sha256-128", hl.max_frame = 1048512;
  frame("hello_pull_fresh", "Pull into a new file: no root, and push-only keys nil.", hl);
  hl.root = h16(0x20);
  frame("hello_pull", "Pull over a file holding the remote image with this root.", hl);

  Welcome w;
  w.session = "session-1", w.hash = "sha256-128", w.chunk_pages = 256, w.max_frame = 524288, w.window = 4;
  frame("welcome_empty", "An empty remote (generation 0, page_size 0, root nil).", w);
  w.generation = 12, w.page_size = 4096, w.page_count = 12800, w.root = h16(0x30);
  frame("welcome", "A remote at generation 12 holding 12800 pages of 4 KiB.", w);
  w.same = true;
  frame("welcome_same", "The remote already equals the client's image: nothing to do.", w);
  w.same = false, w.staged = {{1, 127}, {200, 54}};
  frame("welcome_resume", "Resumed session: these page ranges are already staged.", w);
  Welcome wide;
  wide.session = std::string(40, 's'), wide.generation = 4294967296ull, wide.page_size = 65536,
  wide.page_count = 65535, wide.root = h16(0x40), wide.hash = "sha256-128", wide.chunk_pages = 128,
  wide.max_frame = 1048512, wide.window = 255;
  frame("welcome_wide_ints",
        "Integer and string boundaries: uint64 (2^32), uint32 (65536), uint16 (65535), uint8 (128, 255), str8 (40).",
        wide);

  frame("manifest_req_chunks", "Chunk hashes of chunks 0..49.", ManifestReq{0, {{0, 50}}});
  ManifestReq many{1, {}};
  for (std::uint64_t c = 0; c < 16; c++) many.ranges.push_back({c * 512 + 1, 256});
  frame("manifest_req_pages", "Page hashes of 16 chunks' pages (an array16 of ranges).", many);
  Manifest mf{0, 0, 3, {}, 12};
  for (std::uint8_t k = 0; k < 3; k++) {
    Hash16 h = h16(static_cast<std::uint8_t>(0x50 + 16 * k));
    mf.hashes.append(reinterpret_cast<const char*>(h.data()), 16);
  }
  frame("manifest_chunks", "Three chunk hashes from chunk 0, generation 12.", mf);
  mf.level = 1, mf.first = 257;
  frame("manifest_pages", "Three page hashes from page 257.", mf);

  frame("page_req", "Pull: pages 1..127 and 300..302.", PageReq{1, {{1, 127}, {300, 3}}});
  Pages pg{1, {{1, page_bytes(512, 1) + page_bytes(512, 2)}, {9, page_bytes(512, 9)}}};
  frame("pages", "Push seq 1: a run of pages 1-2 and a run of page 9 (512-byte pages: bin16).", pg);
  frame("ack", "Seq 1 staged; 3 pages staged in this session so far.", Ack{1, 3});
  frame("ack_uint8", "uint8 forms: seq 200, staged 255.", Ack{200, 255});
  frame("commit", "Commit 12800 pages of 4 KiB over generation 12.", Commit{12, 4096, 12800, h16(0x60)});
  frame("committed", "Generation 13 with 3 pages written.", Committed{13, h16(0x60), 12800, 3});
  frame("bye", "Done; keep the push staging (nothing staged, or resume later).", Bye{false});
  frame("bye_abort", "Done; discard this session's staging now.", Bye{true});
  frame("page_data", "Pull: part of the answer to req 1 (more frames follow).",
        PageData{1, 12, false, {{1, page_bytes(512, 1)}}});
  frame("page_data_last", "Pull: the last frame for req 1.", PageData{1, 12, true, {{2, page_bytes(512, 2)}}});
  Error e;
  e.code = "conflict", e.message = "the database is at generation 13, not 12", e.generation = 13;
  frame("error_conflict", "COMMIT's base is not the current generation (fatal, close 4009).", e);
  Error v;
  v.code = "unsupported_version", v.message = "protocol version 2 (supported: 1)", v.supported = {{1}};
  frame("error_unsupported_version", "A message with another version byte (fatal, close 1002).", v);
  Error g;
  g.code = "generation_changed", g.message = "a commit landed: hello again", g.fatal = false, g.generation = 14;
  frame("error_generation_changed", "Pull pinned to an older generation: not fatal, the client says HELLO again.",
        g);
}

void invalids() {
  const std::string ack = encode(Ack{1, 3});
  invalid("empty", "An empty message.", "", "bad_frame");
  invalid("version_2", "Version byte 2.", "\x02" + ack.substr(1), "unsupported_version");
  invalid("version_only", "The version byte alone.", "\x01", "bad_frame");
  invalid("truncated", "ACK without its last byte.", ack.substr(0, ack.size() - 1), "bad_frame");
  invalid("trailing_byte", "A valid ACK followed by one more byte.", ack + '\x00', "bad_frame");
  invalid("not_an_array", "A map instead of [type, body].", std::string("\x01\x80", 2), "bad_frame");
  invalid("array_of_3", "[type, body, extra].", std::string("\x01\x93\x0a\x81\xa5" "abort\xc3\xc0", 10), "bad_frame");
  invalid("unknown_type", "Frame type 12.", std::string("\x01\x92\x0c\x80", 4), "bad_frame");
  invalid("type_is_str", "The type as a string.", std::string("\x01\x92\xa1" "7\x80", 5), "bad_frame");
  invalid("body_not_map", "ACK with an array body.", std::string("\x01\x92\x07\x90", 4), "bad_frame");
  invalid("missing_key", "ACK without `staged`.", std::string("\x01\x92\x07\x81\xa3seq\x01", 9), "bad_frame");
  invalid("wrong_type_str", "ACK.seq as a string.",
          std::string("\x01\x92\x07\x82\xa3seq\xa1" "1\xa6staged\x03", 18), "bad_frame");
  invalid("negative_int", "ACK.seq = -1.", std::string("\x01\x92\x07\x82\xa3seq\xff\xa6staged\x03", 17),
          "bad_frame");
  invalid("float", "ACK.seq = 1.0 (float64).",
          std::string("\x01\x92\x07\x82\xa3seq\xcb\x3f\xf0\x00\x00\x00\x00\x00\x00\xa6staged\x03", 25), "bad_frame");
  invalid("duplicate_key", "ACK with `seq` twice.",
          std::string("\x01\x92\x07\x83\xa3seq\x01\xa3seq\x02\xa6staged\x03", 22), "bad_frame");
  invalid("non_string_key", "A map key that is an integer.",
          std::string("\x01\x92\x0a\x81\x01\xc3", 6), "bad_frame");
  invalid("ext_value", "An ext value (fixext1).", std::string("\x01\x92\x0a\x81\xa5" "abort\xd4\x01\x00", 13),
          "bad_frame");
  invalid("huge_array_header", "PAGES whose runs array claims 2^32-1 entries.",
          std::string("\x01\x92\x06\x82\xa3seq\x01\xa4runs\xdd\xff\xff\xff\xff", 20), "bad_frame");
  Commit c{1, 4096, 2, h16(0)};
  std::string cm = encode(c);
  // root is the last value: bin8 of 16 → bin8 of 15.
  std::string short_root = cm.substr(0, cm.size() - 17) + std::string("\xc4\x0f", 2) + cm.substr(cm.size() - 15);
  invalid("root_15_bytes", "COMMIT.root of 15 bytes.", short_root, "bad_frame");
  std::string mf = encode(Manifest{0, 0, 2, std::string(16, 'x'), 1});
  invalid("manifest_short_hashes", "MANIFEST count 2 with 16 bytes of hashes.", mf, "bad_frame");
  invalid("range_of_3", "PAGE_REQ with a 3-element range.",
          std::string("\x01\x92\x05\x82\xa3req\x01\xa6ranges\x91\x93\x01\x02\x03", 20), "bad_frame");
  Hello h;
  h.dir = "sideways", h.client = "x", h.hash = "sha256-128", h.max_frame = 65536;
  invalid("bad_dir", "HELLO.dir is neither push nor pull.", encode(h), "bad_frame");
  invalid("level_2", "MANIFEST_REQ level 2.", std::string("\x01\x92\x03\x82\xa5level\x02\xa6ranges\x90", 18),
          "bad_frame");
}

// One scenario: a fresh fake server, the `before` conversations replayed
// first (by running the same client steps), then `step`, recorded.
using Step = std::function<void(FakeServer&, LoopbackTransport&)>;
struct Scenario {
  std::string name, description, close;
  std::vector<std::string> before;
  Step step;
  bool replayable = true;
};

void conversations() {
  ServerLimits L;
  L.chunk_pages = 2, L.max_frame = 4096, L.window = 2;
  const std::uint64_t ps = 512;
  auto v1 = [&] { return MemorySource(ps, synthetic_pages(ps, 5, 1)); };
  auto v2 = [&] {  // v1 grown to 6 pages with page 2 changed
    auto pages = synthetic_pages(ps, 6, 1);
    pages[1][9] ^= 1;
    return MemorySource(ps, pages);
  };
  auto big = [&] { return MemorySource(ps, synthetic_pages(ps, 20, 3)); };
  auto push_with_base = [](LoopbackTransport& t, MemorySource src, std::optional<std::uint64_t> base) {
    PushOptions o;
    o.base = base;
    push(t, src, o);
  };
  auto interrupted_session = std::make_shared<std::optional<ResumeInfo>>();
  std::vector<Scenario> all = {
      {"push_fresh", "A 5-page image pushed into an empty remote: every page, no manifests.", "client 1000 after BYE",
       {}, [&](FakeServer&, LoopbackTransport& t) { push_with_base(t, v1(), std::nullopt); }},
      {"push_incremental",
       "Pages 1 and 4 changed since generation 1: chunk hashes, then page hashes of chunks 0 and 1 (chunk 2, page 5, "
       "matches), then the two pages.",
       "client 1000 after BYE", {"push_fresh"},
       [&](FakeServer&, LoopbackTransport& t) {
         auto pages = synthetic_pages(ps, 5, 1);
         pages[0][200] ^= 1, pages[3][0] ^= 1;
         push_with_base(t, MemorySource(ps, pages), 1);
       }},
      {"push_noop", "The remote already holds this image: WELCOME.same, then BYE.", "client 1000 after BYE",
       {"push_fresh"}, [&](FakeServer&, LoopbackTransport& t) { push_with_base(t, v1(), 1); }},
      {"push_commit_conflict",
       "Another client commits generation 1 (4 other pages) while this push (base 0) is uploading: COMMIT gets "
       "conflict. Not replayable alone: the other commit lands between PAGES and COMMIT.",
       "server 4009 after ERROR", {},
       [&](FakeServer& s, LoopbackTransport& t) {
         t.before_send = [&](const Frame& f) {
           if (!std::holds_alternative<Commit>(f)) return;
           LoopbackTransport other(s, "push", "user-2");
           push_with_base(other, MemorySource(ps, synthetic_pages(ps, 4, 2)), std::nullopt);
         };
         try {
           push_with_base(t, v1(), std::nullopt);
         } catch (const SyncError&) {
         }
       },
       false},
      {"push_interrupted",
       "A 20-page push (7 pages per frame at max_frame 4096) whose connection drops instead of sending PAGES seq 2.",
       "dropped (1006): replayers disconnect after the last message", {},
       [&](FakeServer&, LoopbackTransport& t) {
         t.drop_at_send = 3;  // HELLO, PAGES seq 1, then the drop
         PushOptions o;
         o.on_session = [&](const ResumeInfo& ri) { *interrupted_session = ri; };
         try {
           MemorySource src = big();
           push(t, src, o);
         } catch (const SyncError&) {
         }
       }},
      {"push_resume", "The rerun resumes session-1: WELCOME.staged lists pages 1-7, which are not sent again.",
       "client 1000 after BYE", {"push_interrupted"},
       [&](FakeServer&, LoopbackTransport& t) {
         PushOptions o;
         o.resume = *interrupted_session;
         MemorySource src = big();
         push(t, src, o);
       }},
      {"pull_fresh", "Pull of 5 pages into a new file: no manifests, one PAGE_REQ.", "client 1000 after BYE",
       {"push_fresh"},
       [&](FakeServer&, LoopbackTransport& t) {
         MemorySink sink;
         pull(t, sink);
       }},
      {"push_grow", "Generation 2: page 2 changed and page 6 added (page 1's header counts 6 pages).",
       "client 1000 after BYE", {"push_fresh"}, [&](FakeServer&, LoopbackTransport& t) { push_with_base(t, v2(), 1); }},
      {"pull_incremental",
       "Pull over the generation-1 image at generation 2: chunk 0 differs (pages 1 and 2), chunk 1 matches, page 5 "
       "matches, page 6 is new.",
       "client 1000 after BYE", {"push_fresh", "push_grow"},
       [&](FakeServer&, LoopbackTransport& t) {
         MemorySource old = v1();
         MemorySink sink(ps, old.pages());
         PullOptions po;
         po.root = image_root(old.page_hashes(), ps, 2);
         pull(t, sink, po);
       }},
  };
  std::map<std::string, Step> steps;
  for (const Scenario& sc : all) steps[sc.name] = sc.step;
  for (const Scenario& sc : all) {
    FakeServer s(L);
    for (const std::string& b : sc.before) {
      LoopbackTransport t(s, b.rfind("pull", 0) == 0 ? "pull" : "push");
      steps.at(b)(s, t);
    }
    LoopbackTransport t(s, sc.name.rfind("pull", 0) == 0 ? "pull" : "push");
    t.record = true;
    sc.step(s, t);
    ojson messages = ojson::array();
    for (const auto& m : t.log) {
      ojson e;
      e["from"] = m.from_client ? "client" : "server";
      ojson entry = message_entry(m.bytes);
      for (auto& [k, v] : entry.items()) e[k] = v;
      messages.push_back(e);
    }
    ojson j;
    j["name"] = sc.name;
    j["description"] = sc.description;
    j["server"] = {{"chunk_pages", L.chunk_pages}, {"max_frame", L.max_frame}, {"window", L.window}};
    j["direction"] = sc.name.rfind("pull", 0) == 0 ? "pull" : "push";
    j["before"] = sc.before;
    j["replayable"] = sc.replayable;
    j["close"] = sc.close;
    j["messages"] = messages;
    write_json("conversations", sc.name, j);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: er_gen_vectors OUTDIR\n";
    return 2;
  }
  outdir = argv[1];
  frames();
  invalids();
  conversations();
  return 0;
}
