// Sinatra route patterns ("/hello/:name", "/files/*.*", "/posts/:id(.:fmt)?").
//
// Compiled once when a route is defined; matched against the raw
// (percent-encoded) PATH_INFO. Captures come back URL-decoded ("+" stays a
// literal plus in paths, as in Sinatra).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiln {

class Pattern {
 public:
  // name ("splat" for *) -> value; nullopt where an optional part was absent.
  using Captures = std::vector<std::pair<std::string, std::optional<std::string>>>;

  // Throws std::invalid_argument with the reason for a malformed pattern.
  explicit Pattern(std::string_view source);

  std::optional<Captures> match(std::string_view path) const;
  const std::vector<std::string>& names() const { return names_; }

  struct Node {
    enum Kind { Literal, Param, Splat, Group } kind = Literal;
    char ch = 0;     // Literal: the character
    char stop = 0;   // Param: also ends before this (see Parser::lookahead)
    std::string name;
    std::vector<Node> group;
    bool optional = false;
  };

 private:
  std::vector<Node> nodes_;
  std::vector<std::string> names_;
  bool literal_ = false;  // only required literal characters ("/", "/about")
};

std::string url_decode(std::string_view s);

}  // namespace kiln
