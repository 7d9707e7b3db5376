// Internals of the Regexp engine shared by its parts: characters and
// classes (regexp_chars.cpp), the compiler (regexp_compile.cpp) and the
// matcher (regexp.cpp). Not part of the API: include regexp.h instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "regexp/regexp.h"

namespace kiln::regexp {

constexpr int kMaxDepth = 250;           // group nesting while parsing
constexpr int kMaxRepeat = 100000;       // {n,m} bounds, as Onigmo
constexpr size_t kMaxProgram = 1 << 18;  // instructions after expanding {n,m}
constexpr size_t kMaxStack = 2 << 20;    // backtrack frames (12 bytes each)

// ---- characters (regexp_chars.cpp) ----

inline bool is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }
inline uint32_t fold(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
inline bool ascii_word(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Decodes one UTF-8 character; an invalid byte is a character of its own.
uint32_t decode(const uint8_t* s, size_t n, size_t pos, size_t* len);
void encode(uint32_t cp, std::string& out);
uint32_t swap_case(uint32_t c);

// Built-in classes: \d \w \s \h are ASCII (as in Ruby), POSIX brackets and
// \p{...} are Unicode (approximated, see uni_alpha).
enum Builtin {
  kDigit, kWord, kSpace, kHex,
  kAlpha, kAlnum, kUpper, kLower, kPunct, kCntrl, kGraph, kPrint, kBlank, kPSpace, kPWord, kAscii, kPDigit,
  kBuiltinCount
};
bool builtin(int b, uint32_t c);
int builtin_named(std::string name);  // -1 when unknown

struct CharClass {
  bool negate = false;
  bool icase = false;
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  std::vector<int> builtins, not_builtins;
  std::vector<int> unions;      // nested [...] classes
  std::vector<int> intersects;  // right-hand sides of &&
  bool ascii[128] = {};         // precomputed answer for ASCII
};

// ---- the program (compiled by regexp_compile.cpp, run by regexp.cpp) ----

enum Assertion { kBol, kEol, kBos, kEos, kEosNl, kWordB, kNotWordB, kSearchStart };

enum Op : uint8_t {
  kByte, kByteI, kAny, kAnyNl, kClass, kSplit, kJmp, kSave, kAssert, kBackref, kAtomicBegin, kAtomicEnd,
  kLookBegin, kLookEnd, kNullBegin, kNullEnd, kMatch
};

struct Inst {
  Op op;
  int32_t x = 0, y = 0, z = 0;
};

struct Program {
  std::vector<Inst> code;
  std::vector<CharClass> classes;
  std::vector<std::vector<int>> backrefs;
  std::vector<std::pair<std::string, std::vector<int>>> names;
  int groups = 0;
  int registers = 0;
  int first_byte = -1;       // every match starts with this byte (search skips ahead)
  bool anchored_bos = false;  // starts with \A: only position 0 can match
};

// Registers a class and precomputes its answers for ASCII.
int add_class(Program& p, CharClass k);
bool class_matches_slow(const Program& p, const CharClass& k, uint32_t c);
inline bool class_matches(const Program& p, const CharClass& k, uint32_t c) {
  return c < 128 ? k.ascii[c] : class_matches_slow(p, k, c);
}

// Parses and compiles `pattern` into `p`; throws SyntaxError.
void compile(std::string_view pattern, int options, Program& p);

}  // namespace kiln::regexp
