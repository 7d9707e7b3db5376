#include "pattern/pattern.h"

#include <cctype>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace kiln {

namespace {

using Node = Pattern::Node;
using Nodes = std::vector<Node>;

Node node(Node::Kind kind) {
  Node n;
  n.kind = kind;
  return n;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Parser {
  std::string_view src;
  size_t pos = 0;
  std::vector<std::string>& names;

  Nodes sequence(bool in_group) {
    Nodes out;
    while (pos < src.size()) {
      char c = src[pos];
      if (c == ')') {
        if (!in_group) throw std::invalid_argument("unbalanced ')' at " + std::to_string(pos));
        lookahead(out);
        return out;
      }
      if (c == '?') {
        if (out.empty()) throw std::invalid_argument("'?' with nothing before it at " + std::to_string(pos));
        out.back().optional = true;
        ++pos;
        continue;
      }
      ++pos;
      if (c == ':' && pos < src.size() && name_char(src[pos])) {
        size_t start = pos;
        while (pos < src.size() && name_char(src[pos])) ++pos;
        Node n = node(Node::Param);
        n.name = std::string(src.substr(start, pos - start));
        names.push_back(n.name);
        out.push_back(std::move(n));
      } else if (c == '*') {
        out.push_back(node(Node::Splat));
        names.emplace_back("splat");
      } else if (c == '(') {
        Node n = node(Node::Group);
        n.group = sequence(true);
        if (pos >= src.size()) throw std::invalid_argument("unbalanced '(' in pattern");
        ++pos;  // ')'
        out.push_back(std::move(n));
      } else if (c == '\\' && pos < src.size()) {
        Node n = node(Node::Literal);
        n.ch = src[pos++];
        out.push_back(std::move(n));
      } else {
        Node n = node(Node::Literal);
        n.ch = c;
        out.push_back(std::move(n));
      }
    }
    if (in_group) throw std::invalid_argument("unbalanced '(' in pattern");
    lookahead(out);
    return out;
  }

  // Like Mustermann: a param followed by an optional part that starts with
  // a literal ("/:id(.:format)?") stops before that literal, so the optional
  // part gets its chance ("7.json" -> id 7, format json).
  static void lookahead(Nodes& nodes) {
    for (size_t i = 0; i + 1 < nodes.size(); ++i) {
      const Node& next = nodes[i + 1];
      if (nodes[i].kind != Node::Param || !next.optional) continue;
      if (next.kind == Node::Literal) nodes[i].stop = next.ch;
      if (next.kind == Node::Group && !next.group.empty() && next.group[0].kind == Node::Literal) {
        nodes[i].stop = next.group[0].ch;
      }
    }
  }
};

// Backtracking matcher: each step calls `next` with the position after it,
// so optional parts, greedy params and lazy splats can all be retried.
// Whether the rest of a sequence matches from a position depends only on
// (that sequence, its index, the position): every Nodes vector sits at one
// place in the tree, so its continuation is always the same. Remembering
// the failures keeps matching polynomial; without it /*/*/*/.../x against a
// long path tried every split (exponential, found by fuzz/pattern.cpp).
const std::string kSplat = "splat";

// Length of a literal char at `pos` of path: itself, or its %XX encoding.
size_t literal_length(std::string_view path, char ch, size_t pos) {
  if (pos < path.size() && path[pos] == ch) return 1;
  if (pos + 2 < path.size() && path[pos] == '%') {
    int h = hex(path[pos + 1]), l = hex(path[pos + 2]);
    if (h >= 0 && l >= 0 && static_cast<char>(h * 16 + l) == ch) return 3;
  }
  if (ch == ' ' && pos < path.size() && path[pos] == '+') return 1;
  return 0;
}

struct Matcher {
  std::string_view path;
  // Captures as positions while matching (a failed try costs no copy);
  // `from == npos` marks an absent optional part.
  struct Cap {
    const std::string* name;
    size_t from, to;
  };
  std::vector<Cap> caps;
  using Next = std::function<bool(size_t)>;

  struct State {
    const Nodes* nodes;
    size_t index, pos;
    bool operator==(const State& o) const { return nodes == o.nodes && index == o.index && pos == o.pos; }
  };
  struct StateHash {
    size_t operator()(const State& s) const {
      return std::hash<const void*>()(s.nodes) ^ (s.index * 0x9E3779B97F4A7C15ull) ^ (s.pos * 0xC2B2AE3D27D4EB4Full);
    }
  };
  std::unordered_set<State, StateHash> failed;
  std::unordered_map<const Node*, size_t> splat_fails_from;

  bool seq(const Nodes& nodes, size_t i, size_t pos, const Next& next) {
    State state{&nodes, i, pos};
    if (failed.count(state)) return false;
    if (seq_once(nodes, i, pos, next)) return true;
    failed.insert(state);
    return false;
  }

  bool seq_once(const Nodes& nodes, size_t i, size_t pos, const Next& next) {
    if (i == nodes.size()) return next(pos);
    const Node& n = nodes[i];
    auto rest = [&](size_t p) { return seq(nodes, i + 1, p, next); };
    if (one(n, pos, rest)) return true;
    return n.optional && skip(n, pos, rest);
  }

  // An optional part that is absent still yields nil captures, like Sinatra.
  bool skip(const Node& n, size_t pos, const Next& next) {
    size_t mark = caps.size();
    add_missing(n);
    if (next(pos)) return true;
    caps.resize(mark);
    return false;
  }

  void add_missing(const Node& n) {
    if (n.kind == Node::Param) caps.push_back({&n.name, std::string::npos, 0});
    if (n.kind == Node::Splat) caps.push_back({&kSplat, std::string::npos, 0});
    if (n.kind == Node::Group) for (auto& g : n.group) add_missing(g);
  }

  bool one(const Node& n, size_t pos, const Next& next) {
    switch (n.kind) {
      case Node::Literal: {
        size_t len = literal_length(path, n.ch, pos);
        return len > 0 && next(pos + len);
      }
      case Node::Group:
        return seq(n.group, 0, pos, next);
      case Node::Param: {
        size_t end = pos;
        while (end < path.size() && path[end] != '/' && (n.stop == 0 || path[end] != n.stop)) ++end;
        for (size_t e = end; e > pos; --e) {  // greedy
          if (capture(n.name, pos, e, next)) return true;
        }
        return false;
      }
      case Node::Splat: {
        // A splat at pos matches iff the rest matches from some end >= pos,
        // and the rest only depends on that end: once every end from p on
        // has failed, a later try at pos >= p fails at once and an earlier
        // one stops at p. Keeps a splat linear instead of quadratic.
        auto known = splat_fails_from.find(&n);
        size_t limit = known == splat_fails_from.end() ? path.size() + 1 : known->second;
        for (size_t e = pos; e < limit; ++e) {  // lazy
          if (capture(kSplat, pos, e, next)) return true;
        }
        if (pos < limit) splat_fails_from[&n] = pos;
        return false;
      }
    }
    return false;
  }

  bool capture(const std::string& name, size_t from, size_t to, const Next& next) {
    caps.push_back({&name, from, to});
    if (next(to)) return true;
    caps.pop_back();
    return false;
  }
};

}  // namespace

Pattern::Pattern(std::string_view source) {
  Parser p{source, 0, names_};
  nodes_ = p.sequence(false);
  literal_ = true;
  for (const Node& n : nodes_) literal_ = literal_ && n.kind == Node::Literal && !n.optional;
}

std::optional<Pattern::Captures> Pattern::match(std::string_view path) const {
  if (literal_) {
    // Each literal matches one way (itself or its %XX form): nothing to
    // backtrack, so no Matcher.
    size_t pos = 0;
    for (const Node& n : nodes_) {
      size_t len = literal_length(path, n.ch, pos);
      if (len == 0) return std::nullopt;
      pos += len;
    }
    if (pos != path.size()) return std::nullopt;
    return Captures{};
  }
  Matcher m{path, {}, {}, {}};
  if (!m.seq(nodes_, 0, 0, [&](size_t pos) { return pos == path.size(); })) return std::nullopt;
  Captures out;
  out.reserve(m.caps.size());
  for (auto& c : m.caps) {
    if (c.from == std::string::npos) out.emplace_back(*c.name, std::nullopt);
    else out.emplace_back(*c.name, url_decode(path.substr(c.from, c.to - c.from)));
  }
  return out;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace kiln
