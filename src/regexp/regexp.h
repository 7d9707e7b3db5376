// A Ruby-syntax (Onigmo subset) regular expression engine: a compiler to a
// small instruction set and a backtracking matcher with an explicit stack, so
// neither deep patterns nor long subjects can overflow the C stack, and a
// step budget so a runaway pattern fails with TimeoutError instead of hanging.
// Works on UTF-8 bytes: `.` and classes consume whole characters. No mruby
// dependency (src/regexp/regexp_ruby.cpp is the Ruby binding).
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiln::regexp {

enum Option : int { kIgnoreCase = 1, kExtended = 2, kMultiline = 4 };

// An invalid pattern; what() is the reason, without the pattern.
struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A match gave up: it exceeded its step budget or its backtracking memory.
struct TimeoutError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr size_t kDefaultStepBudget = 10'000'000;

struct Program;

class Regex {
 public:
  Regex(std::string_view pattern, int options);  // throws SyntaxError
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  int groups() const;  // capture groups, group 0 not counted
  // Named groups in order of appearance, each with its group numbers.
  const std::vector<std::pair<std::string, std::vector<int>>>& names() const;

  // The leftmost match starting at byte `start` or later (only at `start`
  // when anchored). On success `caps` holds 2 * (groups() + 1) byte offsets,
  // begin and end per group, -1 for a group that did not participate.
  bool search(std::string_view subject, size_t start, std::vector<long>& caps, bool anchored = false,
              size_t budget = kDefaultStepBudget) const;

 private:
  std::unique_ptr<Program> p_;
};

}  // namespace kiln::regexp
