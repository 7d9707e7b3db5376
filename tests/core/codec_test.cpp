#include <catch.hpp>

#include <cstring>
#include <limits>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/string.h>

#include "core/codec.h"

using namespace kiln;

namespace {
struct Vm {
  mrb_state* mrb = mrb_open();
  ~Vm() { mrb_close(mrb); }
};

std::string roundtrip(mrb_state* mrb, const std::string& bytes) {
  codec::Reader r(bytes);
  mrb_value v = codec::to_ruby(mrb, r);
  REQUIRE(r.at_end());
  codec::Writer w;
  codec::from_ruby(mrb, v, w);
  REQUIRE(mrb->exc == nullptr);
  return w.take();
}
}  // namespace

TEST_CASE("scalars, strings and containers survive Ruby and back", "[codec]") {
  Vm vm;
  codec::Writer w;
  w.array(9);
  w.nil();
  w.boolean(true);
  w.boolean(false);
  w.integer(std::numeric_limits<int64_t>::max());
  w.integer(-42);
  w.number(3.25);
  w.str("héllo");
  w.bytes(std::string("\xff\x00\xfe", 3));
  w.hash(1);
  w.str("k");
  w.array(0);
  std::string bytes = w.take();
  CHECK(roundtrip(vm.mrb, bytes) == bytes);
}

TEST_CASE("plain Ruby strings are text when valid UTF-8, bytes otherwise", "[codec]") {
  Vm vm;
  codec::Writer w;
  codec::from_ruby(vm.mrb, mrb_str_new_lit(vm.mrb, "ok"), w);
  codec::from_ruby(vm.mrb, mrb_str_new(vm.mrb, "\xc3\x28", 2), w);
  std::string out = w.take();
  CHECK(out[0] == codec::kStr);
  CHECK(out[7] == codec::kBytes);
}

// Kiln::Bytes as ruby/kiln/boot/bytes.rb defines it (a bare VM has none).
static RClass* define_bytes(mrb_state* mrb) {
  return mrb_define_class_under(mrb, mrb_define_module(mrb, "Kiln"), "Bytes", mrb->string_class);
}

static mrb_value string_of(mrb_state* mrb, RClass* klass, const std::string& s) {
  mrb_value str = mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size()));
  mrb_obj_ptr(str)->c = klass;
  return str;
}

TEST_CASE("Kiln::Bytes is bytes whatever its content; other Strings by content", "[codec]") {
  Vm vm;
  mrb_state* mrb = vm.mrb;
  RClass* bytes = define_bytes(mrb);
  RClass* sub = mrb_define_class(mrb, "SubBytes", bytes);
  RClass* other = mrb_define_class(mrb, "OtherString", mrb->string_class);
  codec::Writer w;
  codec::from_ruby(mrb, string_of(mrb, bytes, "abc"), w);               // valid UTF-8, still bytes
  codec::from_ruby(mrb, string_of(mrb, bytes, std::string(4, '\0')), w); // an all-zero page
  codec::from_ruby(mrb, string_of(mrb, sub, "x"), w);
  codec::from_ruby(mrb, string_of(mrb, other, "x"), w);
  codec::from_ruby(mrb, mrb_str_new_lit(mrb, "abc"), w);
  REQUIRE(mrb->exc == nullptr);
  std::string out = w.take();
  codec::Reader r(out);
  CHECK(r.next() == codec::kBytes);
  CHECK(r.blob() == "abc");
  CHECK(r.next() == codec::kBytes);
  CHECK(r.blob() == std::string(4, '\0'));
  CHECK(r.next() == codec::kBytes);
  r.blob();
  CHECK(r.next() == codec::kStr);
  r.blob();
  CHECK(r.text() == "abc");
  CHECK(r.at_end());
}

TEST_CASE("bytes decode into Kiln::Bytes, str into String, so binary stays binary", "[codec]") {
  codec::Writer w;
  w.array(2);
  w.bytes("abc");
  w.str("abc");
  std::string in = w.take();
  {
    Vm vm;
    RClass* bytes = define_bytes(vm.mrb);
    codec::Reader r(in);
    mrb_value v = codec::to_ruby(vm.mrb, r);
    CHECK(mrb_obj_class(vm.mrb, RARRAY_PTR(v)[0]) == bytes);
    CHECK(mrb_obj_class(vm.mrb, RARRAY_PTR(v)[1]) == vm.mrb->string_class);
    CHECK(codec::bytes_class(vm.mrb) == bytes);
    CHECK(roundtrip(vm.mrb, in) == in);  // "abc" as bytes comes back as bytes
  }
  {
    Vm vm;  // no Kiln::Bytes: plain Strings, as before
    codec::Reader r(in);
    mrb_value v = codec::to_ruby(vm.mrb, r);
    CHECK(mrb_obj_class(vm.mrb, RARRAY_PTR(v)[0]) == vm.mrb->string_class);
    CHECK(codec::bytes_class(vm.mrb) == nullptr);
  }
  {
    Vm vm;  // a Kiln that is not a module, a Bytes that is not a class: none
    mrb_define_const(vm.mrb, vm.mrb->object_class, "Kiln", mrb_fixnum_value(1));
    CHECK(codec::bytes_class(vm.mrb) == nullptr);
    Vm vm2;
    mrb_define_const(vm2.mrb, mrb_define_module(vm2.mrb, "Kiln"), "Bytes", mrb_fixnum_value(1));
    CHECK(codec::bytes_class(vm2.mrb) == nullptr);
  }
}

TEST_CASE("symbols encode as strings", "[codec]") {
  Vm vm;
  codec::Writer w;
  codec::from_ruby(vm.mrb, mrb_symbol_value(mrb_intern_lit(vm.mrb, "name")), w);
  std::string out = w.take();
  codec::Reader r(out);
  CHECK(r.text() == "name");
}

TEST_CASE("truncated or unknown input is an error, never a crash", "[codec]") {
  Vm vm;
  codec::Writer w;
  w.str("hello");
  std::string good = w.take();
  for (size_t cut = 0; cut < good.size(); ++cut) {
    codec::Reader r(std::string_view(good).substr(0, cut));
    CHECK_THROWS_AS(codec::to_ruby(vm.mrb, r), codec::Error);
  }
  std::string bad("\x2a", 1);
  codec::Reader r(bad);
  CHECK_THROWS_AS(codec::to_ruby(vm.mrb, r), codec::Error);

  // A count far larger than the input must not allocate it up front.
  std::string huge("\x07\xff\xff\xff\xff", 5);
  codec::Reader h(huge);
  CHECK_THROWS_AS(codec::to_ruby(vm.mrb, h), codec::Error);
}

TEST_CASE("objects with no JS counterpart raise TypeError in Ruby", "[codec]") {
  Vm vm;
  codec::Writer w;
  mrb_value obj = mrb_obj_new(vm.mrb, vm.mrb->object_class, 0, nullptr);
  mrb_bool failed = false;
  struct Arg { mrb_value v; codec::Writer* w; } a{obj, &w};
  mrb_value exc = mrb_protect_error(vm.mrb, [](mrb_state* m, void* ud) {
    auto* x = static_cast<Arg*>(ud);
    codec::from_ruby(m, x->v, *x->w);
    return mrb_nil_value();
  }, &a, &failed);
  REQUIRE(failed);
  mrb_state* mrb = vm.mrb;  // E_TYPE_ERROR refers to `mrb`
  CHECK(mrb_obj_class(mrb, exc) == E_TYPE_ERROR);
}

TEST_CASE("valid_utf8 rejects overlongs, surrogates and truncation", "[codec]") {
  CHECK(codec::valid_utf8("plain"));
  CHECK(codec::valid_utf8("\xe2\x82\xac"));           // €
  CHECK(codec::valid_utf8("\xf0\x9f\x94\xa5"));       // 🔥
  CHECK_FALSE(codec::valid_utf8("\xc0\xaf"));         // overlong '/'
  CHECK_FALSE(codec::valid_utf8("\xed\xa0\x80"));     // surrogate
  CHECK_FALSE(codec::valid_utf8("\xe2\x82"));         // truncated
  CHECK_FALSE(codec::valid_utf8("\xf4\x90\x80\x80")); // > U+10FFFF
}
