// The Ruby binding of the Regexp engine: the Regexp class (a data object
// holding the compiled program), MatchData objects and the match globals
// ($~, $&, $`, $', $+, $1..$9). The Ruby-facing conveniences (Regexp#match,
// MatchData#[], String#gsub/scan/split...) are in ruby/kiln/regexp.rb on top
// of the primitives defined here.
#include "regexp/regexp_ruby.h"

#include <memory>
#include <new>
#include <string>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "regexp/regexp.h"

namespace kiln {

namespace {

using regexp::Regex;

struct RegexpData {
  std::unique_ptr<Regex> re;
  std::string source;
  int options = 0;
};

void regexp_free(mrb_state*, void* p) { delete static_cast<RegexpData*>(p); }

const mrb_data_type kRegexpType = {"Regexp", regexp_free};

RegexpData* get(mrb_state* mrb, mrb_value self) {
  auto* d = static_cast<RegexpData*>(mrb_data_get_ptr(mrb, self, &kRegexpType));
  if (!d || !d->re) mrb_raise(mrb, E_TYPE_ERROR, "uninitialized Regexp");
  return d;
}

struct RClass* regexp_error(mrb_state* mrb) { return mrb_class_get(mrb, "RegexpError"); }

std::string slashed(const std::string& source) { return "/" + source + "/"; }

// Options: an Integer, a String of "imx" letters (what literals pass), or any
// other truthy value meaning IGNORECASE (as CRuby).
int parse_options(mrb_state* mrb, mrb_value opts) {
  if (mrb_nil_p(opts) || mrb_false_p(opts)) return 0;
  if (mrb_integer_p(opts)) return static_cast<int>(mrb_integer(opts)) & 7;
  if (mrb_string_p(opts)) {
    int o = 0;
    for (char c : std::string(RSTRING_PTR(opts), static_cast<size_t>(RSTRING_LEN(opts)))) {
      if (c == 'i') o |= regexp::kIgnoreCase;
      else if (c == 'x') o |= regexp::kExtended;
      else if (c == 'm') o |= regexp::kMultiline;
      else mrb_raisef(mrb, E_ARGUMENT_ERROR, "unknown regexp option: %v", opts);
    }
    return o;
  }
  return regexp::kIgnoreCase;
}

// Regexp.new(source_or_regexp, options = nil, encoding = nil)
mrb_value regexp_init(mrb_state* mrb, mrb_value self) {
  mrb_value src, opts = mrb_nil_value(), enc = mrb_nil_value();
  mrb_get_args(mrb, "o|oo", &src, &opts, &enc);
  auto data = std::make_unique<RegexpData>();
  if (mrb_data_check_get_ptr(mrb, src, &kRegexpType)) {
    RegexpData* other = get(mrb, src);
    data->source = other->source;
    data->options = other->options;
  } else {
    src = mrb_str_to_str(mrb, src);
    data->source.assign(RSTRING_PTR(src), static_cast<size_t>(RSTRING_LEN(src)));
    data->options = parse_options(mrb, opts);
  }
  std::string error;
  try {
    data->re = std::make_unique<Regex>(data->source, data->options);
  } catch (const regexp::SyntaxError& e) {
    error = std::string(e.what()) + ": " + slashed(data->source);
  } catch (const std::bad_alloc&) {
    error = "pattern too large: " + slashed(data->source);
  }
  if (!error.empty()) mrb_raise(mrb, regexp_error(mrb), error.c_str());
  if (DATA_PTR(self)) regexp_free(mrb, DATA_PTR(self));
  mrb_data_init(self, data.release(), &kRegexpType);
  return self;
}

mrb_value regexp_source(mrb_state* mrb, mrb_value self) {
  const std::string& s = get(mrb, self)->source;
  return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size()));
}

mrb_value regexp_options(mrb_state* mrb, mrb_value self) { return mrb_fixnum_value(get(mrb, self)->options); }

// {name => [group numbers]}
mrb_value regexp_name_table(mrb_state* mrb, mrb_value self) {
  mrb_value h = mrb_hash_new(mrb);
  for (auto& [name, groups] : get(mrb, self)->re->names()) {
    mrb_value list = mrb_ary_new(mrb);
    for (int g : groups) mrb_ary_push(mrb, list, mrb_fixnum_value(g));
    mrb_hash_set(mrb, h, mrb_str_new(mrb, name.data(), static_cast<mrb_int>(name.size())), list);
  }
  return h;
}

mrb_value sub(mrb_state* mrb, mrb_value str, long b, long e) {
  if (b < 0) return mrb_nil_value();
  return mrb_str_byte_subseq(mrb, str, b, e - b);
}

void set_globals(mrb_state* mrb, mrb_value md, mrb_value str, const std::vector<long>& caps) {
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$~"), md);
  bool hit = !mrb_nil_p(md);
  mrb_int len = hit ? RSTRING_LEN(str) : 0;
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$&"), hit ? sub(mrb, str, caps[0], caps[1]) : mrb_nil_value());
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$`"), hit ? sub(mrb, str, 0, caps[0]) : mrb_nil_value());
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$'"), hit ? sub(mrb, str, caps[1], len) : mrb_nil_value());
  mrb_value last = mrb_nil_value();
  size_t groups = hit ? caps.size() / 2 - 1 : 0;
  for (size_t g = groups; g >= 1; --g) {
    if (caps[2 * g] >= 0) {
      last = sub(mrb, str, caps[2 * g], caps[2 * g + 1]);
      break;
    }
  }
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$+"), last);
  static const char* const names[] = {"$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9"};
  for (size_t g = 1; g <= 9; ++g) {
    mrb_value v = g <= groups ? sub(mrb, str, caps[2 * g], caps[2 * g + 1]) : mrb_nil_value();
    mrb_gv_set(mrb, mrb_intern_cstr(mrb, names[g - 1]), v);
  }
}

// Runs the engine; a timeout becomes Regexp::TimeoutError.
bool search(mrb_state* mrb, mrb_value self, mrb_value str, mrb_int pos, bool anchored, std::vector<long>& caps) {
  RegexpData* d = get(mrb, self);
  if (pos < 0 || pos > RSTRING_LEN(str)) return false;
  std::string error;
  bool found = false;
  try {
    found = d->re->search({RSTRING_PTR(str), static_cast<size_t>(RSTRING_LEN(str))}, static_cast<size_t>(pos), caps,
                          anchored);
  } catch (const regexp::TimeoutError& e) {
    error = std::string(e.what()) + " (limit " + std::to_string(regexp::kDefaultStepBudget) +
            " backtracking steps): " + slashed(d->source);
  } catch (const std::bad_alloc&) {
    error = "regexp match ran out of memory: " + slashed(d->source);
  }
  if (!error.empty()) {
    struct RClass* timeout = mrb_class_get_under(mrb, mrb_class_get(mrb, "Regexp"), "TimeoutError");
    mrb_raise(mrb, timeout, error.c_str());
  }
  return found;
}

// A MatchData for a successful search: @regexp, @string (a frozen copy) and
// @offsets (byte offsets, 2 per group).
mrb_value make_match(mrb_state* mrb, mrb_value self, mrb_value str, const std::vector<long>& caps, bool globals) {
  struct RClass* cls = mrb_class_get(mrb, "MatchData");
  mrb_value md = mrb_obj_value(mrb_obj_alloc(mrb, MRB_TT_OBJECT, cls));
  mrb_value frozen = mrb_obj_freeze(mrb, mrb_str_dup(mrb, str));
  mrb_value offsets = mrb_ary_new_capa(mrb, static_cast<mrb_int>(caps.size()));
  for (long c : caps) mrb_ary_push(mrb, offsets, mrb_fixnum_value(c));
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@regexp"), self);
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@string"), frozen);
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@offsets"), offsets);
  if (globals) set_globals(mrb, md, frozen, caps);
  return md;
}

// Regexp#__match(str, byte_pos, globals, anchored) -> MatchData or nil.
// globals: 0 leaves $~ alone, 1 sets it (nil on failure), 2 sets it on success only.
mrb_value regexp_match_bytes(mrb_state* mrb, mrb_value self) {
  mrb_value str;
  mrb_int pos, globals = 0;
  mrb_bool anchored = false;
  mrb_get_args(mrb, "Si|ib", &str, &pos, &globals, &anchored);
  std::vector<long> caps;
  if (!search(mrb, self, str, pos, anchored, caps)) {
    if (globals == 1) set_globals(mrb, mrb_nil_value(), str, caps);
    return mrb_nil_value();
  }
  return make_match(mrb, self, str, caps, globals != 0);
}

bool cont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

mrb_int chars_before(mrb_value str, mrb_int b) {
  const char* p = RSTRING_PTR(str);
  mrb_int chars = 0;
  for (mrb_int i = 0; i < b && i < RSTRING_LEN(str); ++i) chars += !cont(p[i]);
  return chars;
}

// The byte offset of character `c` (negative: from the end), or -1.
mrb_int char_to_byte(mrb_value str, mrb_int c) {
  const char* p = RSTRING_PTR(str);
  mrb_int n = RSTRING_LEN(str), i = 0;
  if (c < 0) {
    c += chars_before(str, n);
    if (c < 0) return -1;
  }
  while (c > 0 && i < n) {
    ++i;
    while (i < n && cont(p[i])) ++i;
    --c;
  }
  return c == 0 ? i : -1;
}

// A Symbol's name, a String itself, anything else a TypeError.
mrb_value subject(mrb_state* mrb, mrb_value v) {
  if (mrb_symbol_p(v)) return mrb_sym_str(mrb, mrb_symbol(v));
  if (!mrb_string_p(v)) mrb_raisef(mrb, E_TYPE_ERROR, "no implicit conversion of %C into String", mrb_obj_class(mrb, v));
  return v;
}

// The common part of match/=~: nil for nil or no match, $~ set either way.
mrb_value match_chars(mrb_state* mrb, mrb_value self, mrb_value str, mrb_int pos) {
  std::vector<long> caps;
  if (mrb_nil_p(str)) {
    set_globals(mrb, mrb_nil_value(), str, caps);
    return mrb_nil_value();
  }
  str = subject(mrb, str);
  mrb_int byte = char_to_byte(str, pos);
  if (byte < 0 || !search(mrb, self, str, byte, false, caps)) {
    set_globals(mrb, mrb_nil_value(), str, caps);
    return mrb_nil_value();
  }
  return make_match(mrb, self, str, caps, true);
}

// Regexp#match(str, pos = 0) { |m| ... }
mrb_value regexp_match(mrb_state* mrb, mrb_value self) {
  mrb_value str, block = mrb_nil_value();
  mrb_int pos = 0;
  mrb_get_args(mrb, "o|i&", &str, &pos, &block);
  mrb_value md = match_chars(mrb, self, str, pos);
  if (mrb_nil_p(md) || mrb_nil_p(block)) return md;
  return mrb_yield(mrb, block, md);
}

// Regexp#=~(str): the character index of the match, or nil.
mrb_value regexp_match_op(mrb_state* mrb, mrb_value self) {
  mrb_value str;
  mrb_get_args(mrb, "o", &str);
  mrb_value md = match_chars(mrb, self, str, 0);
  if (mrb_nil_p(md)) return md;
  mrb_value offsets = mrb_iv_get(mrb, md, mrb_intern_lit(mrb, "@offsets"));
  mrb_value matched = mrb_iv_get(mrb, md, mrb_intern_lit(mrb, "@string"));
  return mrb_fixnum_value(chars_before(matched, mrb_integer(RARRAY_PTR(offsets)[0])));
}

// Regexp#match?(str, pos = 0): no MatchData, no globals.
mrb_value regexp_match_p(mrb_state* mrb, mrb_value self) {
  mrb_value str;
  mrb_int pos = 0;
  mrb_get_args(mrb, "o|i", &str, &pos);
  if (mrb_nil_p(str)) return mrb_false_value();
  str = subject(mrb, str);
  mrb_int byte = char_to_byte(str, pos);
  std::vector<long> caps;
  return mrb_bool_value(byte >= 0 && search(mrb, self, str, byte, false, caps));
}

// Regexp.compile(source, options = nil, encoding = nil): mruby evaluates a
// literal /re/ as this call every time (CRuby builds it once), so compiled
// Regexps are cached by options and source.
mrb_value regexp_compile(mrb_state* mrb, mrb_value klass) {
  mrb_value src, opts = mrb_nil_value(), enc = mrb_nil_value();
  mrb_get_args(mrb, "o|oo", &src, &opts, &enc);
  mrb_value args[] = {src, opts};
  if (!mrb_string_p(src)) return mrb_obj_new(mrb, mrb_class_ptr(klass), 2, args);
  int options = parse_options(mrb, opts);
  mrb_sym ivar = mrb_intern_lit(mrb, "@__cache");
  mrb_value cache = mrb_iv_get(mrb, klass, ivar);
  if (!mrb_hash_p(cache) || mrb_hash_size(mrb, cache) >= 500) {
    cache = mrb_hash_new(mrb);
    mrb_iv_set(mrb, klass, ivar, cache);
  }
  mrb_value key = mrb_str_new(mrb, nullptr, 0);
  char tag = static_cast<char>('0' + options);
  mrb_str_cat(mrb, key, &tag, 1);
  mrb_str_cat_str(mrb, key, src);
  mrb_value re = mrb_hash_get(mrb, cache, key);
  if (!mrb_nil_p(re)) return re;
  args[1] = mrb_fixnum_value(options);
  re = mrb_obj_new(mrb, mrb_class_ptr(klass), 2, args);
  mrb_hash_set(mrb, cache, key, re);
  return re;
}

// Regexp.__set_last_match(match_data_or_nil): sets $~ and the derived globals.
mrb_value regexp_set_last_match(mrb_state* mrb, mrb_value) {
  mrb_value md;
  mrb_get_args(mrb, "o", &md);
  std::vector<long> caps;
  mrb_value str = mrb_nil_value();
  if (!mrb_nil_p(md)) {
    str = mrb_iv_get(mrb, md, mrb_intern_lit(mrb, "@string"));
    mrb_value offsets = mrb_iv_get(mrb, md, mrb_intern_lit(mrb, "@offsets"));
    if (!mrb_string_p(str) || !mrb_array_p(offsets)) mrb_raise(mrb, E_TYPE_ERROR, "not a MatchData");
    for (mrb_int i = 0; i < RARRAY_LEN(offsets); ++i) caps.push_back(static_cast<long>(mrb_integer(RARRAY_PTR(offsets)[i])));
  }
  set_globals(mrb, md, str, caps);
  return md;
}

mrb_value regexp_escape(mrb_state* mrb, mrb_value) {
  mrb_value src;
  mrb_get_args(mrb, "o", &src);
  if (mrb_symbol_p(src)) src = mrb_sym_str(mrb, mrb_symbol(src));
  src = mrb_str_to_str(mrb, src);
  std::string out;
  const char* p = RSTRING_PTR(src);
  for (mrb_int i = 0; i < RSTRING_LEN(src); ++i) {
    char c = p[i];
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      case ' ': out += "\\ "; break;
      case '.': case '*': case '?': case '+': case '^': case '$': case '|': case '(': case ')': case '[': case ']':
      case '{': case '}': case '\\': case '/': case '-': case '#':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return mrb_str_new(mrb, out.data(), static_cast<mrb_int>(out.size()));
}

// Character <-> byte offsets for ruby/kiln/regexp.rb.
mrb_value str_byte_to_char(mrb_state* mrb, mrb_value self) {
  mrb_int b;
  mrb_get_args(mrb, "i", &b);
  return mrb_fixnum_value(chars_before(self, b));
}

// Byte offset of character `c` (negative: from the end), or nil past the end.
mrb_value str_char_to_byte(mrb_state* mrb, mrb_value self) {
  mrb_int c;
  mrb_get_args(mrb, "i", &c);
  mrb_int b = char_to_byte(self, c);
  return b < 0 ? mrb_nil_value() : mrb_fixnum_value(b);
}

// The byte offset just past the character at byte `b`.
mrb_value str_next_char_byte(mrb_state* mrb, mrb_value self) {
  mrb_int b;
  mrb_get_args(mrb, "i", &b);
  const char* p = RSTRING_PTR(self);
  mrb_int n = RSTRING_LEN(self);
  if (b >= n) return mrb_fixnum_value(b + 1);
  ++b;
  while (b < n && cont(p[b])) ++b;
  return mrb_fixnum_value(b);
}

}  // namespace

void define_regexp(mrb_state* mrb) {
  struct RClass* error = mrb_define_class(mrb, "RegexpError", mrb->eStandardError_class);
  struct RClass* re = mrb_define_class(mrb, "Regexp", mrb->object_class);
  MRB_SET_INSTANCE_TT(re, MRB_TT_DATA);
  mrb_define_class_under(mrb, re, "TimeoutError", error);
  mrb_define_const(mrb, re, "IGNORECASE", mrb_fixnum_value(regexp::kIgnoreCase));
  mrb_define_const(mrb, re, "EXTENDED", mrb_fixnum_value(regexp::kExtended));
  mrb_define_const(mrb, re, "MULTILINE", mrb_fixnum_value(regexp::kMultiline));
  mrb_define_method(mrb, re, "initialize", regexp_init, MRB_ARGS_ARG(1, 2));
  mrb_define_method(mrb, re, "source", regexp_source, MRB_ARGS_NONE());
  mrb_define_method(mrb, re, "options", regexp_options, MRB_ARGS_NONE());
  mrb_define_method(mrb, re, "__name_table", regexp_name_table, MRB_ARGS_NONE());
  mrb_define_method(mrb, re, "__match", regexp_match_bytes, MRB_ARGS_ARG(2, 2));
  mrb_define_method(mrb, re, "match", regexp_match, MRB_ARGS_ARG(1, 1) | MRB_ARGS_BLOCK());
  mrb_define_method(mrb, re, "match?", regexp_match_p, MRB_ARGS_ARG(1, 1));
  mrb_define_method(mrb, re, "=~", regexp_match_op, MRB_ARGS_REQ(1));
  mrb_define_class_method(mrb, re, "compile", regexp_compile, MRB_ARGS_ARG(1, 2));
  mrb_define_class_method(mrb, re, "escape", regexp_escape, MRB_ARGS_REQ(1));
  mrb_define_class_method(mrb, re, "__set_last_match", regexp_set_last_match, MRB_ARGS_REQ(1));
  struct RClass* md = mrb_define_class(mrb, "MatchData", mrb->object_class);
  mrb_undef_class_method(mrb, md, "new");
  mrb_define_method(mrb, mrb->string_class, "__byte_to_char", str_byte_to_char, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__char_to_byte", str_char_to_byte, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__next_char_byte", str_next_char_byte, MRB_ARGS_REQ(1));
}

}  // namespace kiln
