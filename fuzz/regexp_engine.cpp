// The Regexp engine (src/regexp*.cpp): the first byte picks the options
// (i, x, m) and a search start, the rest is PATTERN \n SUBJECT. A bad pattern
// is SyntaxError; a search ends (match, no match, or TimeoutError on its step
// budget) and its captures are well-formed offsets into the subject; the
// leftmost match is found again when searching from where it begins.
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "regexp/regexp.h"

namespace {

// Small enough that a runaway pattern costs milliseconds under ASan.
constexpr size_t kBudget = 200'000;

[[noreturn]] void fail_caps(const std::string& why) { fuzz::fail("captures: " + why); }

void check_caps(const std::vector<long>& caps, int groups, size_t start, size_t size) {
  if (caps.size() != 2 * static_cast<size_t>(groups + 1)) fail_caps("capture count");
  if (caps[0] < static_cast<long>(start) || caps[0] > caps[1] || caps[1] > static_cast<long>(size))
    fail_caps("match outside the subject");
  for (size_t g = 2; g < caps.size(); g += 2) {
    bool unset = caps[g] == -1 && caps[g + 1] == -1;
    bool inside = caps[g] >= 0 && caps[g] <= caps[g + 1] && caps[g + 1] <= static_cast<long>(size);
    if (!unset && !inside) fail_caps("group " + std::to_string(g / 2) + " outside the subject");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  int options = data[0] & 7;
  std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  auto [source, subject] = fuzz::split(in, '\n');
  size_t start = (data[0] >> 3) % (subject.size() + 1);
  try {
    kiln::regexp::Regex re(source, options);
    if (re.groups() < 0) fuzz::fail("negative group count");
    for (auto& [name, numbers] : re.names())
      for (int n : numbers)
        if (n < 1 || n > re.groups()) fuzz::fail("named group " + name + " has number " + std::to_string(n));
    std::vector<long> caps;
    bool found = re.search(subject, start, caps, false, kBudget);
    if (!found) return 0;
    check_caps(caps, re.groups(), start, subject.size());
    // \G anchors at the search start, so only there is a later search the same.
    if (source.find("\\G") != std::string_view::npos) return 0;
    std::vector<long> again;
    if (!re.search(subject, static_cast<size_t>(caps[0]), again, false, kBudget) || again != caps)
      fuzz::fail("searching from the match's start finds a different match");
  } catch (const kiln::regexp::SyntaxError&) {
  } catch (const kiln::regexp::TimeoutError&) {
  }
  return 0;
}
