// Kiln's value encoding: the one format for everything that crosses between
// JS and the mruby VM. A value is a tag byte followed by its data; integers
// are little-endian. js/worker/codec.js is the other half.
//
//   nil false true          tag only
//   int                     int64
//   float                   float64
//   str / bytes / sym       uint32 length + bytes (str is UTF-8 text; bytes
//                           is binary: Uint8Array in JS)
//   array / hash            uint32 count + items (a hash: key, value, ...)
//
// Which tag a Ruby String gets: a Kiln::Bytes (ruby/kiln/boot/bytes.rb) is
// always bytes; a plain String is str when its bytes are valid UTF-8, bytes
// otherwise. Decoding, str becomes a String and bytes a Kiln::Bytes (a
// plain String in a VM without that class), except where a reader takes the
// raw view itself: request_env.cpp keeps request bodies and header values
// plain Strings (Rack and Sinatra apps expect String).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <mruby.h>

namespace kiln::codec {

enum Tag : uint8_t {
  kNil = 0, kFalse = 1, kTrue = 2, kInt = 3, kFloat = 4,
  kStr = 5, kBytes = 6, kArray = 7, kHash = 8,
};

// Malformed input. Never thrown through mruby frames: callers inside the VM
// turn it into a Ruby exception.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Writer {
 public:
  void nil() { tag(kNil); }
  void boolean(bool b) { tag(b ? kTrue : kFalse); }
  void integer(int64_t v);
  void number(double v);
  void str(std::string_view s) { blob(kStr, s); }
  void bytes(std::string_view s) { blob(kBytes, s); }
  void array(uint32_t count) { tag(kArray); u32(count); }
  void hash(uint32_t count) { tag(kHash); u32(count); }
  // Appends values another Writer already encoded (counts known only later).
  void raw(std::string_view encoded) { out_.append(encoded); }
  std::string take() { return std::move(out_); }
  // Room for `more` bytes: a large body is then copied once into a buffer of
  // its size, not into one that doubled past it (memory is capped).
  void reserve(size_t more) { out_.reserve(out_.size() + more); }

 private:
  void tag(Tag t) { out_.push_back(static_cast<char>(t)); }
  void u32(uint32_t v);
  void blob(Tag t, std::string_view s);
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  Tag peek() const;
  Tag next();                      // consumes the tag
  int64_t integer();               // after kInt
  double number();                 // after kFloat
  std::string_view blob();         // after kStr / kBytes
  uint32_t count();                // after kArray / kHash
  std::string_view text();         // a whole kStr value
  std::string_view text_or_bytes();
  uint32_t array();                // a whole kArray header
  void skip();                     // one whole value
  bool at_end() const { return pos_ == in_.size(); }

 private:
  std::string_view take(size_t n);
  std::string_view in_;
  size_t pos_ = 0;
};

// Converts one encoded value to Ruby: str -> String, bytes -> Kiln::Bytes.
mrb_value to_ruby(mrb_state* mrb, Reader& in);

// Converts a Ruby value; raises TypeError (a Ruby exception) for objects
// with no JS counterpart and ArgumentError for nesting deeper than 64.
void from_ruby(mrb_state* mrb, mrb_value v, Writer& out);

// Kiln::Bytes, or nullptr where the DSL is not loaded (a bare VM).
RClass* bytes_class(mrb_state* mrb);

bool valid_utf8(std::string_view s);

}  // namespace kiln::codec
