// Generic MessagePack <-> JSON of vector_json.h. The encoder writes the
// MessagePack spec's smallest forms by hand (not with msgpack-cxx), so it is
// an independent second encoder for the vectors.
#include "vector_json.h"

#define MSGPACK_NO_BOOST
#include <msgpack.hpp>

#include <stdexcept>

#include "hashing.h"

namespace edgereplica::test {

namespace {

ojson to_json(const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::NIL: return nullptr;
    case msgpack::type::BOOLEAN: return o.via.boolean;
    case msgpack::type::POSITIVE_INTEGER: return o.via.u64;
    case msgpack::type::NEGATIVE_INTEGER: return o.via.i64;
    case msgpack::type::STR: return std::string(o.via.str.ptr, o.via.str.size);
    case msgpack::type::BIN: return ojson{{"$bin", hex(o.via.bin.ptr, o.via.bin.size)}};
    case msgpack::type::ARRAY: {
      ojson a = ojson::array();
      for (std::uint32_t i = 0; i < o.via.array.size; i++) a.push_back(to_json(o.via.array.ptr[i]));
      return a;
    }
    case msgpack::type::MAP: {
      ojson m = ojson::object();
      for (std::uint32_t i = 0; i < o.via.map.size; i++) {
        const auto& kv = o.via.map.ptr[i];
        if (kv.key.type != msgpack::type::STR) throw std::invalid_argument("non-string map key");
        m[std::string(kv.key.via.str.ptr, kv.key.via.str.size)] = to_json(kv.val);
      }
      return m;
    }
    default: throw std::invalid_argument("float or ext in a vector");
  }
}

void put_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; i--) out += static_cast<char>(v >> (8 * i));
}

// A header: fix form below `fix_limit`, else the 8/16/32-bit forms.
void header(std::string& out, std::uint64_t n, std::uint8_t fix, std::uint64_t fix_limit, int first8, std::uint8_t c8,
            std::uint8_t c16, std::uint8_t c32) {
  if (n < fix_limit) {
    out += static_cast<char>(fix | n);
  } else if (first8 && n < 256) {
    out += static_cast<char>(c8), put_be(out, n, 1);
  } else if (n < 65536) {
    out += static_cast<char>(c16), put_be(out, n, 2);
  } else {
    out += static_cast<char>(c32), put_be(out, n, 4);
  }
}

void pack(std::string& out, const ojson& v) {
  if (v.is_null()) {
    out += '\xc0';
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? '\xc3' : '\xc2';
  } else if (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
    std::uint64_t u = v.get<std::uint64_t>();
    if (u < 128) out += static_cast<char>(u);
    else if (u < 256) out += '\xcc', put_be(out, u, 1);
    else if (u < 65536) out += '\xcd', put_be(out, u, 2);
    else if (u <= 0xffffffffull) out += '\xce', put_be(out, u, 4);
    else out += '\xcf', put_be(out, u, 8);
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    header(out, s.size(), 0xa0, 32, 1, 0xd9, 0xda, 0xdb);
    out += s;
  } else if (v.is_object() && v.size() == 1 && v.contains("$bin")) {
    std::string b = unhex(v["$bin"].get<std::string>());
    header(out, b.size(), 0, 0, 1, 0xc4, 0xc5, 0xc6);
    out += b;
  } else if (v.is_array()) {
    header(out, v.size(), 0x90, 16, 0, 0, 0xdc, 0xdd);
    for (const auto& e : v) pack(out, e);
  } else if (v.is_object()) {
    header(out, v.size(), 0x80, 16, 0, 0, 0xde, 0xdf);
    for (const auto& [k, e] : v.items()) {
      pack(out, ojson(k));
      pack(out, e);
    }
  } else {
    throw std::invalid_argument("negative or float value in a vector");
  }
}

}  // namespace

ojson msgpack_to_json(std::string_view m) {
  std::size_t off = 0;
  msgpack::object_handle oh = msgpack::unpack(m.data(), m.size(), off);
  if (off != m.size()) throw std::invalid_argument("trailing bytes");
  return to_json(oh.get());
}

std::string json_to_msgpack(const ojson& value) {
  std::string out;
  pack(out, value);
  return out;
}

ojson message_json(const std::string& message) { return msgpack_to_json(std::string_view(message).substr(1)); }

}  // namespace edgereplica::test
