// The Regexp compiler: pattern text -> syntax tree (Parser) -> instructions
// (Compiler). Repeats {n,m} are expanded; loops that can match empty get a
// guard so they cannot spin; look-behinds must have a fixed length.
#include <cctype>
#include <cstring>
#include <string>
#include <utility>

#include "regexp/program.h"

namespace kiln::regexp {

namespace {

struct Node {
  enum Kind : uint8_t { Empty, Lit, Any, Cls, Cat, Alt, Group, Repeat, Assert, Backref, Look, Atomic } kind = Empty;
  std::string lit;
  bool icase = false, dotall = false;
  int cls = -1, group = -1;
  int min = 0, max = -1;  // Repeat; max -1 is unbounded
  bool greedy = true, possessive = false;
  int assertion = 0;
  std::vector<int> refs;  // Backref: candidate group numbers
  bool behind = false, negate = false;
  std::vector<int> kids;
};

// ---- parser -------------------------------------------------------------------

class Parser {
 public:
  Parser(std::string_view src, int options, Program& prog) : s_(src), prog_(prog) {
    icase_ = options & kIgnoreCase;
    extended_ = options & kExtended;
    dotall_ = options & kMultiline;
    named_ = has_named_groups();
  }

  std::vector<Node> nodes;

  int parse() {
    int root = parse_alt(0);
    if (i_ < s_.size()) fail("unmatched close parenthesis");
    for (auto& refs : pending_refs_) {
      for (int g : refs) if (g > prog_.groups) fail("invalid backref number/name");
    }
    return root;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  Program& prog_;
  bool icase_, extended_, dotall_, named_;
  std::vector<std::vector<int>> pending_refs_;

  [[noreturn]] void fail(const char* why) { throw SyntaxError(why); }
  bool eof() const { return i_ >= s_.size(); }
  char peek(size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  bool at(const char* lit) const { return s_.substr(i_, std::strlen(lit)) == lit; }

  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size() - 1);
  }

  // When a pattern names a group, plain (...) does not capture (Onigmo).
  bool has_named_groups() const {
    for (size_t i = 0; i + 3 < s_.size(); ++i) {
      if (s_[i] == '\\') {
        ++i;
        continue;
      }
      if (s_[i] == '(' && s_[i + 1] == '?' &&
          ((s_[i + 2] == '<' && s_[i + 3] != '=' && s_[i + 3] != '!') || s_[i + 2] == '\''))
        return true;
    }
    return false;
  }

  void skip_extended() {
    while (extended_ && !eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '#') {
        while (!eof() && peek() != '\n') ++i_;
      } else {
        break;
      }
    }
  }

  int parse_alt(int depth) {
    if (depth > kMaxDepth) fail("too deep nesting");
    std::vector<int> alts{parse_seq(depth)};
    while (peek() == '|' && !eof()) {
      ++i_;
      alts.push_back(parse_seq(depth));
    }
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::Alt;
    n.kids = std::move(alts);
    return add(std::move(n));
  }

  int parse_seq(int depth) {
    Node cat;
    cat.kind = Node::Cat;
    for (;;) {
      skip_extended();
      if (eof() || peek() == '|' || peek() == ')') break;
      // (?imx-imx) changes the options up to the end of the enclosing group,
      // alternatives included: the rest is parsed as its own alternation.
      if (at("(?")) {
        size_t save = i_;
        i_ += 2;
        bool ic = icase_, ex = extended_, da = dotall_;
        if (parse_option_letters() && peek() == ')') {
          ++i_;
          cat.kids.push_back(parse_alt(depth + 1));
          icase_ = ic, extended_ = ex, dotall_ = da;
          break;
        }
        icase_ = ic, extended_ = ex, dotall_ = da;
        i_ = save;
      }
      int atom = parse_quantified(depth);
      cat.kids.push_back(atom);
    }
    if (cat.kids.size() == 1) return cat.kids[0];
    return add(std::move(cat));
  }

  // Reads [imx]*(-[imx]*)? and applies it; false when that is not what follows.
  bool parse_option_letters() {
    size_t start = i_;
    bool on = true;
    while (!eof()) {
      char c = peek();
      if (c == 'i') icase_ = on;
      else if (c == 'm') dotall_ = on;
      else if (c == 'x') extended_ = on;
      else if (c == '-' && on) on = false;
      else break;
      ++i_;
    }
    return i_ > start && (peek() == ')' || peek() == ':');
  }

  bool parse_int(int* out) {
    size_t start = i_;
    long v = 0;
    while (!eof() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (peek() - '0');
      if (v > kMaxRepeat) fail("too big number for repeat range");
      ++i_;
    }
    *out = static_cast<int>(v);
    return i_ > start;
  }

  // {n} {n,} {,m} {n,m}; anything else leaves i_ alone and is literal text.
  bool parse_interval(int* min, int* max) {
    size_t save = i_;
    ++i_;
    bool has_min = parse_int(min);
    if (!has_min) *min = 0;
    if (peek() == '}') {
      if (!has_min) return i_ = save, false;
      ++i_;
      *max = *min;
      return true;
    }
    if (peek() != ',') return i_ = save, false;
    ++i_;
    bool has_max = parse_int(max);
    if (peek() != '}' || (!has_min && !has_max)) return i_ = save, false;
    ++i_;
    if (!has_max) *max = -1;
    if (*max != -1 && *max < *min) fail("upper bound must be greater than lower bound");
    return true;
  }

  int parse_quantified(int depth) {
    int atom = parse_atom(depth);
    // Each stacked quantifier (a**?...) nests the tree one level deeper.
    for (int stacked = depth;; ++stacked) {
      if (stacked > kMaxDepth) fail("too deep nesting");
      skip_extended();
      char c = peek();
      int min, max;
      bool interval = false;
      if (eof()) break;
      if (c == '*') min = 0, max = -1, ++i_;
      else if (c == '+') min = 1, max = -1, ++i_;
      else if (c == '?') min = 0, max = 1, ++i_;
      else if (c == '{' && parse_interval(&min, &max)) interval = true;
      else break;
      Node r;
      r.kind = Node::Repeat;
      r.min = min;
      r.max = max;
      if (peek() == '?') {
        r.greedy = false;
        ++i_;
      } else if (peek() == '+' && !interval) {  // {n,m}+ is a repeat of a repeat in Ruby
        r.possessive = true;
        ++i_;
      }
      r.kids = {atom};
      atom = add(std::move(r));
    }
    return atom;
  }

  int lit(const std::string& bytes) {
    Node n;
    n.kind = Node::Lit;
    n.lit = bytes;
    n.icase = icase_;
    return add(std::move(n));
  }

  int utf8_char_lit() {
    size_t len;
    decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
    std::string bytes(s_.substr(i_, len));
    i_ += len;
    return lit(bytes);
  }

  int class_of(int b, bool negated) {
    CharClass k;
    (negated ? k.not_builtins : k.builtins).push_back(b);
    return finish_class(std::move(k));
  }

  int cls_node(int cls) {
    Node n;
    n.kind = Node::Cls;
    n.cls = cls;
    return add(std::move(n));
  }

  int assertion(int kind) {
    Node n;
    n.kind = Node::Assert;
    n.assertion = kind;
    return add(std::move(n));
  }

  int parse_atom(int depth) {
    char c = peek();
    switch (c) {
      case '(': return parse_group(depth);
      case '[': {
        ++i_;
        return cls_node(parse_class(depth));
      }
      case '.': {
        ++i_;
        Node n;
        n.kind = Node::Any;
        n.dotall = dotall_;
        return add(std::move(n));
      }
      case '^': ++i_; return assertion(kBol);
      case '$': ++i_; return assertion(kEol);
      case '*': case '+': case '?': fail("target of repeat operator is not specified");
      case '\\': return parse_escape();
      default: return utf8_char_lit();
    }
  }

  std::string read_name(char close) {
    size_t start = i_;
    while (!eof() && peek() != close) ++i_;
    if (eof() || i_ == start) fail("invalid group name");
    std::string name(s_.substr(start, i_ - start));
    ++i_;
    return name;
  }

  int group_body(int depth, Node n) {
    bool ic = icase_, ex = extended_, da = dotall_;
    int body = parse_alt(depth + 1);
    icase_ = ic, extended_ = ex, dotall_ = da;
    if (peek() != ')' || eof()) fail("end pattern with unmatched parenthesis");
    ++i_;
    n.kids = {body};
    return add(std::move(n));
  }

  int parse_group(int depth) {
    ++i_;  // (
    Node n;
    n.kind = Node::Group;
    if (peek() != '?') {
      if (!named_) n.group = ++prog_.groups;
      return group_body(depth, std::move(n));
    }
    ++i_;
    char c = peek();
    if (c == ':') {
      ++i_;
      return group_body(depth, std::move(n));
    }
    if (c == '#') {
      while (!eof() && peek() != ')') ++i_;
      if (eof()) fail("end pattern in group");
      ++i_;
      Node e;
      return add(e);
    }
    if (c == '>') {
      ++i_;
      n.kind = Node::Atomic;
      return group_body(depth, std::move(n));
    }
    if (c == '=' || c == '!' || (c == '<' && (peek(1) == '=' || peek(1) == '!'))) {
      n.kind = Node::Look;
      n.behind = c == '<';
      if (n.behind) ++i_;
      n.negate = peek() == '!';
      ++i_;
      int look = group_body(depth, std::move(n));
      return n.behind ? fix_lookbehind(look) : look;
    }
    if (c == '<' || c == '\'') {
      ++i_;
      std::string name = read_name(c == '<' ? '>' : '\'');
      n.group = ++prog_.groups;
      bool found = false;
      for (auto& [nm, gs] : prog_.names) {
        if (nm == name) {
          gs.push_back(n.group);
          found = true;
        }
      }
      if (!found) prog_.names.push_back({name, {n.group}});
      return group_body(depth, std::move(n));
    }
    // (?imx-imx:subexp)
    bool ic = icase_, ex = extended_, da = dotall_;
    if (parse_option_letters() && peek() == ':') {
      ++i_;
      int g = group_body(depth, std::move(n));
      icase_ = ic, extended_ = ex, dotall_ = da;
      return g;
    }
    fail("undefined group option");
  }

  // ---- escapes ----

  uint32_t hex_digits(size_t max_digits, size_t min_digits) {
    uint32_t v = 0;
    size_t k = 0;
    while (k < max_digits && !eof() && std::isxdigit(static_cast<unsigned char>(peek()))) {
      char h = peek();
      v = v * 16 + (h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
      ++i_, ++k;
    }
    if (k < min_digits) fail("invalid Unicode escape");
    return v;
  }

  // Escapes that stand for one code point or byte; false when `c` is not one.
  // `raw` is set for \xHH (a byte, not a code point).
  bool char_escape(char c, uint32_t* cp, bool* raw) {
    *raw = false;
    switch (c) {
      case 't': *cp = '\t'; return true;
      case 'n': *cp = '\n'; return true;
      case 'r': *cp = '\r'; return true;
      case 'f': *cp = '\f'; return true;
      case 'v': *cp = '\v'; return true;
      case 'a': *cp = 7; return true;
      case 'e': *cp = 27; return true;
      case 'x': {
        if (peek() == '{') {
          ++i_;
          *cp = hex_digits(8, 1);
          if (peek() != '}') fail("invalid code point value");
          ++i_;
          return true;
        }
        if (eof() || !std::isxdigit(static_cast<unsigned char>(peek()))) fail("invalid hex escape");
        *cp = hex_digits(2, 1);
        *raw = *cp >= 0x80;
        return true;
      }
      case 'u': {
        if (peek() == '{') {
          ++i_;
          *cp = hex_digits(6, 1);
          if (peek() != '}') fail("invalid Unicode list");
          ++i_;
        } else {
          *cp = hex_digits(4, 4);
        }
        if (*cp > 0x10FFFF) fail("invalid Unicode range");
        return true;
      }
      case '0': {
        uint32_t v = 0;
        for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k, ++i_) v = v * 8 + (peek() - '0');
        *cp = v;
        return true;
      }
      case 'c': {
        if (eof()) fail("end pattern at control");
        *cp = static_cast<uint8_t>(peek()) & 0x1F;
        ++i_;
        return true;
      }
      default: return false;
    }
  }

  int class_escape_builtin(char c, bool* negated) {
    *negated = c >= 'A' && c <= 'Z';
    switch (c | 32) {
      case 'd': return kDigit;
      case 'w': return kWord;
      case 's': return kSpace;
      case 'h': return kHex;
      default: return -1;
    }
  }

  // \p{Name} \p{^Name} \P{Name}
  int property(char c, bool* negated) {
    *negated = c == 'P';
    if (peek() != '{') fail("invalid character property name {");
    ++i_;
    if (peek() == '^') {
      *negated = !*negated;
      ++i_;
    }
    std::string name = read_name('}');
    int b = builtin_named(name);
    if (b < 0) fail("invalid character property name");
    return b;
  }

  int backref(std::vector<int> refs) {
    Node n;
    n.kind = Node::Backref;
    n.refs = refs;
    n.icase = icase_;
    pending_refs_.push_back(std::move(refs));
    return add(std::move(n));
  }

  int parse_escape() {
    ++i_;
    if (eof()) fail("too short escape sequence");
    char c = peek();
    ++i_;
    switch (c) {
      case 'A': return assertion(kBos);
      case 'z': return assertion(kEos);
      case 'Z': return assertion(kEosNl);
      case 'b': return assertion(kWordB);
      case 'B': return assertion(kNotWordB);
      case 'G': return assertion(kSearchStart);
      case 'p': case 'P': {
        bool neg;
        int b = property(c, &neg);
        return cls_node(class_of(b, neg));
      }
      case 'k': {
        char open = peek();
        if (open != '<' && open != '\'') fail("invalid backref number/name");
        ++i_;
        std::string name = read_name(open == '<' ? '>' : '\'');
        if (std::isdigit(static_cast<unsigned char>(name[0]))) {
          int g = 0;
          for (char d : name) {
            if (!std::isdigit(static_cast<unsigned char>(d))) fail("invalid backref number/name");
            g = g * 10 + (d - '0');
            if (g > kMaxRepeat) fail("invalid backref number/name");
          }
          return backref({g});
        }
        for (auto& [nm, gs] : prog_.names) if (nm == name) return backref(gs);
        fail("undefined name reference");
      }
      default: break;
    }
    if (c >= '1' && c <= '9') {
      int g = c - '0';
      while (!eof() && std::isdigit(static_cast<unsigned char>(peek())) && g * 10 + (peek() - '0') <= prog_.groups) {
        g = g * 10 + (peek() - '0');
        ++i_;
      }
      return backref({g});
    }
    bool neg;
    int b = class_escape_builtin(c, &neg);
    if (b >= 0) return cls_node(class_of(b, neg));
    uint32_t cp;
    bool raw;
    if (char_escape(c, &cp, &raw)) {
      std::string bytes;
      if (raw) bytes += static_cast<char>(cp); else encode(cp, bytes);
      return lit(bytes);
    }
    --i_;  // any other escaped character is itself (\. \/ \\ \( ...)
    return utf8_char_lit();
  }

  // ---- character classes ----

  int finish_class(CharClass k) {
    k.icase = icase_;
    return add_class(prog_, std::move(k));
  }

  // One class member: a code point (returns true) or a built-in class.
  bool class_atom(uint32_t* cp, int* b, bool* neg) {
    if (peek() != '\\') {
      size_t len;
      *cp = decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
      i_ += len;
      return true;
    }
    ++i_;
    if (eof()) fail("premature end of char-class");
    char c = peek();
    ++i_;
    if (c == 'p' || c == 'P') {
      *b = property(c, neg);
      return false;
    }
    *b = class_escape_builtin(c, neg);
    if (*b >= 0) return false;
    bool raw;
    if (char_escape(c, cp, &raw)) return true;
    if (c == 'b') return *cp = '\b', true;
    --i_;
    size_t len;
    *cp = decode(reinterpret_cast<const uint8_t*>(s_.data()), s_.size(), i_, &len);
    i_ += len;
    return true;
  }

  // After '['; consumes through the closing ']'.
  int parse_class(int depth) {
    if (depth > kMaxDepth) fail("too deep nesting");
    CharClass k;
    if (peek() == '^') {
      k.negate = true;
      ++i_;
    }
    bool first = true;
    for (;;) {
      if (eof()) fail("premature end of char-class");
      char c = peek();
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[' && peek(1) == ':') {
        size_t close = s_.find(":]", i_ + 2);
        if (close != std::string_view::npos) {
          std::string name(s_.substr(i_ + 2, close - i_ - 2));
          bool neg = !name.empty() && name[0] == '^';
          if (neg) name.erase(0, 1);
          int b = builtin_named(name);
          bool plain = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
          if (plain) {
            if (b < 0 || name == "l" || name == "n" || name == "p" || name == "nd" || name == "letter")
              fail("invalid POSIX bracket type");
            (neg ? k.not_builtins : k.builtins).push_back(b);
            i_ = close + 2;
            continue;
          }
        }
      }
      if (c == '[') {
        ++i_;
        k.unions.push_back(parse_class(depth + 1));
        continue;
      }
      if (c == '&' && peek(1) == '&') {
        i_ += 2;
        // The rest of this class is the right-hand side; it consumes the ']'.
        int rhs = parse_class(depth + 1);
        CharClass left = std::move(k);
        bool negate = left.negate;
        left.negate = false;
        int left_idx = finish_class(std::move(left));
        CharClass both;
        both.negate = negate;
        both.unions.push_back(left_idx);
        both.intersects.push_back(rhs);
        return finish_class(std::move(both));
      }
      uint32_t lo;
      int b;
      bool neg;
      if (!class_atom(&lo, &b, &neg)) {
        (neg ? k.not_builtins : k.builtins).push_back(b);
        continue;
      }
      if (peek() == '-' && peek(1) != ']' && i_ + 1 < s_.size()) {
        ++i_;
        uint32_t hi;
        if (!class_atom(&hi, &b, &neg)) fail("char-class value at end of range");
        if (hi < lo) fail("empty range in char class");
        k.ranges.push_back({lo, hi});
      } else {
        k.ranges.push_back({lo, lo});
      }
    }
    return finish_class(std::move(k));
  }

  // (?<=a|bc): a look-behind of alternatives of different lengths becomes one
  // look-behind per alternative.
  int fix_lookbehind(int look) {
    Node& n = nodes[look];
    int body = n.kids[0];
    if (fixed_length(body) >= 0) return look;
    if (nodes[body].kind != Node::Alt) fail("invalid pattern in look-behind");
    bool negate = n.negate;
    std::vector<int> alts = nodes[body].kids;
    Node combo;
    combo.kind = negate ? Node::Cat : Node::Alt;
    for (int a : alts) {
      if (fixed_length(a) < 0) fail("invalid pattern in look-behind");
      Node one;
      one.kind = Node::Look;
      one.behind = true;
      one.negate = negate;
      one.kids = {a};
      combo.kids.push_back(add(std::move(one)));
    }
    return add(std::move(combo));
  }

 public:
  // Length in characters when fixed, else -1.
  int fixed_length(int id) const {
    const Node& n = nodes[id];
    switch (n.kind) {
      case Node::Empty: case Node::Assert: case Node::Look: return 0;
      case Node::Lit: {
        int count = 0;
        for (unsigned char ch : n.lit) count += !is_cont(ch);
        return count;
      }
      case Node::Any: case Node::Cls: return 1;
      case Node::Cat: {
        int sum = 0;
        for (int k : n.kids) {
          int l = fixed_length(k);
          if (l < 0) return -1;
          sum += l;
        }
        return sum;
      }
      case Node::Alt: {
        int len = fixed_length(n.kids[0]);
        for (int k : n.kids) if (fixed_length(k) != len) return -1;
        return len;
      }
      case Node::Group: case Node::Atomic: return fixed_length(n.kids[0]);
      case Node::Repeat: {
        if (n.min != n.max) return -1;
        int l = fixed_length(n.kids[0]);
        return l < 0 ? -1 : l * n.min;
      }
      case Node::Backref: return -1;
    }
    return -1;
  }

  bool nullable(int id) const {
    const Node& n = nodes[id];
    switch (n.kind) {
      case Node::Lit: return n.lit.empty();
      case Node::Any: case Node::Cls: return false;
      case Node::Cat:
        for (int k : n.kids) if (!nullable(k)) return false;
        return true;
      case Node::Alt:
        for (int k : n.kids) if (nullable(k)) return true;
        return false;
      case Node::Group: case Node::Atomic: return nullable(n.kids[0]);
      case Node::Repeat: return n.min == 0 || nullable(n.kids[0]);
      default: return true;
    }
  }
};

// ---- code generation ------------------------------------------------------------

class Compiler {
 public:
  Compiler(const Parser& parser, Program& prog) : p_(parser), prog_(prog) {}

  void emit_node(int id) {
    const Node& n = p_.nodes[id];
    switch (n.kind) {
      case Node::Empty: break;
      case Node::Lit:
        for (size_t i = 0; i < n.lit.size();) {
          size_t len;
          uint32_t c = decode(reinterpret_cast<const uint8_t*>(n.lit.data()), n.lit.size(), i, &len);
          if (n.icase && c >= 0x80 && len > 1 && swap_case(c) != c) {
            CharClass k;  // a non-ASCII letter under /i: either case
            k.ranges.push_back({c, c});
            k.icase = true;
            emit(kClass, add_class(prog_, std::move(k)));
          } else {
            for (size_t j = i; j < i + len; ++j) {
              auto ch = static_cast<unsigned char>(n.lit[j]);
              bool letter = (ch | 32) >= 'a' && (ch | 32) <= 'z';
              emit(n.icase && letter ? kByteI : kByte, n.icase && letter ? fold(ch) : ch);
            }
          }
          i += len;
        }
        break;
      case Node::Any: emit(n.dotall ? kAnyNl : kAny); break;
      case Node::Cls: emit(kClass, n.cls); break;
      case Node::Cat:
        for (int k : n.kids) emit_node(k);
        break;
      case Node::Alt: {
        std::vector<size_t> to_end;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            size_t split = emit(kSplit);
            code()[split].x = here();
            emit_node(n.kids[k]);
            to_end.push_back(emit(kJmp));
            code()[split].y = here();
          } else {
            emit_node(n.kids[k]);
          }
        }
        for (size_t j : to_end) code()[j].x = here();
        break;
      }
      case Node::Group:
        if (n.group >= 0) emit(kSave, 2 * n.group);
        emit_node(n.kids[0]);
        if (n.group >= 0) emit(kSave, 2 * n.group + 1);
        break;
      case Node::Repeat: {
        if (n.possessive) emit(kAtomicBegin);
        for (int k = 0; k < n.min; ++k) emit_node(n.kids[0]);
        if (n.max < 0) {
          bool guard = p_.nullable(n.kids[0]);
          int reg = guard ? prog_.registers++ : -1;
          size_t loop = emit(kSplit);
          size_t body = here();
          if (guard) emit(kNullBegin, reg);
          emit_node(n.kids[0]);
          size_t check = guard ? emit(kNullEnd, reg) : 0;
          emit(kJmp, static_cast<int32_t>(loop));
          size_t out = here();
          set_split(loop, body, out, n.greedy);
          if (guard) code()[check].y = static_cast<int32_t>(out);
        } else {
          std::vector<size_t> splits;
          for (int k = n.min; k < n.max; ++k) {
            splits.push_back(emit(kSplit));
            emit_node(n.kids[0]);
          }
          size_t out = here();
          for (size_t sp : splits) set_split(sp, sp + 1, out, n.greedy);
        }
        if (n.possessive) emit(kAtomicEnd);
        break;
      }
      case Node::Assert: emit(kAssert, n.assertion); break;
      case Node::Backref:
        prog_.backrefs.push_back(n.refs);
        emit(kBackref, static_cast<int32_t>(prog_.backrefs.size() - 1));
        code().back().y = n.icase;
        break;
      case Node::Look: {
        size_t begin = emit(kLookBegin, (n.behind ? 2 : 0) | (n.negate ? 1 : 0));
        if (n.behind) code()[begin].z = p_.fixed_length(n.kids[0]);
        emit_node(n.kids[0]);
        emit(kLookEnd);
        code()[begin].y = here();
        break;
      }
      case Node::Atomic:
        emit(kAtomicBegin);
        emit_node(n.kids[0]);
        emit(kAtomicEnd);
        break;
    }
  }

  size_t emit(Op op, int32_t x = 0) {
    if (code().size() >= kMaxProgram) throw SyntaxError("too big pattern (repeat counts too large)");
    code().push_back(Inst{op, x, 0, 0});
    return code().size() - 1;
  }

 private:
  const Parser& p_;
  Program& prog_;
  std::vector<Inst>& code() { return prog_.code; }
  int32_t here() const { return static_cast<int32_t>(prog_.code.size()); }
  void set_split(size_t at, size_t body, size_t out, bool greedy) {
    code()[at].x = static_cast<int32_t>(greedy ? body : out);
    code()[at].y = static_cast<int32_t>(greedy ? out : body);
  }
};

}  // namespace

void compile(std::string_view pattern, int options, Program& prog) {
  Parser parser(pattern, options, prog);
  int root = parser.parse();
  Compiler c(parser, prog);
  c.emit(kSave, 0);
  c.emit_node(root);
  c.emit(kSave, 1);
  c.emit(kMatch);
  const Inst& first = prog.code[1];
  if (first.op == kByte) prog.first_byte = first.x;
  if (first.op == kAssert && first.x == kBos) prog.anchored_bos = true;
}

}  // namespace kiln::regexp
