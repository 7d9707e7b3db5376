// Encoder and strict decoder of the sync frames declared in frames.h, on
// msgpack-cxx. The encoder relies on msgpack-cxx's packer choosing the
// smallest form for every uint, str, bin, array and map header (checked byte
// by byte against hand-written expectations in tests/frames_test.cpp).
#include "frames.h"

#define MSGPACK_NO_BOOST
#include <msgpack.hpp>

#include <algorithm>
#include <cstring>

namespace edgereplica {

const char* frame_name(FrameType t) {
  switch (t) {
    case FrameType::hello: return "HELLO";
    case FrameType::welcome: return "WELCOME";
    case FrameType::manifest_req: return "MANIFEST_REQ";
    case FrameType::manifest: return "MANIFEST";
    case FrameType::page_req: return "PAGE_REQ";
    case FrameType::pages: return "PAGES";
    case FrameType::ack: return "ACK";
    case FrameType::commit: return "COMMIT";
    case FrameType::committed: return "COMMITTED";
    case FrameType::bye: return "BYE";
    case FrameType::page_data: return "PAGE_DATA";
    case FrameType::error: return "ERROR";
  }
  return "?";
}

namespace {

constexpr FrameType kTypes[] = {FrameType::hello,     FrameType::welcome,  FrameType::manifest_req,
                                FrameType::manifest,  FrameType::page_req, FrameType::pages,
                                FrameType::ack,       FrameType::commit,   FrameType::committed,
                                FrameType::bye,       FrameType::page_data, FrameType::error};

// ---- encoding ---------------------------------------------------------------

// The packer's stream: one std::string, reserved up front, so a 512 KiB
// PAGES frame is built without regrowth and returned without a copy.
struct StringStream {
  std::string s;
  void write(const char* p, std::size_t n) { s.append(p, n); }
};

// The encoded size is close to the page data it carries plus a little.
std::size_t size_hint(const Frame& f) {
  std::size_t n = 256;
  auto runs = [&](const std::vector<Run>& rs) {
    for (const Run& r : rs) n += r.data.size() + 16;
  };
  if (auto* p = std::get_if<Pages>(&f)) runs(p->runs);
  if (auto* d = std::get_if<PageData>(&f)) runs(d->runs);
  if (auto* m = std::get_if<Manifest>(&f)) n += m->hashes.size();
  return n;
}

class Writer {
 public:
  explicit Writer(std::size_t reserve) : pk_(buf_) { buf_.s.reserve(reserve); }
  void begin(FrameType t, std::uint32_t keys) {
    buf_.s.push_back(static_cast<char>(kProtocolVersion));
    pk_.pack_array(2);
    pk_.pack(static_cast<std::uint64_t>(t));
    pk_.pack_map(keys);
  }
  void key(const char* k) { str(k); }
  void uint(std::uint64_t v) { pk_.pack(v); }
  void str(std::string_view s) {
    pk_.pack_str(static_cast<std::uint32_t>(s.size()));
    pk_.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
  }
  void bin(const void* p, std::size_t n) {
    pk_.pack_bin(static_cast<std::uint32_t>(n));
    pk_.pack_bin_body(static_cast<const char*>(p), static_cast<std::uint32_t>(n));
  }
  void bin(std::string_view s) { bin(s.data(), s.size()); }
  void hash(const Hash16& h) { bin(h.data(), h.size()); }
  void boolean(bool b) { b ? pk_.pack_true() : pk_.pack_false(); }
  void nil() { pk_.pack_nil(); }
  void opt_uint(const std::optional<std::uint64_t>& v) { v ? uint(*v) : nil(); }
  void opt_hash(const std::optional<Hash16>& h) { h ? hash(*h) : nil(); }
  void ranges(const std::vector<Range>& rs) {
    pk_.pack_array(static_cast<std::uint32_t>(rs.size()));
    for (const Range& r : rs) {
      pk_.pack_array(2);
      uint(r.first);
      uint(r.count);
    }
  }
  void runs(const std::vector<Run>& rs) {
    pk_.pack_array(static_cast<std::uint32_t>(rs.size()));
    for (const Run& r : rs) {
      pk_.pack_array(2);
      uint(r.first);
      bin(r.data);
    }
  }
  void array(std::uint32_t n) { pk_.pack_array(n); }
  std::string take() { return std::move(buf_.s); }

 private:
  StringStream buf_;
  msgpack::packer<StringStream> pk_;
};

struct Encoder {
  Writer& w;
  void operator()(const Hello& f) {
    w.begin(FrameType::hello, 9);
    w.key("dir"), w.str(f.dir);
    w.key("client"), w.str(f.client);
    w.key("hash"), w.str(f.hash);
    w.key("page_size"), w.opt_uint(f.page_size);
    w.key("page_count"), w.opt_uint(f.page_count);
    w.key("root"), w.opt_hash(f.root);
    w.key("base"), w.opt_uint(f.base);
    w.key("resume");
    f.resume ? w.str(*f.resume) : w.nil();
    w.key("max_frame"), w.uint(f.max_frame);
  }
  void operator()(const Welcome& f) {
    w.begin(FrameType::welcome, 11);
    w.key("session"), w.str(f.session);
    w.key("generation"), w.uint(f.generation);
    w.key("page_size"), w.uint(f.page_size);
    w.key("page_count"), w.uint(f.page_count);
    w.key("root"), w.opt_hash(f.root);
    w.key("hash"), w.str(f.hash);
    w.key("chunk_pages"), w.uint(f.chunk_pages);
    w.key("max_frame"), w.uint(f.max_frame);
    w.key("window"), w.uint(f.window);
    w.key("same"), w.boolean(f.same);
    w.key("staged"), w.ranges(f.staged);
  }
  void operator()(const ManifestReq& f) {
    w.begin(FrameType::manifest_req, 2);
    w.key("level"), w.uint(f.level);
    w.key("ranges"), w.ranges(f.ranges);
  }
  void operator()(const Manifest& f) {
    w.begin(FrameType::manifest, 5);
    w.key("level"), w.uint(f.level);
    w.key("first"), w.uint(f.first);
    w.key("count"), w.uint(f.count);
    w.key("hashes"), w.bin(f.hashes);
    w.key("generation"), w.uint(f.generation);
  }
  void operator()(const PageReq& f) {
    w.begin(FrameType::page_req, 2);
    w.key("req"), w.uint(f.req);
    w.key("ranges"), w.ranges(f.ranges);
  }
  void operator()(const Pages& f) {
    w.begin(FrameType::pages, 2);
    w.key("seq"), w.uint(f.seq);
    w.key("runs"), w.runs(f.runs);
  }
  void operator()(const Ack& f) {
    w.begin(FrameType::ack, 2);
    w.key("seq"), w.uint(f.seq);
    w.key("staged"), w.uint(f.staged);
  }
  void operator()(const Commit& f) {
    w.begin(FrameType::commit, 4);
    w.key("base"), w.uint(f.base);
    w.key("page_size"), w.uint(f.page_size);
    w.key("page_count"), w.uint(f.page_count);
    w.key("root"), w.hash(f.root);
  }
  void operator()(const Committed& f) {
    w.begin(FrameType::committed, 4);
    w.key("generation"), w.uint(f.generation);
    w.key("root"), w.hash(f.root);
    w.key("page_count"), w.uint(f.page_count);
    w.key("pages_written"), w.uint(f.pages_written);
  }
  void operator()(const Bye& f) {
    w.begin(FrameType::bye, 1);
    w.key("abort"), w.boolean(f.abort);
  }
  void operator()(const PageData& f) {
    w.begin(FrameType::page_data, 4);
    w.key("req"), w.uint(f.req);
    w.key("generation"), w.uint(f.generation);
    w.key("last"), w.boolean(f.last);
    w.key("runs"), w.runs(f.runs);
  }
  void operator()(const Error& f) {
    w.begin(FrameType::error, 5);
    w.key("code"), w.str(f.code);
    w.key("message"), w.str(f.message);
    w.key("fatal"), w.boolean(f.fatal);
    w.key("generation"), w.opt_uint(f.generation);
    w.key("supported");
    if (f.supported) {
      w.array(static_cast<std::uint32_t>(f.supported->size()));
      for (std::uint64_t v : *f.supported) w.uint(v);
    } else {
      w.nil();
    }
  }
};

// ---- decoding ---------------------------------------------------------------

const char* type_name(const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::NIL: return "nil";
    case msgpack::type::BOOLEAN: return "bool";
    case msgpack::type::POSITIVE_INTEGER: return "uint";
    case msgpack::type::NEGATIVE_INTEGER: return "negative int";
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: return "float";
    case msgpack::type::STR: return "str";
    case msgpack::type::BIN: return "bin";
    case msgpack::type::ARRAY: return "array";
    case msgpack::type::MAP: return "map";
    case msgpack::type::EXT: return "ext";
  }
  return "?";
}

[[noreturn]] void bad(const std::string& msg) { throw FrameError("bad_frame", msg); }

// The body map of one frame, checked for string keys without duplicates.
class Body {
 public:
  Body(const msgpack::object& o, const char* frame) : frame_(frame) {
    if (o.type != msgpack::type::MAP) bad(std::string(frame) + ": body must be a map, got " + type_name(o));
    for (std::uint32_t i = 0; i < o.via.map.size; i++) {
      const msgpack::object_kv& kv = o.via.map.ptr[i];
      if (kv.key.type != msgpack::type::STR) bad(std::string(frame) + ": map keys must be str");
      std::string_view k(kv.key.via.str.ptr, kv.key.via.str.size);
      for (const auto& e : entries_)
        if (e.first == k) bad(std::string(frame) + ": duplicate key '" + std::string(k) + "'");
      entries_.emplace_back(k, &kv.val);
    }
  }
  // nullptr when absent.
  const msgpack::object* find(const char* key) const {
    for (const auto& e : entries_)
      if (e.first == key) return e.second;
    return nullptr;
  }
  const msgpack::object& need(const char* key) const {
    const msgpack::object* o = find(key);
    if (!o) bad(where(key) + ": missing");
    return *o;
  }
  // A nullable key: absent and nil both mean "no value".
  const msgpack::object* maybe(const char* key) const {
    const msgpack::object* o = find(key);
    return o && o->type != msgpack::type::NIL ? o : nullptr;
  }
  std::string where(const char* key) const { return std::string(frame_) + "." + key; }

  std::uint64_t uint(const char* key) const { return as_uint(need(key), where(key)); }
  std::string str(const char* key) const { return as_str(need(key), where(key)); }
  std::string bin(const char* key) const { return as_bin(need(key), where(key)); }
  bool boolean(const char* key) const {
    const msgpack::object& o = need(key);
    if (o.type != msgpack::type::BOOLEAN) mistyped(key, "bool", o);
    return o.via.boolean;
  }
  Hash16 hash(const char* key) const { return as_hash(need(key), where(key)); }
  std::optional<std::uint64_t> opt_uint(const char* key) const {
    const msgpack::object* o = maybe(key);
    if (!o) return std::nullopt;
    return as_uint(*o, where(key));
  }
  std::optional<Hash16> opt_hash(const char* key) const {
    const msgpack::object* o = maybe(key);
    if (!o) return std::nullopt;
    return as_hash(*o, where(key));
  }
  std::optional<std::string> opt_str(const char* key) const {
    const msgpack::object* o = maybe(key);
    if (!o) return std::nullopt;
    return as_str(*o, where(key));
  }
  std::vector<Range> ranges(const char* key) const {
    const msgpack::object& o = need(key);
    std::string at = where(key);
    std::vector<Range> out;
    for (const msgpack::object& e : pairs(o, at)) {
      out.push_back({as_uint(e.via.array.ptr[0], at + "[].first"), as_uint(e.via.array.ptr[1], at + "[].count")});
    }
    return out;
  }
  std::vector<Run> runs(const char* key) const {
    const msgpack::object& o = need(key);
    std::string at = where(key);
    std::vector<Run> out;
    for (const msgpack::object& e : pairs(o, at)) {
      out.push_back({as_uint(e.via.array.ptr[0], at + "[].first"), as_bin(e.via.array.ptr[1], at + "[].data")});
    }
    return out;
  }
  std::string dir(const char* key) const {
    std::string d = str(key);
    if (d != "push" && d != "pull") bad(where(key) + ": must be \"push\" or \"pull\", got \"" + d + "\"");
    return d;
  }
  std::uint64_t level(const char* key) const {
    std::uint64_t l = uint(key);
    if (l > 1) bad(where(key) + ": must be 0 or 1");
    return l;
  }

  [[noreturn]] void mistyped(const char* key, const char* want, const msgpack::object& got) const {
    bad(where(key) + ": expected " + want + ", got " + type_name(got));
  }
  static std::uint64_t as_uint(const msgpack::object& o, const std::string& at) {
    if (o.type != msgpack::type::POSITIVE_INTEGER) bad(at + ": expected uint, got " + type_name(o));
    return o.via.u64;
  }
  static std::string as_str(const msgpack::object& o, const std::string& at) {
    if (o.type != msgpack::type::STR) bad(at + ": expected str, got " + type_name(o));
    return std::string(o.via.str.ptr, o.via.str.size);
  }
  static std::string as_bin(const msgpack::object& o, const std::string& at) {
    if (o.type != msgpack::type::BIN) bad(at + ": expected bin, got " + type_name(o));
    return std::string(o.via.bin.ptr, o.via.bin.size);
  }
  static Hash16 as_hash(const msgpack::object& o, const std::string& at) {
    if (o.type != msgpack::type::BIN) bad(at + ": expected bin16, got " + type_name(o));
    if (o.via.bin.size != 16) bad(at + ": expected 16 bytes, got " + std::to_string(o.via.bin.size));
    Hash16 h;
    std::memcpy(h.data(), o.via.bin.ptr, 16);
    return h;
  }
  // An array of 2-element arrays.
  static std::vector<msgpack::object> pairs(const msgpack::object& o, const std::string& at) {
    if (o.type != msgpack::type::ARRAY) bad(at + ": expected array, got " + type_name(o));
    std::vector<msgpack::object> out;
    for (std::uint32_t i = 0; i < o.via.array.size; i++) {
      const msgpack::object& e = o.via.array.ptr[i];
      if (e.type != msgpack::type::ARRAY || e.via.array.size != 2) bad(at + "[]: expected a 2-element array");
      out.push_back(e);
    }
    return out;
  }

 private:
  const char* frame_;
  std::vector<std::pair<std::string_view, const msgpack::object*>> entries_;
};

Frame decode_body(FrameType t, const Body& b) {
  switch (t) {
    case FrameType::hello: {
      Hello f;
      f.dir = b.dir("dir");
      f.client = b.str("client");
      f.hash = b.str("hash");
      f.page_size = b.opt_uint("page_size");
      f.page_count = b.opt_uint("page_count");
      f.root = b.opt_hash("root");
      f.base = b.opt_uint("base");
      f.resume = b.opt_str("resume");
      f.max_frame = b.uint("max_frame");
      return f;
    }
    case FrameType::welcome: {
      Welcome f;
      f.session = b.str("session");
      f.generation = b.uint("generation");
      f.page_size = b.uint("page_size");
      f.page_count = b.uint("page_count");
      f.root = b.opt_hash("root");
      f.hash = b.str("hash");
      f.chunk_pages = b.uint("chunk_pages");
      f.max_frame = b.uint("max_frame");
      f.window = b.uint("window");
      f.same = b.boolean("same");
      f.staged = b.ranges("staged");
      return f;
    }
    case FrameType::manifest_req: {
      ManifestReq f;
      f.level = b.level("level");
      f.ranges = b.ranges("ranges");
      return f;
    }
    case FrameType::manifest: {
      Manifest f;
      f.level = b.level("level");
      f.first = b.uint("first");
      f.count = b.uint("count");
      f.hashes = b.bin("hashes");
      f.generation = b.uint("generation");
      if (f.hashes.size() / 16 != f.count || f.hashes.size() % 16 != 0)
        bad("MANIFEST.hashes: expected count × 16 = " + std::to_string(f.count) + " × 16 bytes, got " +
            std::to_string(f.hashes.size()));
      return f;
    }
    case FrameType::page_req: {
      PageReq f;
      f.req = b.uint("req");
      f.ranges = b.ranges("ranges");
      return f;
    }
    case FrameType::pages: {
      Pages f;
      f.seq = b.uint("seq");
      f.runs = b.runs("runs");
      return f;
    }
    case FrameType::ack: {
      Ack f;
      f.seq = b.uint("seq");
      f.staged = b.uint("staged");
      return f;
    }
    case FrameType::commit: {
      Commit f;
      f.base = b.uint("base");
      f.page_size = b.uint("page_size");
      f.page_count = b.uint("page_count");
      f.root = b.hash("root");
      return f;
    }
    case FrameType::committed: {
      Committed f;
      f.generation = b.uint("generation");
      f.root = b.hash("root");
      f.page_count = b.uint("page_count");
      f.pages_written = b.uint("pages_written");
      return f;
    }
    case FrameType::bye: {
      Bye f;
      f.abort = b.boolean("abort");
      return f;
    }
    case FrameType::page_data: {
      PageData f;
      f.req = b.uint("req");
      f.generation = b.uint("generation");
      f.last = b.boolean("last");
      f.runs = b.runs("runs");
      return f;
    }
    case FrameType::error: {
      Error f;
      f.code = b.str("code");
      f.message = b.str("message");
      f.fatal = b.boolean("fatal");
      f.generation = b.opt_uint("generation");
      if (const msgpack::object* s = b.maybe("supported")) {
        if (s->type != msgpack::type::ARRAY) b.mistyped("supported", "array of uint or nil", *s);
        std::vector<std::uint64_t> v;
        for (std::uint32_t i = 0; i < s->via.array.size; i++)
          v.push_back(Body::as_uint(s->via.array.ptr[i], b.where("supported") + "[]"));
        f.supported = std::move(v);
      }
      return f;
    }
  }
  bad("unreachable");
}

// Strings and bins point into the message instead of being copied into the
// zone: decode() copies each once into the typed frame.
bool reference_all(msgpack::type::object_type, std::size_t, void*) { return true; }

}  // namespace

FrameType frame_type(const Frame& f) {
  return std::visit(
      [](const auto& v) -> FrameType {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Hello>) return FrameType::hello;
        else if constexpr (std::is_same_v<T, Welcome>) return FrameType::welcome;
        else if constexpr (std::is_same_v<T, ManifestReq>) return FrameType::manifest_req;
        else if constexpr (std::is_same_v<T, Manifest>) return FrameType::manifest;
        else if constexpr (std::is_same_v<T, PageReq>) return FrameType::page_req;
        else if constexpr (std::is_same_v<T, Pages>) return FrameType::pages;
        else if constexpr (std::is_same_v<T, Ack>) return FrameType::ack;
        else if constexpr (std::is_same_v<T, Commit>) return FrameType::commit;
        else if constexpr (std::is_same_v<T, Committed>) return FrameType::committed;
        else if constexpr (std::is_same_v<T, Bye>) return FrameType::bye;
        else if constexpr (std::is_same_v<T, PageData>) return FrameType::page_data;
        else return FrameType::error;
      },
      f);
}

std::string encode(const Frame& f) {
  Writer w(size_hint(f));
  std::visit(Encoder{w}, f);
  return w.take();
}

Frame decode(std::string_view message) {
  if (message.empty()) bad("empty message");
  if (static_cast<std::uint8_t>(message[0]) != kProtocolVersion)
    throw FrameError("unsupported_version",
                     "protocol version " + std::to_string(static_cast<std::uint8_t>(message[0])) + " (supported: 1)");
  const char* data = message.data() + 1;
  std::size_t len = message.size() - 1;
  if (len == 0) bad("no MessagePack after the version byte");
  std::size_t off = 0;
  msgpack::object_handle oh;
  try {
    // Every array element and map entry takes at least one byte, so counts
    // above `len` are truncations: refusing them here also keeps a forged
    // header from allocating gigabytes before the truncation is noticed.
    msgpack::unpack_limit limit(len, len, len, len, 0, 8);
    oh = msgpack::unpack(data, len, off, reference_all, nullptr, limit);
  } catch (const msgpack::insufficient_bytes&) {
    bad("truncated MessagePack");
  } catch (const msgpack::ext_size_overflow&) {
    bad("MessagePack ext types are not used by this protocol");
  } catch (const msgpack::depth_size_overflow&) {
    bad("MessagePack nested too deeply");
  } catch (const msgpack::size_overflow&) {
    bad("truncated MessagePack (a length exceeds the message)");
  } catch (const std::exception& e) {
    bad(std::string("invalid MessagePack: ") + e.what());
  }
  if (off != len) bad(std::to_string(len - off) + " bytes after the frame");
  const msgpack::object& top = oh.get();
  if (top.type != msgpack::type::ARRAY || top.via.array.size != 2) bad("a frame is the array [type, body]");
  const msgpack::object& t = top.via.array.ptr[0];
  if (t.type != msgpack::type::POSITIVE_INTEGER) bad(std::string("frame type: expected uint, got ") + type_name(t));
  auto it = std::find_if(std::begin(kTypes), std::end(kTypes),
                         [&](FrameType k) { return static_cast<std::uint64_t>(k) == t.via.u64; });
  if (it == std::end(kTypes)) bad("unknown frame type " + std::to_string(t.via.u64));
  Body body(top.via.array.ptr[1], frame_name(*it));
  return decode_body(*it, body);
}

}  // namespace edgereplica
