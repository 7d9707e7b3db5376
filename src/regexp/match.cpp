// The Regexp matcher: a backtracking VM over the compiled program with an
// explicit stack (no recursion, so no C stack overflow) and a step budget.
// See regexp.h for the contract and README.md ("Regexp") for the syntax.
#include <algorithm>
#include <cstring>

#include "regexp/program.h"

namespace kiln::regexp {

namespace {

enum FrameKind : uint8_t { kBranch, kRestoreCap, kRestoreReg, kAtomicMark, kLookMark };

struct Frame {
  FrameKind kind;
  int32_t a, b;  // branch: pc, pos; restore: slot, old value; look mark: pc of kLookBegin, pos
};

struct Vm {
  const Program& p;
  const uint8_t* s;
  long n;
  long start;
  std::vector<long>& caps;
  std::vector<long> regs;
  std::vector<Frame> stack;
  size_t steps = 0, budget;

  Vm(const Program& prog, std::string_view subject, std::vector<long>& c, size_t bud)
      : p(prog), s(reinterpret_cast<const uint8_t*>(subject.data())), n(static_cast<long>(subject.size())), start(0),
        caps(c), budget(bud) {}

  // \b and \B see Unicode word characters (as Onigmo), unlike \w.
  bool word_before(long pos) const {
    if (pos <= 0) return false;
    size_t len;
    return builtin(kPWord, decode(s, static_cast<size_t>(n), static_cast<size_t>(back_chars(pos, 1)), &len));
  }
  bool word_after(long pos) const {
    if (pos >= n) return false;
    size_t len;
    return builtin(kPWord, decode(s, static_cast<size_t>(n), static_cast<size_t>(pos), &len));
  }

  bool check(int kind, long pos) const {
    switch (kind) {
      case kBol: return pos == 0 || s[pos - 1] == '\n';
      case kEol: return pos == n || s[pos] == '\n';
      case kBos: return pos == 0;
      case kEos: return pos == n;
      case kEosNl: return pos == n || (pos == n - 1 && s[pos] == '\n');
      case kWordB: return word_before(pos) != word_after(pos);
      case kNotWordB: return word_before(pos) == word_after(pos);
      case kSearchStart: return pos == start;
    }
    return false;
  }

  void push(FrameKind k, long a, long b) {
    if (stack.size() >= kMaxStack) throw TimeoutError("regexp match needs too much backtracking memory");
    stack.push_back(Frame{k, static_cast<int32_t>(a), static_cast<int32_t>(b)});
  }

  // Drops the alternatives above the innermost mark, keeping the restores so
  // an outer failure still undoes captures made inside.
  Frame cut() {
    size_t m = stack.size();
    while (m > 0 && stack[m - 1].kind != kAtomicMark && stack[m - 1].kind != kLookMark) --m;
    Frame mark = stack[m - 1];
    size_t w = m - 1;
    for (size_t r = m; r < stack.size(); ++r) {
      if (stack[r].kind != kBranch) stack[w++] = stack[r];
    }
    stack.resize(w);
    return mark;
  }

  // Undoes everything above the innermost mark and removes it.
  Frame unwind() {
    while (stack.back().kind != kAtomicMark && stack.back().kind != kLookMark) {
      undo(stack.back());
      stack.pop_back();
    }
    Frame mark = stack.back();
    stack.pop_back();
    return mark;
  }

  void undo(const Frame& f) {
    if (f.kind == kRestoreCap) caps[f.a] = f.b;
    else if (f.kind == kRestoreReg) regs[f.a] = f.b;
  }

  long back_chars(long pos, int count) const {
    while (count-- > 0) {
      if (pos <= 0) return -1;
      --pos;
      long lead = pos;
      while (lead > 0 && pos - lead < 3 && is_cont(s[lead])) --lead;
      size_t len;
      decode(s, static_cast<size_t>(n), static_cast<size_t>(lead), &len);
      if (lead + static_cast<long>(len) == pos + 1) pos = lead;
    }
    return pos;
  }

  bool run(long at) {
    std::fill(caps.begin(), caps.end(), -1);
    std::fill(regs.begin(), regs.end(), -1);
    stack.clear();
    long pos = at;
    size_t pc = 0;
    const Inst* code = p.code.data();
    for (;;) {
      if (++steps > budget) throw TimeoutError("regexp match timed out");
      const Inst& in = code[pc];
      switch (in.op) {
        case kByte:
          if (pos < n && s[pos] == in.x) {
            ++pos, ++pc;
            continue;
          }
          goto fail;
        case kByteI:
          if (pos < n && fold(s[pos]) == static_cast<uint32_t>(in.x)) {
            ++pos, ++pc;
            continue;
          }
          goto fail;
        case kAny:
        case kAnyNl: {
          if (pos >= n || (in.op == kAny && s[pos] == '\n')) goto fail;
          size_t len;
          decode(s, static_cast<size_t>(n), static_cast<size_t>(pos), &len);
          pos += static_cast<long>(len), ++pc;
          continue;
        }
        case kClass: {
          if (pos >= n) goto fail;
          size_t len = 1;
          uint32_t c = s[pos] < 0x80 ? s[pos] : decode(s, static_cast<size_t>(n), static_cast<size_t>(pos), &len);
          if (!class_matches(p, p.classes[static_cast<size_t>(in.x)], c)) goto fail;
          pos += static_cast<long>(len), ++pc;
          continue;
        }
        case kSplit:
          push(kBranch, in.y, pos);
          pc = static_cast<size_t>(in.x);
          continue;
        case kJmp: pc = static_cast<size_t>(in.x); continue;
        case kSave:
          push(kRestoreCap, in.x, caps[static_cast<size_t>(in.x)]);
          caps[static_cast<size_t>(in.x)] = pos;
          ++pc;
          continue;
        case kAssert:
          if (!check(in.x, pos)) goto fail;
          ++pc;
          continue;
        case kBackref: {
          long b = -1, e = -1;
          for (int g : p.backrefs[static_cast<size_t>(in.x)]) {
            if (caps[2 * static_cast<size_t>(g) + 1] >= 0) {
              b = caps[2 * static_cast<size_t>(g)];
              e = caps[2 * static_cast<size_t>(g) + 1];
            }
          }
          if (b < 0 || pos + (e - b) > n) goto fail;
          for (long k = 0; k < e - b; ++k) {
            uint8_t x = s[b + k], y = s[pos + k];
            if (x != y && !(in.y && fold(x) == fold(y))) goto fail;
          }
          pos += e - b, ++pc;
          continue;
        }
        case kAtomicBegin:
          push(kAtomicMark, 0, 0);
          ++pc;
          continue;
        case kAtomicEnd:
          cut();
          ++pc;
          continue;
        case kLookBegin: {
          long from = pos;
          if (in.x & 2) {
            from = back_chars(pos, in.z);
            if (from < 0) {
              if (in.x & 1) {  // nothing before: a negative look-behind holds
                pc = static_cast<size_t>(in.y);
                continue;
              }
              goto fail;
            }
          }
          push(kLookMark, static_cast<long>(pc), pos);
          pos = from;
          ++pc;
          continue;
        }
        case kLookEnd: {
          // The innermost mark is this look-around's (inner groups have closed).
          size_t m = stack.size();
          while (stack[m - 1].kind != kLookMark && stack[m - 1].kind != kAtomicMark) --m;
          Frame mark = stack[m - 1];
          if (code[mark.a].x & 1) {  // negative: the body matched, so fail
            unwind();
            goto fail;
          }
          if ((code[mark.a].x & 2) && pos != mark.b) goto fail;
          cut();
          pos = mark.b;
          ++pc;
          continue;
        }
        case kNullBegin:
          push(kRestoreReg, in.x, regs[static_cast<size_t>(in.x)]);
          regs[static_cast<size_t>(in.x)] = pos;
          ++pc;
          continue;
        case kNullEnd:
          // An iteration that consumed nothing ends the loop (no infinite loop).
          pc = regs[static_cast<size_t>(in.x)] == pos ? static_cast<size_t>(in.y) : pc + 1;
          continue;
        case kMatch: return true;
      }
    fail:
      for (;;) {
        if (stack.empty()) return false;
        Frame f = stack.back();
        stack.pop_back();
        if (f.kind == kBranch) {
          pc = static_cast<size_t>(f.a);
          pos = f.b;
          break;
        }
        if (f.kind == kLookMark && (code[f.a].x & 1)) {  // negative body failed: it holds
          pc = static_cast<size_t>(code[f.a].y);
          pos = f.b;
          break;
        }
        undo(f);
      }
    }
  }
};

}  // namespace

Regex::Regex(std::string_view pattern, int options) : p_(new Program) { compile(pattern, options, *p_); }

Regex::~Regex() = default;

int Regex::groups() const { return p_->groups; }

const std::vector<std::pair<std::string, std::vector<int>>>& Regex::names() const { return p_->names; }

bool Regex::search(std::string_view subject, size_t start, std::vector<long>& caps, bool anchored,
                   size_t budget) const {
  if (subject.size() > 0x7FFFFFF0) throw TimeoutError("subject too long for regexp matching");
  caps.assign(2 * static_cast<size_t>(p_->groups + 1), -1);
  if (start > subject.size()) return false;
  Vm vm(*p_, subject, caps, budget);
  vm.regs.assign(static_cast<size_t>(p_->registers), -1);
  vm.start = static_cast<long>(start);
  long n = static_cast<long>(subject.size());
  const auto* s = reinterpret_cast<const uint8_t*>(subject.data());
  for (long at = static_cast<long>(start); at <= n;) {
    if (p_->first_byte >= 0 && !anchored) {
      const void* hit = at < n ? std::memchr(s + at, p_->first_byte, static_cast<size_t>(n - at)) : nullptr;
      if (!hit) return false;
      at = static_cast<const uint8_t*>(hit) - s;
    }
    if (vm.run(at)) return true;
    if (anchored || p_->anchored_bos || at >= n) return false;
    ++at;
    while (at < n && is_cont(s[at])) ++at;
  }
  return false;
}

}  // namespace kiln::regexp
