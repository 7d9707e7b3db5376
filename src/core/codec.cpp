#include "core/codec.h"

#include <cstring>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/variable.h>
#include <mruby/hash.h>
#include <mruby/string.h>

namespace kiln::codec {

namespace {
constexpr int kMaxDepth = 64;

template <typename T>
void put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));  // wasm32 and x86-64 are little-endian
  out.append(buf, sizeof(T));
}
}  // namespace

void Writer::integer(int64_t v) { tag(kInt); put(out_, v); }
void Writer::number(double v) { tag(kFloat); put(out_, v); }
void Writer::u32(uint32_t v) { put(out_, v); }

void Writer::blob(Tag t, std::string_view s) {
  if (s.size() > UINT32_MAX) throw Error("value larger than 4 GiB");
  tag(t);
  u32(static_cast<uint32_t>(s.size()));
  out_.append(s);
}

std::string_view Reader::take(size_t n) {
  if (n > in_.size() - pos_) throw Error("truncated value");
  auto s = in_.substr(pos_, n);
  pos_ += n;
  return s;
}

Tag Reader::peek() const {
  if (pos_ >= in_.size()) throw Error("truncated value");
  auto t = static_cast<uint8_t>(in_[pos_]);
  if (t > kHash) throw Error("unknown tag " + std::to_string(t));
  return static_cast<Tag>(t);
}

Tag Reader::next() {
  Tag t = peek();
  ++pos_;
  return t;
}

int64_t Reader::integer() {
  int64_t v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

double Reader::number() {
  double v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

uint32_t Reader::count() {
  uint32_t v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

std::string_view Reader::blob() { return take(count()); }

std::string_view Reader::text() {
  if (next() != kStr) throw Error("expected a string");
  return blob();
}

std::string_view Reader::text_or_bytes() {
  Tag t = next();
  if (t != kStr && t != kBytes) throw Error("expected a string or bytes");
  return blob();
}

uint32_t Reader::array() {
  if (next() != kArray) throw Error("expected an array");
  return count();
}

void Reader::skip() {
  switch (next()) {
    case kInt: integer(); break;
    case kFloat: number(); break;
    case kStr: case kBytes: blob(); break;
    case kArray: for (uint32_t n = count(); n > 0; --n) skip(); break;
    case kHash: for (uint32_t n = count(); n > 0; --n) { skip(); skip(); } break;
    default: break;
  }
}

namespace {

// Kiln::Bytes, looked up once per value converted and only when a string
// needs it (ruby/kiln/boot/bytes.rb defines it; a bare VM has none, and then
// bytes decode to plain Strings).
struct BytesClass {
  mrb_state* mrb;
  RClass* klass = nullptr;
  bool resolved = false;
  RClass* get() {
    if (!resolved) {
      klass = bytes_class(mrb);
      resolved = true;
    }
    return klass;
  }
};

mrb_value decode(Reader& in, int depth, BytesClass& bytes) {
  mrb_state* mrb = bytes.mrb;
  if (depth > kMaxDepth) throw Error("nesting deeper than 64");
  switch (in.next()) {
    case kNil: return mrb_nil_value();
    case kFalse: return mrb_false_value();
    case kTrue: return mrb_true_value();
    case kInt: return mrb_int_value(mrb, in.integer());
    case kFloat: return mrb_float_value(mrb, in.number());
    case kStr: {
      auto s = in.blob();
      return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size()));
    }
    case kBytes: {
      auto s = in.blob();
      mrb_value str = mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size()));
      if (RClass* b = bytes.get()) mrb_obj_ptr(str)->c = b;  // a fresh String: retagging it is safe
      return str;
    }
    case kArray: {
      uint32_t n = in.count();
      mrb_value ary = mrb_ary_new_capa(mrb, n < 1024 ? n : 1024);
      for (uint32_t i = 0; i < n; ++i) mrb_ary_push(mrb, ary, decode(in, depth + 1, bytes));
      return ary;
    }
    case kHash: {
      uint32_t n = in.count();
      mrb_value h = mrb_hash_new(mrb);
      for (uint32_t i = 0; i < n; ++i) {
        mrb_value k = decode(in, depth + 1, bytes);
        // A fresh key, frozen: the Hash takes it as is, where it would copy
        // an unfrozen String key into a plain String (losing Kiln::Bytes).
        if (mrb_string_p(k)) MRB_SET_FROZEN_FLAG(mrb_str_ptr(k));
        mrb_hash_set(mrb, h, k, decode(in, depth + 1, bytes));
      }
      return h;
    }
  }
  throw Error("unknown tag");
}

void encode(mrb_value v, Writer& out, int depth, BytesClass& bytes);

struct HashWriter {
  Writer* out;
  int depth;
  BytesClass* bytes;
};

int encode_pair(mrb_state*, mrb_value key, mrb_value val, void* data) {
  auto* w = static_cast<HashWriter*>(data);
  encode(key, *w->out, w->depth, *w->bytes);
  encode(val, *w->out, w->depth, *w->bytes);
  return 0;
}

// A String subclass may be Kiln::Bytes: sent as bytes whatever its content.
bool binary(mrb_value str, BytesClass& bytes) {
  mrb_state* mrb = bytes.mrb;
  if (mrb_obj_class(mrb, str) == mrb->string_class) return false;
  RClass* b = bytes.get();
  return b && mrb_obj_is_kind_of(mrb, str, b);
}

void encode(mrb_value v, Writer& out, int depth, BytesClass& bytes) {
  mrb_state* mrb = bytes.mrb;
  if (depth > kMaxDepth) mrb_raise(mrb, E_ARGUMENT_ERROR, "value nested deeper than 64 levels");
  switch (mrb_type(v)) {
    case MRB_TT_FALSE:
      if (mrb_nil_p(v)) out.nil(); else out.boolean(false);
      return;
    case MRB_TT_TRUE: out.boolean(true); return;
    case MRB_TT_INTEGER: out.integer(mrb_integer(v)); return;
    case MRB_TT_FLOAT: out.number(mrb_float(v)); return;
    case MRB_TT_SYMBOL: {
      mrb_int len;
      const char* s = mrb_sym_name_len(mrb, mrb_symbol(v), &len);
      out.str({s, static_cast<size_t>(len)});
      return;
    }
    case MRB_TT_STRING: {
      std::string_view s(RSTRING_PTR(v), static_cast<size_t>(RSTRING_LEN(v)));
      // A plain String is text when it can be; Kiln::Bytes is always bytes.
      if (!binary(v, bytes) && valid_utf8(s)) out.str(s); else out.bytes(s);
      return;
    }
    case MRB_TT_ARRAY: {
      mrb_int n = RARRAY_LEN(v);
      out.array(static_cast<uint32_t>(n));
      for (mrb_int i = 0; i < n; ++i) encode(RARRAY_PTR(v)[i], out, depth + 1, bytes);
      return;
    }
    case MRB_TT_HASH: {
      out.hash(static_cast<uint32_t>(mrb_hash_size(mrb, v)));
      HashWriter w{&out, depth + 1, &bytes};
      mrb_hash_foreach(mrb, mrb_hash_ptr(v), encode_pair, &w);
      return;
    }
    default:
      mrb_raisef(mrb, E_TYPE_ERROR, "can't pass %C to JavaScript", mrb_obj_class(mrb, v));
  }
}

}  // namespace

mrb_value to_ruby(mrb_state* mrb, Reader& in) {
  BytesClass bytes{mrb};
  return decode(in, 0, bytes);
}

void from_ruby(mrb_state* mrb, mrb_value v, Writer& out) {
  BytesClass bytes{mrb};
  encode(v, out, 0, bytes);
}

RClass* bytes_class(mrb_state* mrb) {
  mrb_value object = mrb_obj_value(mrb->object_class);
  mrb_sym kiln = mrb_intern_lit(mrb, "Kiln");
  if (!mrb_const_defined_at(mrb, object, kiln)) return nullptr;
  mrb_value mod = mrb_const_get(mrb, object, kiln);
  if (mrb_type(mod) != MRB_TT_MODULE) return nullptr;
  mrb_sym name = mrb_intern_lit(mrb, "Bytes");
  if (!mrb_const_defined_at(mrb, mod, name)) return nullptr;
  mrb_value klass = mrb_const_get(mrb, mod, name);
  return mrb_type(klass) == MRB_TT_CLASS ? mrb_class_ptr(klass) : nullptr;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static const uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace kiln::codec
