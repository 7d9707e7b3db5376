// JSON for Ruby code (CRuby json gem API): JSON.parse builds mruby values
// straight from nlohmann/json's SAX events (no intermediate DOM); JSON.generate
// and #to_json walk mruby values and write text in CRuby's layout.
// ruby/kiln/json.rb holds the option handling and JSON::State.
#pragma once

#include <string>
#include <string_view>

#include <mruby.h>

namespace kiln {

namespace json {

struct ParseOptions {
  bool symbolize_names = false;
  int max_nesting = 100;  // 0: no limit (the parser is iterative, so none is needed)
};

// Raises JSON::ParserError (line, column and the offending text in the
// message) or JSON::NestingError; never lets a C++ exception escape.
mrb_value parse(mrb_state* mrb, std::string_view text, const ParseOptions& options);

// state: nil (compact) or a JSON::State. Raises JSON::GeneratorError,
// JSON::NestingError, or whatever a user-defined #to_json raises.
std::string generate(mrb_state* mrb, mrb_value obj, mrb_value state);

// CRuby's Float#to_s layout: 1.0, 0.0001, 1.0e-05, 1.0e+20.
std::string format_float(double value);

// The deepest nesting generate accepts even with max_nesting: false,
// which keeps the recursion within the C stack.
constexpr int kMaxGenerateDepth = 1000;

}  // namespace json

// The JSON module, its errors, JSON.__parse / JSON.__generate and Object#to_json.
void define_json(mrb_state* mrb);

}  // namespace kiln
