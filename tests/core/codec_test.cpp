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

TEST_CASE("Ruby strings are text when valid UTF-8, bytes otherwise", "[codec]") {
  Vm vm;
  codec::Writer w;
  codec::from_ruby(vm.mrb, mrb_str_new_lit(vm.mrb, "ok"), w);
  codec::from_ruby(vm.mrb, mrb_str_new(vm.mrb, "\xc3\x28", 2), w);
  std::string out = w.take();
  CHECK(out[0] == codec::kStr);
  CHECK(out[7] == codec::kBytes);
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
