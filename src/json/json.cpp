#include "json/json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <exception>
#include <vector>

#include <nlohmann/json.hpp>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "core/codec.h"

namespace kiln {
namespace json {

namespace {

struct RClass* json_module(mrb_state* mrb) { return mrb_module_get(mrb, "JSON"); }
struct RClass* error_class(mrb_state* mrb, const char* name) { return mrb_class_get_under(mrb, json_module(mrb), name); }

[[noreturn]] void raise(mrb_state* mrb, const char* cls, const std::string& message) {
  mrb_exc_raise(mrb, mrb_exc_new(mrb, error_class(mrb, cls), message.data(), static_cast<mrb_int>(message.size())));
}

std::string nesting_message(long depth) { return "nesting of " + std::to_string(depth) + " is too deep"; }

// --- parse -----------------------------------------------------------------

// nlohmann's SAX interface, building mruby values as the events arrive. The
// open containers (and a pending key) live in an mruby Array so the GC sees
// them; the arena is reset after each value, so memory stays flat however
// long the document is.
class Builder {
 public:
  Builder(mrb_state* mrb, const ParseOptions& options) : mrb_(mrb), options_(options) {
    root_ = mrb_ary_new_capa(mrb, 1);
    stack_ = mrb_ary_new(mrb);
    arena_ = mrb_gc_arena_save(mrb);
  }

  bool null() { return add(mrb_nil_value()); }
  bool boolean(bool b) { return add(mrb_bool_value(b)); }
  bool number_integer(std::int64_t i) { return add(mrb_int_value(mrb_, i)); }
  // Integers beyond int64 become Floats, as in mruby's own arithmetic
  // (nlohmann already hands those beyond uint64 over as doubles).
  bool number_unsigned(std::uint64_t u) {
    return add(u <= static_cast<std::uint64_t>(INT64_MAX) ? mrb_int_value(mrb_, static_cast<mrb_int>(u))
                                                           : mrb_float_value(mrb_, static_cast<mrb_float>(u)));
  }
  bool number_float(double d, const std::string&) { return add(mrb_float_value(mrb_, d)); }
  bool string(std::string& s) { return add(mrb_str_new(mrb_, s.data(), static_cast<mrb_int>(s.size()))); }
  bool binary(nlohmann::json::binary_t&) { return false; }  // only for binary formats, never JSON text

  bool start_object(std::size_t) { return open(mrb_hash_new(mrb_), true); }
  bool start_array(std::size_t) { return open(mrb_ary_new(mrb_), false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    mrb_value key;
    if (options_.symbolize_names) {
      key = mrb_symbol_value(mrb_intern(mrb_, k.data(), k.size()));
    } else {
      key = mrb_str_new(mrb_, k.data(), static_cast<mrb_int>(k.size()));
      MRB_SET_FROZEN_FLAG(mrb_str_ptr(key));  // what Hash#[]= would do, minus a copy
    }
    mrb_ary_push(mrb_, stack_, key);
    mrb_gc_arena_restore(mrb_, arena_);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    failed_ = true;
    error_position_ = position;
    error_reason_ = ex.what();
    return false;
  }

  mrb_value result() const { return RARRAY_LEN(root_) ? RARRAY_PTR(root_)[0] : mrb_nil_value(); }

  bool failed_ = false, too_deep_ = false;
  std::size_t error_position_ = 0;
  std::string error_reason_;

 private:
  bool add(mrb_value v) {
    if (kinds_.empty()) {
      mrb_ary_push(mrb_, root_, v);
    } else if (kinds_.back()) {
      mrb_value key = mrb_ary_pop(mrb_, stack_);
      mrb_hash_set(mrb_, mrb_ary_ref(mrb_, stack_, -1), key, v);
    } else {
      mrb_ary_push(mrb_, mrb_ary_ref(mrb_, stack_, -1), v);
    }
    mrb_gc_arena_restore(mrb_, arena_);
    return true;
  }

  bool open(mrb_value container, bool is_object) {
    if (options_.max_nesting > 0 && kinds_.size() >= static_cast<std::size_t>(options_.max_nesting)) {
      too_deep_ = true;
      return false;
    }
    add(container);
    mrb_ary_push(mrb_, stack_, container);
    kinds_.push_back(is_object);
    mrb_gc_arena_restore(mrb_, arena_);
    return true;
  }

  bool close() {
    mrb_ary_pop(mrb_, stack_);
    kinds_.pop_back();
    return true;
  }

  mrb_state* mrb_;
  ParseOptions options_;
  mrb_value root_, stack_;
  int arena_;
  std::vector<bool> kinds_;  // per open container: true for an object
};

// "line 2, column 7" for a byte offset (nlohmann counts the bytes read,
// including the offending one).
std::string location(std::string_view text, std::size_t position) {
  std::size_t end = position < text.size() ? position : text.size();
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t column = position > line_start ? position - line_start : 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's reason without its "[json.exception...] parse error at line
// L, column C: " prefix and its "last read" part: the message shows the
// position and the text itself.
std::string reason(std::string what) {
  if (!what.empty() && what[0] == '[') {
    std::size_t close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
  }
  std::size_t at = what.find(" parse error at line ");
  if (at != std::string::npos || what.compare(0, 20, "parse error at line ") == 0) {
    std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
  }
  std::size_t last = what.find("; last read: ");
  if (last != std::string::npos) {
    std::size_t expected = what.find("; expected", last);
    what = what.substr(0, last) + (expected == std::string::npos ? "" : what.substr(expected));
  }
  return what;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
}

std::string parse_error_message(std::string_view text, const Builder& b) {
  // nlohmann counts the bytes read, the offending one included.
  std::string where = location(text, b.error_position_);
  if (b.error_position_ > text.size()) return "unexpected end of input (" + where + ")";
  std::size_t start = b.error_position_ > 0 ? b.error_position_ - 1 : 0;
  while (start > 0 && word_char(text[start]) && word_char(text[start - 1])) --start;  // the whole literal
  std::string shown(text.substr(start, 32));
  bool utf8 = codec::valid_utf8(shown);  // cut mid-character or not UTF-8 at all
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (!utf8 && static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  if (text.size() - start > 32) shown += "...";
  return "unexpected token at '" + shown + "' (" + where + "): " + reason(b.error_reason_);
}

using Adapter = decltype(nlohmann::detail::input_adapter(static_cast<const char*>(nullptr), static_cast<const char*>(nullptr)));

// --- generate ----------------------------------------------------------------

mrb_value json_to_json(mrb_state* mrb, mrb_value self);

struct Config {
  std::string indent, space, space_before, object_nl, array_nl;
  bool allow_nan = false;
  long max_nesting = 100;  // 0: only kMaxGenerateDepth
};

std::string ivar_string(mrb_state* mrb, mrb_value obj, const char* name) {
  mrb_value v = mrb_iv_get(mrb, obj, mrb_intern_cstr(mrb, name));
  if (mrb_nil_p(v)) return "";
  if (!mrb_string_p(v)) mrb_raisef(mrb, E_TYPE_ERROR, "JSON::State %s must be a String, not %C", name, mrb_obj_class(mrb, v));
  return std::string(RSTRING_PTR(v), static_cast<std::size_t>(RSTRING_LEN(v)));
}

// The generator's output. Its appends are inlined even in this -Oz file:
// std::string's were a chain of calls per character and per comma.
class Out {
 public:
  [[gnu::always_inline]] void append(const char* s, std::size_t n) {
    if (cap_ - len_ < n) grow(n);
    std::memcpy(&buf_[len_], s, n);
    len_ += n;
  }
  [[gnu::always_inline]] Out& operator+=(char c) {
    if (len_ == cap_) grow(1);
    buf_[len_++] = c;
    return *this;
  }
  Out& operator+=(const char* s) {
    append(s, std::strlen(s));
    return *this;
  }
  Out& operator+=(const std::string& s) {
    if (!s.empty()) append(s.data(), s.size());
    return *this;
  }
  std::string take() {
    buf_.resize(len_);
    return std::move(buf_);
  }

 private:
  void grow(std::size_t n) {
    cap_ = std::max(cap_ * 2, len_ + n);
    buf_.resize(cap_);
  }
  std::string buf_;
  std::size_t len_ = 0, cap_ = 0;
};

class Generator {
 public:
  Generator(mrb_state* mrb, mrb_value state) : mrb_(mrb), state_(state) {
    to_json_ = mrb_intern_lit(mrb, "to_json");
    depth_ivar_ = mrb_intern_lit(mrb, "@depth");
    if (mrb_nil_p(state)) return;
    c_.indent = ivar_string(mrb, state, "@indent");
    c_.space = ivar_string(mrb, state, "@space");
    c_.space_before = ivar_string(mrb, state, "@space_before");
    c_.object_nl = ivar_string(mrb, state, "@object_nl");
    c_.array_nl = ivar_string(mrb, state, "@array_nl");
    c_.allow_nan = mrb_test(mrb_iv_get(mrb, state, mrb_intern_lit(mrb, "@allow_nan")));
    mrb_value max = mrb_iv_get(mrb, state, mrb_intern_lit(mrb, "@max_nesting"));
    c_.max_nesting = mrb_integer_p(max) ? static_cast<long>(mrb_integer(max)) : 0;
    mrb_value depth = mrb_iv_get(mrb, state, depth_ivar_);
    start_depth_ = mrb_integer_p(depth) ? static_cast<long>(mrb_integer(depth)) : 0;
  }

  std::string run(mrb_value v) {
    value(v, start_depth_);
    return out_.take();
  }

 private:
  void value(mrb_value v, long depth) {
    switch (mrb_type(v)) {
      case MRB_TT_FALSE: out_ += mrb_nil_p(v) ? "null" : "false"; return;
      case MRB_TT_TRUE: out_ += "true"; return;
      case MRB_TT_INTEGER: integer(mrb_integer(v)); return;
      case MRB_TT_FLOAT: number(mrb_float(v)); return;
      case MRB_TT_SYMBOL: {
        mrb_int len;
        const char* name = mrb_sym_name_len(mrb_, mrb_symbol(v), &len);
        string(name, static_cast<std::size_t>(len));
        return;
      }
      default: break;
    }
    struct RClass* cls = mrb_obj_class(mrb_, v);
    // Like CRuby: plain Hash/Array/String are written directly; anything
    // else goes through its #to_json unless that is ours.
    bool core = cls == mrb_->hash_class || cls == mrb_->array_class || cls == mrb_->string_class;
    if (!core && !builtin_to_json(v)) {
      custom(v, depth);
      return;
    }
    switch (mrb_type(v)) {
      case MRB_TT_HASH: object(v, depth); return;
      case MRB_TT_ARRAY: array(v, depth); return;
      case MRB_TT_STRING: string(RSTRING_PTR(v), static_cast<std::size_t>(RSTRING_LEN(v))); return;
      default: {
        // Objects without a JSON form of their own: their to_s, as a string.
        mrb_value s = mrb_obj_as_string(mrb_, v);
        string(RSTRING_PTR(s), static_cast<std::size_t>(RSTRING_LEN(s)));
      }
    }
  }

  bool builtin_to_json(mrb_value v) {
    struct RClass* cls = mrb_class(mrb_, v);
    mrb_method_t m = mrb_method_search_vm(mrb_, &cls, to_json_);
    return MRB_METHOD_UNDEF_P(m) || MRB_METHOD_CFUNC(m) == json_to_json;
  }

  // A user-defined #to_json: called with the state (like CRuby, so nested
  // #to_json calls keep the layout and depth), or with no argument when it
  // takes none. Its result is inserted as is.
  void custom(mrb_value v, long depth) {
    struct RClass* cls = mrb_class(mrb_, v);
    mrb_method_t m = mrb_method_search_vm(mrb_, &cls, to_json_);
    struct RProc* proc = MRB_METHOD_FUNC_P(m) ? nullptr : MRB_METHOD_PROC(m);
    bool takes_none = proc && !MRB_PROC_CFUNC_P(proc) && mrb_proc_arity(proc) == 0;
    int arena = mrb_gc_arena_save(mrb_);
    mrb_value result;
    if (takes_none) {
      result = mrb_funcall_argv(mrb_, v, to_json_, 0, nullptr);
    } else {
      if (mrb_nil_p(state_)) {
        state_ = mrb_obj_new(mrb_, mrb_class_get_under(mrb_, json_module(mrb_), "State"), 0, nullptr);
        mrb_gc_protect(mrb_, state_);
        arena = mrb_gc_arena_save(mrb_);
      }
      mrb_iv_set(mrb_, state_, depth_ivar_, mrb_int_value(mrb_, depth));
      result = mrb_funcall_argv(mrb_, v, to_json_, 1, &state_);
    }
    if (!mrb_string_p(result)) {
      mrb_state* mrb = mrb_;  // E_TYPE_ERROR names it
      mrb_raisef(mrb, E_TYPE_ERROR, "%C#to_json returned %C, not a String", mrb_obj_class(mrb_, v), mrb_obj_class(mrb_, result));
    }
    out_.append(RSTRING_PTR(result), static_cast<std::size_t>(RSTRING_LEN(result)));
    mrb_gc_arena_restore(mrb_, arena);
  }

  long enter(long depth) {
    long inner = depth + 1;
    if ((c_.max_nesting > 0 && inner > c_.max_nesting) || inner > kMaxGenerateDepth) {
      // A ParserError as in the json gem, but the data is the server's:
      // marked so a route's unrescued one is a 500, not a 400 (JSON::NestingError#generating?).
      std::string message = nesting_message(inner);
      mrb_value exc = mrb_exc_new(mrb_, error_class(mrb_, "NestingError"), message.data(), static_cast<mrb_int>(message.size()));
      mrb_iv_set(mrb_, exc, mrb_intern_lit(mrb_, "@generating"), mrb_true_value());
      mrb_exc_raise(mrb_, exc);
    }
    return inner;
  }

  void newline(const std::string& nl, long depth) {
    out_ += nl;
    if (c_.indent.empty()) return;
    for (long i = 0; i < depth; ++i) out_ += c_.indent;
  }

  void object(mrb_value hash, long depth) {
    long inner = enter(depth);
    if (mrb_hash_size(mrb_, hash) == 0) {
      out_ += "{}";
      return;
    }
    int arena = mrb_gc_arena_save(mrb_);
    // A snapshot of the pairs: a #to_json called below may change the hash.
    mrb_value pairs = mrb_ary_new_capa(mrb_, 2 * mrb_hash_size(mrb_, hash));
    mrb_hash_foreach(mrb_, mrb_hash_ptr(hash), [](mrb_state* m, mrb_value k, mrb_value v, void* p) {
      mrb_value a = *static_cast<mrb_value*>(p);
      mrb_ary_push(m, a, k);
      mrb_ary_push(m, a, v);
      return 0;
    }, &pairs);
    out_ += '{';
    for (mrb_int i = 0; i + 1 < RARRAY_LEN(pairs); i += 2) {
      if (i > 0) out_ += ',';
      if (!c_.object_nl.empty() || !c_.indent.empty()) newline(c_.object_nl, inner);
      key(RARRAY_PTR(pairs)[i]);
      out_ += c_.space_before;
      out_ += ':';
      out_ += c_.space;
      value(RARRAY_PTR(pairs)[i + 1], inner);
    }
    if (!c_.object_nl.empty()) newline(c_.object_nl, depth);
    out_ += '}';
    mrb_gc_arena_restore(mrb_, arena);
  }

  void key(mrb_value k) {
    if (mrb_symbol_p(k)) {
      mrb_int len;
      const char* name = mrb_sym_name_len(mrb_, mrb_symbol(k), &len);
      string(name, static_cast<std::size_t>(len));
      return;
    }
    mrb_value s = mrb_string_p(k) ? k : mrb_obj_as_string(mrb_, k);
    string(RSTRING_PTR(s), static_cast<std::size_t>(RSTRING_LEN(s)));
  }

  void array(mrb_value ary, long depth) {
    long inner = enter(depth);
    if (RARRAY_LEN(ary) == 0) {
      out_ += "[]";
      return;
    }
    mrb_gc_protect(mrb_, ary);  // a #to_json below may drop it from its parent
    out_ += '[';
    out_ += c_.array_nl;
    // Re-read the length each time: elements' #to_json may resize it.
    for (mrb_int i = 0; i < RARRAY_LEN(ary); ++i) {
      if (i > 0) {
        out_ += ',';
        out_ += c_.array_nl;
      }
      for (long d = 0; d < inner && !c_.indent.empty(); ++d) out_ += c_.indent;
      value(RARRAY_PTR(ary)[i], inner);
    }
    if (!c_.array_nl.empty()) newline(c_.array_nl, depth);
    out_ += ']';
  }

  void integer(mrb_int i) {
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof buf, i).ptr;
    out_.append(buf, static_cast<std::size_t>(end - buf));
  }

  void number(double d) {
    if (std::isnan(d) || std::isinf(d)) {
      const char* name = std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
      if (!c_.allow_nan) raise(mrb_, "GeneratorError", std::string(name) + " not allowed in JSON");
      out_ += name;
      return;
    }
    out_ += format_float(d);
  }

  void string(const char* s, std::size_t len) {
    if (!codec::valid_utf8(std::string_view(s, len))) raise(mrb_, "GeneratorError", "source sequence is illegal/malformed utf-8");
    static const char* kHex = "0123456789abcdef";
    out_ += '"';
    // Runs of characters that need no escape are appended at once (this
    // file is built -Oz: a push_back per character was most of JSON.generate).
    std::size_t run = 0;
    for (std::size_t i = 0; i < len; ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
      }
    }
    out_.append(s + run, len - run);
    out_ += '"';
  }

  mrb_state* mrb_;
  mrb_value state_;
  Config c_;
  long start_depth_ = 0;
  mrb_sym to_json_, depth_ivar_;
  Out out_;
};

// Object#to_json(state = nil): a Hash of options or a JSON::State.
mrb_value json_to_json(mrb_state* mrb, mrb_value self) {
  mrb_value state = mrb_nil_value();
  mrb_get_args(mrb, "|o", &state);
  if (!mrb_nil_p(state) && !mrb_obj_is_kind_of(mrb, state, mrb_class_get_under(mrb, json_module(mrb), "State"))) {
    mrb_value cls = mrb_obj_value(mrb_class_get_under(mrb, json_module(mrb), "State"));
    state = mrb_funcall(mrb, cls, "from_state", 1, state);
  }
  std::string text = generate(mrb, self, state);
  return mrb_str_new(mrb, text.data(), static_cast<mrb_int>(text.size()));
}

// JSON.__parse(source, symbolize_names, max_nesting)
mrb_value json_parse(mrb_state* mrb, mrb_value) {
  mrb_value source;
  mrb_bool symbolize;
  mrb_int max_nesting;
  mrb_get_args(mrb, "obi", &source, &symbolize, &max_nesting);
  if (!mrb_string_p(source)) {
    source = mrb_check_string_type(mrb, source);
    if (mrb_nil_p(source)) mrb_raise(mrb, E_TYPE_ERROR, "JSON.parse needs a String (no implicit conversion into String)");
  }
  ParseOptions options;
  options.symbolize_names = symbolize;
  options.max_nesting = max_nesting > 0 && max_nesting < INT32_MAX ? static_cast<int>(max_nesting) : 0;
  return parse(mrb, std::string_view(RSTRING_PTR(source), static_cast<std::size_t>(RSTRING_LEN(source))), options);
}

// JSON.__generate(obj, state_or_nil)
mrb_value json_generate(mrb_state* mrb, mrb_value) {
  mrb_value obj, state;
  mrb_get_args(mrb, "oo", &obj, &state);
  std::string text = generate(mrb, obj, state);
  return mrb_str_new(mrb, text.data(), static_cast<mrb_int>(text.size()));
}

}  // namespace

mrb_value parse(mrb_state* mrb, std::string_view text, const ParseOptions& options) {
  int arena = mrb_gc_arena_save(mrb);
  Builder builder(mrb, options);
  std::string foreign;  // what() of a C++ exception nlohmann threw
  bool ok = false;
  try {
    // The parser itself, rather than json::sax_parse, which would also pull
    // in the CBOR/MessagePack/UBJSON/BSON readers. Comments are skipped, as
    // CRuby's parser does.
    nlohmann::detail::parser<nlohmann::json, Adapter> parser(
        nlohmann::detail::input_adapter(text.data(), text.data() + text.size()), nullptr,
        /*allow_exceptions=*/false, /*skip_comments=*/true);
    ok = parser.sax_parse(&builder, /*strict=*/true);
  } catch (const std::exception& e) {
    foreign = e.what();
  }
  if (!foreign.empty()) raise(mrb, "ParserError", "cannot parse JSON: " + foreign);
  if (builder.too_deep_) raise(mrb, "NestingError", nesting_message(options.max_nesting + 1L));
  if (!ok || builder.failed_) raise(mrb, "ParserError", parse_error_message(text, builder));
  mrb_value result = builder.result();
  mrb_gc_arena_restore(mrb, arena);
  mrb_gc_protect(mrb, result);
  return result;
}

std::string generate(mrb_state* mrb, mrb_value obj, mrb_value state) {
  int arena = mrb_gc_arena_save(mrb);
  std::string text = Generator(mrb, state).run(obj);
  mrb_gc_arena_restore(mrb, arena);
  return text;
}

std::string format_float(double value) {
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  std::string out;
  if (value < 0) {
    out += '-';
    value = -value;
  }
  // Shortest digits that read back as the same double (Grisu2, from
  // nlohmann's header), laid out the way CRuby's Float#to_s does.
  char digits[32];
  int len = 0, exponent = 0;
  nlohmann::detail::dtoa_impl::grisu2(digits, len, exponent, value);
  std::string d(digits, static_cast<std::size_t>(len));
  int point = len + exponent;  // where the decimal point goes, counted from the first digit
  if (point > 0 && point <= 16) {
    if (point >= len) {
      out += d + std::string(static_cast<std::size_t>(point - len), '0') + ".0";
    } else {
      out += d.substr(0, static_cast<std::size_t>(point)) + "." + d.substr(static_cast<std::size_t>(point));
    }
  } else if (point <= 0 && point > -4) {
    out += "0." + std::string(static_cast<std::size_t>(-point), '0') + d;
  } else {
    char e[16];
    std::snprintf(e, sizeof e, "e%+03d", point - 1);
    out += d.substr(0, 1) + "." + (len > 1 ? d.substr(1) : "0") + e;
  }
  return out;
}

}  // namespace json

void define_json(mrb_state* mrb) {
  struct RClass* json = mrb_define_module(mrb, "JSON");
  struct RClass* base = mrb_define_class_under(mrb, json, "JSONError", mrb->eStandardError_class);
  struct RClass* parser_error = mrb_define_class_under(mrb, json, "ParserError", base);
  mrb_define_class_under(mrb, json, "NestingError", parser_error);
  mrb_define_class_under(mrb, json, "GeneratorError", base);
  mrb_define_class_under(mrb, json, "State", mrb->object_class);
  mrb_define_module_function(mrb, json, "__parse", json::json_parse, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, json, "__generate", json::json_generate, MRB_ARGS_REQ(2));
  mrb_define_method(mrb, mrb->object_class, "to_json", json::json_to_json, MRB_ARGS_OPT(1));
}

}  // namespace kiln
