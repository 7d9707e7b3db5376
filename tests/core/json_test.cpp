#include <catch.hpp>

#include <functional>
#include <random>
#include <string>

#include <mruby.h>
#include <mruby/error.h>
#include <mruby/string.h>

#include "checks.h"
#include "json/json.h"

extern "C" const uint8_t fixture_json_checks[];

namespace {

// A bare VM with only the C++ half of JSON (no json.rb): exercises the C++ API.
struct Vm {
  mrb_state* mrb = mrb_open();
  Vm() { kiln::define_json(mrb); }
  ~Vm() { mrb_close(mrb); }

  // The block's value inspected, or "ErrorClass: message" if it raised.
  std::string run(const std::function<mrb_value(mrb_state*)>& f) {
    int arena = mrb_gc_arena_save(mrb);
    mrb_bool failed = false;
    mrb_value v = mrb_protect_error(
        mrb, [](mrb_state* m, void* p) { return (*static_cast<const std::function<mrb_value(mrb_state*)>*>(p))(m); },
        const_cast<void*>(static_cast<const void*>(&f)), &failed);
    std::string out;
    if (failed) {
      mrb_value msg = mrb_funcall(mrb, v, "message", 0);
      out = std::string(mrb_obj_classname(mrb, v)) + ": " + std::string(RSTRING_PTR(msg), RSTRING_LEN(msg));
    } else {
      mrb_value s = mrb_inspect(mrb, v);
      out = std::string(RSTRING_PTR(s), RSTRING_LEN(s));
    }
    mrb_gc_arena_restore(mrb, arena);
    return out;
  }

  std::string parse(const std::string& text, kiln::json::ParseOptions options = {}) {
    return run([&](mrb_state* m) { return kiln::json::parse(m, text, options); });
  }

  // parse, then generate (compact) what came out.
  std::string round_trip(const std::string& text) {
    return run([&](mrb_state* m) {
      std::string out = kiln::json::generate(m, kiln::json::parse(m, text, {}), mrb_nil_value());
      return mrb_str_new(m, out.data(), static_cast<mrb_int>(out.size()));
    });
  }
};

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

TEST_CASE("JSON parse builds Ruby values", "[json]") {
  Vm vm;
  CHECK(vm.parse(R"({"a": [1, -2.5, "x", true, false, null], "b": {}})") ==
        R"({"a"=>[1, -2.5, "x", true, false, nil], "b"=>{}})");
  CHECK(vm.parse("  42 ") == "42");
  CHECK(vm.parse(R"("caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n")") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \\\"q\\\" \\\\ / \\n\"");
  CHECK(vm.parse(R"({"a": 1, "a": 2})") == R"({"a"=>2})");  // the last duplicate wins, as in CRuby
  kiln::json::ParseOptions sym;
  sym.symbolize_names = true;
  CHECK(vm.parse(R"({"a": {"b c": 1}})", sym) == R"({:a=>{:"b c"=>1}})");
}

TEST_CASE("JSON integers beyond 64 bits become Floats", "[json]") {
  Vm vm;
  CHECK(vm.parse("[9223372036854775807, -9223372036854775808]") == "[9223372036854775807, -9223372036854775808]");
  CHECK(vm.parse("9223372036854775808") == vm.run([](mrb_state* m) { return mrb_float_value(m, 9223372036854775808.0); }));
  CHECK(vm.parse("123456789012345678901234567890") != "");
  CHECK(starts_with(vm.parse("1e400"), "JSON::ParserError: "));
}

TEST_CASE("JSON parse errors say where", "[json]") {
  Vm vm;
  std::string e = vm.parse("{\"a\": 1,\n  \"b\": xyz}");
  CHECK(starts_with(e, "JSON::ParserError: unexpected token at 'xyz}' (line 2, column"));
  CHECK(vm.parse("") == "JSON::ParserError: unexpected end of input (line 1, column 1)");
  CHECK(starts_with(vm.parse("[1, 2"), "JSON::ParserError: unexpected end of input"));
  CHECK(starts_with(vm.parse("[1,]"), "JSON::ParserError: unexpected token at ']'"));
  CHECK(starts_with(vm.parse("{} x"), "JSON::ParserError: unexpected token at 'x'"));
  CHECK(starts_with(vm.parse("NaN"), "JSON::ParserError: "));
  CHECK(starts_with(vm.parse("\"\xff\""), "JSON::ParserError: "));  // invalid UTF-8 in a string
  CHECK(starts_with(vm.parse(std::string("[\"a\0b\"]", 7)), "JSON::ParserError: "));
}

TEST_CASE("JSON nesting is limited to 100 by default, and never overflows the stack", "[json]") {
  Vm vm;
  CHECK(vm.parse(std::string(100, '[') + std::string(100, ']')).size() == 200);
  CHECK(vm.parse(std::string(101, '[') + std::string(101, ']')) == "JSON::NestingError: nesting of 101 is too deep");
  CHECK(vm.parse(std::string(200000, '[')) == "JSON::NestingError: nesting of 101 is too deep");
  CHECK(vm.parse(std::string(200000, '{')) != "");
  kiln::json::ParseOptions unlimited;
  unlimited.max_nesting = 0;
  std::string deep = std::string(50000, '[') + std::string(50000, ']');
  CHECK(vm.run([&](mrb_state* m) { return mrb_bool_value(mrb_array_p(kiln::json::parse(m, deep, unlimited))); }) == "true");
  // Generating it stops at the hard limit instead of recursing 50000 deep.
  CHECK(vm.run([&](mrb_state* m) {
    kiln::json::generate(m, kiln::json::parse(m, deep, unlimited), mrb_nil_value());
    return mrb_nil_value();
  }) == "JSON::NestingError: nesting of 101 is too deep");
}

TEST_CASE("JSON parse never crashes: every truncation and random bytes", "[json]") {
  Vm vm;
  const std::string doc =
      R"({"name": "K\u00efln", "list": [1, -0.5e-3, true, null, {"x": [[], {}]}], "s": "a\"b\\c\ud83d\ude00", "n": 12345678901234567890})";
  CHECK(starts_with(vm.parse(doc), "{\"name\"=>"));
  for (size_t i = 0; i < doc.size(); ++i) {
    std::string r = vm.parse(doc.substr(0, i));
    INFO("prefix of " << i << " bytes: " << r);
    CHECK(starts_with(r, "JSON::ParserError: "));
  }
  std::mt19937 rng(20261123);
  const std::string alphabet = "{}[]:,\"\\ 0123456789.eE+-tfnrulsa\xff\xc3\x80\n";
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    size_t len = rng() % 24;
    for (size_t k = 0; k < len; ++k) s += (i % 2) ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
    std::string r = vm.parse(s);
    if (!starts_with(r, "JSON::")) ++parsed;
    else CHECK((starts_with(r, "JSON::ParserError: ") || starts_with(r, "JSON::NestingError: ")));
  }
  CHECK(parsed > 0);
}

TEST_CASE("JSON generate writes compact JSON", "[json]") {
  Vm vm;
  CHECK(vm.round_trip(R"( { "a" : [ 1 , 2.5 , "x" , true , false , null ] , "b" : { } , "c" : [ ] } )") ==
        R"("{\"a\":[1,2.5,\"x\",true,false,null],\"b\":{},\"c\":[]}")");
  CHECK(vm.round_trip(R"("\u0001\u001f\t\n\r\b\f/\u007f")") == R"("\"\\u0001\\u001f\\t\\n\\r\\b\\f/\x7f\"")");
  CHECK(vm.run([](mrb_state* m) {
    std::string s = kiln::json::generate(m, mrb_str_new_lit(m, "\xC3\x28"), mrb_nil_value());
    return mrb_str_new(m, s.data(), static_cast<mrb_int>(s.size()));
  }) == "JSON::GeneratorError: source sequence is illegal/malformed utf-8");
  CHECK(vm.run([](mrb_state* m) {
    kiln::json::generate(m, mrb_float_value(m, NAN), mrb_nil_value());
    return mrb_nil_value();
  }) == "JSON::GeneratorError: NaN not allowed in JSON");
}

TEST_CASE("JSON floats are written like CRuby's Float#to_s", "[json]") {
  using kiln::json::format_float;
  CHECK(format_float(1.0) == "1.0");
  CHECK(format_float(-2.5) == "-2.5");
  CHECK(format_float(100.0) == "100.0");
  CHECK(format_float(0.1) == "0.1");
  CHECK(format_float(1.0 / 3) == "0.3333333333333333");
  CHECK(format_float(0.0) == "0.0");
  CHECK(format_float(-0.0) == "-0.0");
  CHECK(format_float(1e15) == "1000000000000000.0");
  CHECK(format_float(1e16) == "1.0e+16");
  CHECK(format_float(1e20) == "1.0e+20");
  CHECK(format_float(1.5e-7) == "1.5e-07");
  CHECK(format_float(0.0001) == "0.0001");
  CHECK(format_float(0.00001) == "1.0e-05");
  CHECK(format_float(123456.789) == "123456.789");
  CHECK(format_float(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(format_float(5e-324) == "5.0e-324");
  CHECK(format_float(9007199254740993.0) == "9007199254740992.0");
}

TEST_CASE("JSON from Ruby: parse, options and errors", "[json][ruby]") {
  auto rt = test::boot_checks(fixture_json_checks);
  CHECK(test::check(*rt, "parse") == R"({"a"=>[1, 2.5, "x", true, false, nil], "b"=>{"c"=>{}}})");
  CHECK(test::check(*rt, "parse_body", R"({"items": [{"n": 1}, {"n": 20}]})") == "[2, 40]");
  CHECK(test::check(*rt, "symbolize") == "{:a=>{:b=>1}}");
  CHECK(test::check(*rt, "scalar") == R"([2, "s", nil, 1500.0])");
  CHECK(test::check(*rt, "big_int") == "[Integer, Float]");
  CHECK(test::check(*rt, "comments") == R"({"a"=>1, "b"=>2})");
  CHECK(starts_with(test::check(*rt, "parse_error"), "JSON::ParserError: unexpected token at 'nope}' (line 2, column"));
  CHECK(test::check(*rt, "parse_empty") == "JSON::ParserError: unexpected end of input (line 1, column 1)");
  CHECK(starts_with(test::check(*rt, "parse_nil"), "TypeError: "));
  CHECK(test::check(*rt, "parse_error_class") == "[JSON::ParserError, true]");
  CHECK(test::check(*rt, "nesting_101") == "JSON::NestingError: nesting of 101 is too deep");
  CHECK(test::check(*rt, "nesting_100") == "0");
  CHECK(test::check(*rt, "nesting_option") == "Array");
  CHECK(test::check(*rt, "nesting_is_parser_error") == "JSON::NestingError");
  CHECK(test::check(*rt, "load") == "[nil, nil, [1]]");
  CHECK(test::check(*rt, "kernel_json") == R"([[1], "[1]"])");
}

TEST_CASE("JSON from Ruby: generate, pretty_generate and to_json", "[json][ruby]") {
  auto rt = test::boot_checks(fixture_json_checks);
  CHECK(test::check(*rt, "generate") ==
        R"({"name":"Kiln","tags":["a","b"],"n":1,"f":2.5,"nested":{"empty":{},"list":[]},"nil":null})");
  CHECK(test::check(*rt, "pretty") ==
        "{\n"
        "  \"name\": \"Kiln\",\n"
        "  \"tags\": [\n"
        "    \"a\",\n"
        "    \"b\"\n"
        "  ],\n"
        "  \"n\": 1,\n"
        "  \"f\": 2.5,\n"
        "  \"nested\": {\n"
        "    \"empty\": {},\n"
        "    \"list\": []\n"
        "  },\n"
        "  \"nil\": null\n"
        "}");
  CHECK(test::check(*rt, "pretty_empty") == R"(["{}", "[]"])");
  CHECK(test::check(*rt, "to_json") ==
        "[\"1\", \"1.0\", \"null\", \"true\", \"\\\"\xC3\xA9\\\\\\\"\\\\\\\\\\\"\", \"\\\"sym\\\"\", \"[1,[2]]\", \"{\\\"1\\\":2,\\\"\\\":3}\"]");
  CHECK(test::check(*rt, "floats") == "[1.0,1.0e+20,9.5367431640625e-07,0.5,100.0,-0.0,1.0e+16,1000000000000000.0,0.0009765625,6.103515625e-05,3]");
  CHECK(test::check(*rt, "nan") == "JSON::GeneratorError: NaN not allowed in JSON");
  CHECK(test::check(*rt, "infinity") == "JSON::GeneratorError: Infinity not allowed in JSON");
  CHECK(test::check(*rt, "allow_nan") == "[NaN,-Infinity]");
  CHECK(test::check(*rt, "control_chars") == "\"a\\nb\\t\\u0001\\u001f\x7f/\"");
  CHECK(test::check(*rt, "invalid_utf8") == "JSON::GeneratorError: source sequence is illegal/malformed utf-8");
  CHECK(test::check(*rt, "custom") == R"({"p":{"x":1,"y":2},"list":[{"x":3,"y":4}]})");
  CHECK(test::check(*rt, "custom_pretty") == "{\n  \"p\": {\n    \"x\": 1,\n    \"y\": 2\n  }\n}");
  CHECK(test::check(*rt, "plain_object") == R"(["plain!","\"plain!\""])");
  CHECK(test::check(*rt, "no_args_to_json") == R"(["no args"])");
  CHECK(test::check(*rt, "bad_to_json") == "TypeError: BadJson#to_json returned Integer, not a String");
  CHECK(test::check(*rt, "self_reference") == "JSON::NestingError: nesting of 101 is too deep");
  CHECK(test::check(*rt, "generate_nesting") == "JSON::NestingError: nesting of 3 is too deep");
  CHECK(test::check(*rt, "dump") == R"({"a":NaN})");
  CHECK(test::check(*rt, "dump_limit") == "ArgumentError: exceed depth limit");
  CHECK(test::check(*rt, "round_trip") == "true");
  CHECK(test::check(*rt, "hash_keys") == R"({"a":1,"b":2,"3":4,"1.5":5})");
  kiln::Step s = rt->start(test::request("GET", "https://example.org/params_json?a=1&b=%C3%A9"));
  REQUIRE(s.kind == kiln::Step::Done);
  CHECK(test::response(s).body == "{\"a\":\"1\",\"b\":\"\xC3\xA9\"}");
}
