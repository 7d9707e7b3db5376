// The Regexp engine (kiln::regexp) directly, then the Ruby API through a
// fixture app (tests/core/fixtures/regexp.rb). The Ruby expectations are
// CRuby 3.1's answers to the same expressions, except where noted.
#include <catch.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "helpers.h"
#include "regexp/regexp.h"

extern "C" const uint8_t fixture_regexp[];

using kiln::regexp::Regex;
using kiln::regexp::SyntaxError;
using kiln::regexp::TimeoutError;

namespace {

// "whole|group1|group2..." of the first match, "nil" for none ("-" for an
// unset group).
std::string find(const char* pattern, const std::string& subject, int options = 0, size_t start = 0) {
  Regex re(pattern, options);
  std::vector<long> caps;
  if (!re.search(subject, start, caps)) return "nil";
  std::string out;
  for (size_t i = 0; i < caps.size(); i += 2) {
    if (i) out += '|';
    out += caps[i] < 0 ? "-" : subject.substr(static_cast<size_t>(caps[i]), static_cast<size_t>(caps[i + 1] - caps[i]));
  }
  return out;
}

long where(const char* pattern, const std::string& subject, int options = 0) {
  Regex re(pattern, options);
  std::vector<long> caps;
  return re.search(subject, 0, caps) ? caps[0] : -1;
}

std::string syntax_error(const char* pattern) {
  try {
    Regex re(pattern, 0);
  } catch (const SyntaxError& e) {
    return e.what();
  }
  return "(compiled)";
}

}  // namespace

TEST_CASE("engine: literals, escapes and the dot", "[regexp]") {
  CHECK(find("abc", "xxabcxx") == "abc");
  CHECK(find("abc", "ab") == "nil");
  CHECK(where("\\t", "a\tb") == 1);
  CHECK(where("\\n", "a\nb") == 1);
  CHECK(where("\\\\", "a\\b") == 1);
  CHECK(where("\\/", "a/b") == 1);
  CHECK(where("\\.", "ab.") == 2);
  CHECK(where("\\x41", "zA") == 1);
  CHECK(where("\\u00e9", "caf\xC3\xA9") == 3);
  CHECK(where("\\u{1F600}", "x\xF0\x9F\x98\x80") == 1);
  CHECK(find("a.c", "abc") == "abc");
  CHECK(find("a.c", "a\nc") == "nil");
  CHECK(find("a.c", "a\nc", kiln::regexp::kMultiline) == "a\nc");
  CHECK(find("^.$", "\xC3\xA9") == "\xC3\xA9");  // one character, two bytes
  CHECK(find("^..$", "\xE6\x97\xA5\xE6\x9C\xAC") == "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST_CASE("engine: character classes", "[regexp]") {
  CHECK(find("[a-c]+", "xxbcaz") == "bca");
  CHECK(find("[^a-c]+", "abxyc") == "xy");
  CHECK(find("\\d+", "ab123c") == "123");
  CHECK(find("\\w+", "--foo_1--") == "foo_1");
  CHECK(find("\\s+", "a \t\nb") == " \t\n");
  CHECK(find("\\D+", "12ab3") == "ab");
  CHECK(find("\\W+", "ab-+c") == "-+");
  CHECK(find("\\S+", "  ab ") == "ab");
  CHECK(find("\\h+", "xyzBEEF") == "BEEF");
  CHECK(find("[[:alpha:]]+", "12h\xC3\xA9llo!") == "h\xC3\xA9llo");
  CHECK(find("[[:digit:][:upper:]]+", "abC4Dx") == "C4D");
  CHECK(find("[[:^alpha:]]+", "ab12cd") == "12");
  CHECK(find("[[:punct:]]+", "ab,.!c") == ",.!");
  CHECK(find("[[:xdigit:]]+", "xx0fAg") == "0fA");
  CHECK(find("[[:space:]]+", "a \tb") == " \t");
  CHECK(find("[[:word:]]+", "-a_1-") == "a_1");
  CHECK(find("[a-z&&[^aeiou]]+", "aeibcd") == "bcd");
  CHECK(find("[\\d.]+", "v1.25x") == "1.25");
  CHECK(find("[]a]+", "x]a]") == "]a]");
  CHECK(find("[a\\-z]+", "b-az") == "-az");
  CHECK(find("[\xC3\xA9\xC3\xA8]", "cr\xC3\xA8me") == "\xC3\xA8");
  CHECK(find("\\p{Alpha}+", "1abc2") == "abc");
  CHECK(find("[A-Z]+", "abcDEF", kiln::regexp::kIgnoreCase) == "abcDEF");
}

TEST_CASE("engine: anchors are line anchors, \\A \\z \\Z are string anchors", "[regexp]") {
  CHECK(where("^b", "a\nb") == 2);
  CHECK(where("\\Ab", "a\nb") == -1);
  CHECK(where("a$", "a\nb") == 0);
  CHECK(where("a\\z", "a\nb") == -1);
  CHECK(where("b\\Z", "a\nb\n") == 2);
  CHECK(where("b\\z", "a\nb\n") == -1);
  CHECK(where("^$", "a\n\nb") == 2);
  CHECK(find("\\bcat\\b", "concat cat") == "cat");
  CHECK(where("\\bcat\\b", "concat cat") == 7);
  CHECK(where("\\Bcat", "concat cat") == 3);
  CHECK(where("\\b", "\xC3\xA9" "a") == 0);  // \b sees Unicode word characters, as Onigmo
  CHECK(where("a\\b", "a\xC3\xA9") == -1);
}

TEST_CASE("engine: groups, alternation and backreferences", "[regexp]") {
  CHECK(find("(\\d+)-(\\d+)", "tel 12-345") == "12-345|12|345");
  CHECK(find("(?:ab)+", "xababy") == "abab");
  CHECK(find("(a)|(b)", "b") == "b|-|b");
  CHECK(find("(a|ab)(c|bcd)(d*)", "abcd") == "abcd|a|bcd|");
  CHECK(find("(?<y>\\d{4})-(?<m>\\d\\d)", "on 2024-05") == "2024-05|2024|05");
  CHECK(find("(?<y>\\d+)(x)", "12x") == "12x|12");  // named groups exist: (x) does not capture
  CHECK(find("(?'w'\\w+)", "hi there") == "hi|hi");
  CHECK(find("(\\w)\\1", "abccd") == "cc|c");
  CHECK(find("(?<c>.)\\k<c>", "xyzzy") == "zz|z");
  CHECK(find("(a)\\1", "aA", kiln::regexp::kIgnoreCase) == "aA|a");
  CHECK(find("cat|dog", "hotdog") == "dog");
  CHECK(find("(|a)+b", "aab") == "aab|");  // as Onigmo: the last iteration matched ""
  Regex named("(?<a>x)(?<b>y)(?<a>z)", 0);
  REQUIRE(named.names().size() == 2);
  CHECK(named.names()[0].first == "a");
  CHECK(named.names()[0].second == std::vector<int>{1, 3});
  CHECK(named.groups() == 3);
}

TEST_CASE("engine: greedy, lazy and possessive quantifiers", "[regexp]") {
  CHECK(find("<.+>", "<a><b>") == "<a><b>");
  CHECK(find("<.+?>", "<a><b>") == "<a>");
  CHECK(find("a*", "aaa") == "aaa");
  CHECK(find("a*?", "aaa") == "");
  CHECK(find("a??b", "ab") == "ab");
  CHECK(find("a{2}", "aaaa") == "aa");
  CHECK(find("a{2,}", "aaaa") == "aaaa");
  CHECK(find("a{,2}", "aaaa") == "aa");
  CHECK(find("a{1,3}", "aaaa") == "aaa");
  CHECK(find("a{1,3}?", "aaaa") == "a");
  CHECK(find("x{1", "x{1") == "x{1");  // not an interval: literal
  CHECK(find("a*+a", "aaaa") == "nil");
  CHECK(find("a++b", "aaab") == "aaab");
  CHECK(find("(?>a+)a", "aaa") == "nil");
  CHECK(find("(a*)*b", "aaab") == "aaab|");
  CHECK(find("(a*)+$", "aa") == "aa|");
  CHECK(find("(?:)*x", "x") == "x");
  CHECK(find("(ab)+d", "abcabd") == "abd|ab");
}

TEST_CASE("engine: look-ahead and look-behind", "[regexp]") {
  CHECK(find("foo(?=bar)", "foobaz foobar") == "foo");
  CHECK(where("foo(?=bar)", "foobaz foobar") == 7);
  CHECK(where("foo(?!bar)", "foobar foobaz") == 7);
  CHECK(find("(?<=\\$)\\d+", "cost $42") == "42");
  CHECK(find("(?<!\\$)\\b\\d+", "$42 or 17") == "17");
  CHECK(find("(?<=a|bc)d", "bcd") == "d");
  CHECK(find("(?<!a|bc)d", "ad bcd xd") == "d");
  CHECK(where("(?<!a|bc)d", "ad bcd xd") == 8);
  CHECK(where("(?<=\xC3\xA9)x", "\xC3\xA9x") == 2);
  CHECK(find("(?=(\\d))\\w", "a1") == "1|1");
  CHECK(syntax_error("(?<=a+)b") == "invalid pattern in look-behind");
}

TEST_CASE("engine: options, inline options and extended syntax", "[regexp]") {
  using kiln::regexp::kExtended;
  using kiln::regexp::kIgnoreCase;
  CHECK(find("hello", "Say HeLLo", kIgnoreCase) == "HeLLo");
  CHECK(find("\xC3\x89" "cole", "\xC3\xA9" "COLE", kIgnoreCase) == "\xC3\xA9" "COLE");  // /i folds Latin-1
  CHECK(find("\xD0\x94\xCE\xA3", "\xD0\xB4\xCF\x83", kIgnoreCase) == "\xD0\xB4\xCF\x83");  // Cyrillic, Greek
  CHECK(find("[\xC3\xA0-\xC3\xBE]+", "x\xC3\x89\xC3\xA9", kIgnoreCase) == "\xC3\x89\xC3\xA9");
  CHECK(find("(?i)hello", "HELLO") == "HELLO");
  CHECK(find("a(?i)b|c", "aC") == "aC");  // (?i) reaches to the end of the group: a(?i:b|c)
  CHECK(find("a(?i)b|c", "C") == "nil");
  CHECK(find("a(?i:b)c", "aBc") == "aBc");
  CHECK(find("a(?i:b)c", "aBC") == "nil");
  CHECK(find("(?i)a(?-i)b", "Ab") == "Ab");
  CHECK(find("(?i)a(?-i)b", "AB") == "nil");
  CHECK(find("(?m:.+)", "a\nb") == "a\nb");
  CHECK(find("a b # comment\n c", "abc", kExtended) == "abc");
  CHECK(find("(?x) a \\  b", "a b") == "a b");
  CHECK(find("a(?#comment)b", "ab") == "ab");
}

TEST_CASE("engine: invalid patterns say why", "[regexp]") {
  CHECK(syntax_error("a)") == "unmatched close parenthesis");
  CHECK(syntax_error("(a") == "end pattern with unmatched parenthesis");
  CHECK(syntax_error("[a") == "premature end of char-class");
  CHECK(syntax_error("*a") == "target of repeat operator is not specified");
  CHECK(syntax_error("a|+") == "target of repeat operator is not specified");
  CHECK(syntax_error("[z-a]") == "empty range in char class");
  CHECK(syntax_error("\\") == "too short escape sequence");
  CHECK(syntax_error("(?<n>a)\\k<m>") == "undefined name reference");
  CHECK(syntax_error("(a)\\2") == "invalid backref number/name");
  CHECK(syntax_error("(?Q)") == "undefined group option");
  CHECK(syntax_error("a{3,2}") == "upper bound must be greater than lower bound");
  CHECK(syntax_error("a{100001}") == "too big number for repeat range");
  CHECK(syntax_error("[[:nope:]]") == "invalid POSIX bracket type");
  CHECK(syntax_error("(a{1000}){300}") == "too big pattern (repeat counts too large)");
  CHECK(syntax_error(std::string(300, '(').c_str()) == "too deep nesting");
  CHECK(syntax_error(("a" + std::string(100000, '?')).c_str()) == "too deep nesting");
  CHECK(syntax_error(std::string(100000, '[').c_str()) == "too deep nesting");
  CHECK(syntax_error(("(?i)" + std::string(5000, '|')).c_str()) == "(compiled)");
}

TEST_CASE("engine: runaway patterns hit the step budget, never hang", "[regexp]") {
  Regex re("(a+)+b", 0);
  std::vector<long> caps;
  std::string subject(40, 'a');
  auto t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(re.search(subject, 0, caps), TimeoutError);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  CHECK(ms < 10000);
  // A small budget fails fast; a simple pattern stays well inside the default.
  CHECK_THROWS_AS(Regex("(x+x+)+y", 0).search(std::string(30, 'x'), 0, caps, false, 1000), TimeoutError);
  CHECK(Regex("(a+)+b", 0).search(subject + "b", 0, caps));
}

TEST_CASE("engine: long subjects and search positions", "[regexp]") {
  std::string big(200000, 'a');
  std::vector<long> caps;
  CHECK(Regex("a*b|a*", 0).search(big, 0, caps));
  CHECK(caps[1] == 200000);
  CHECK(Regex("b", 0).search(big + "b", 0, caps));
  CHECK(caps[0] == 200000);
  Regex re("\\d", 0);
  CHECK(re.search("1a2", 1, caps));
  CHECK(caps[0] == 2);
  CHECK_FALSE(re.search("1a2", 1, caps, true));  // anchored at 1: 'a'
  CHECK(Regex("\\Gb", 0).search("ab", 1, caps));
}

TEST_CASE("engine: speed of a typical email regexp", "[regexp][speed]") {
  Regex re("\\A[\\w+\\-.]+@[a-z\\d\\-]+(\\.[a-z\\d\\-]+)*\\.[a-z]+\\z", kiln::regexp::kIgnoreCase);
  std::vector<long> caps;
  int hits = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 100000; ++i) hits += re.search("john.doe+tag@mail.example.co.uk", 0, caps);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  CHECK(hits == 100000);
  std::printf("regexp: 100k email matches in %.0f ms\n", ms);
}

// ---- Ruby -------------------------------------------------------------------------

namespace {

std::unique_ptr<kiln::Runtime> boot_regexp_app() {
  auto rt = std::make_unique<kiln::Runtime>();
  REQUIRE(rt->boot(test::bundle_of("app.rb", fixture_regexp), test::config({})) == "");
  return rt;
}

std::string ruby_case(kiln::Runtime& rt, const std::string& name) {
  kiln::Step s = rt.start(test::request("GET", "https://example.org/t/" + name));
  REQUIRE(s.kind == kiln::Step::Done);
  return test::response(s).body;
}

}  // namespace

TEST_CASE("Ruby: Regexp, MatchData and String methods answer as CRuby", "[regexp][ruby]") {
  static const std::pair<const char*, const char*> cases[] = {
    {"literal", R"~([2, nil])~"},
    {"literal_flags", R"~([1, 7, "x", "a/b"])~"},
    {"new", R"~([1, 0, 1, true])~"},
    {"literal_cached", R"~(1)~"},
    {"dup", R"~([1, "b"])~"},
    {"new_regexp", R"~(1)~"},
    {"invalid", R"~(RegexpError: unmatched close parenthesis: /a)/)~"},
    {"invalid_class", R"~(RegexpError: premature end of char-class: /[a/)~"},
    {"invalid_error_class", R"~(RegexpError)~"},
    {"match", R"~(["12-345", "12", "345", "tel: ", " ok", 5, 11, [8, 11], 3, ["12", "345"], ["12-345", "12", "345"], "12-345"])~"},
    {"match_nil", R"~([nil, nil])~"},
    {"match_pos", R"~([2, 2, nil])~"},
    {"match_block", R"~("C")~"},
    {"match_p", R"~([true, false, "zz"])~"},
    {"named", R"~(["2024", "05", ["year", "month"], {"year"=>"2024", "month"=>"05"}, ["2024", "05"], 8, ["2024-05", "05"]])~"},
    {"named_quote", R"~("hi")~"},
    {"named_unknown", R"~(IndexError: undefined group name reference: b)~"},
    {"names", R"~([["a", "b"], []])~"},
    {"index_errors", R"~([nil, "a", nil])~"},
    {"utf8", R"~([3, " ", 6, 5, 0])~"},
    {"globals", R"~(["key=value", "key", "value", nil, "key=value", "", "", "value"])~"},
    {"globals_cleared", R"~([nil, nil])~"},
    {"last_match", R"~(["yz", "z"])~"},
    {"case_when", R"~(["word", "number", "other"])~"},
    {"anchors", R"~([["o", "t", "t"], 4, nil, 8, nil, 1, nil])~"},
    {"dot_multiline", R"~([nil, 0])~"},
    {"greedy_lazy", R"~(["<a><b>", "<a>", "aa", ""])~"},
    {"possessive", R"~([nil, nil, 0])~"},
    {"backtracking", R"~(["abd", "aaay", "bcd"])~"},
    {"backrefs", R"~(["ll", "abab", 0])~"},
    {"lookaround", R"~(["42", ["b"], 1, ["1", "3"]])~"},
    {"inline_options", R"~([0, 0, nil, 0])~"},
    {"extended", R"~(4)~"},
    {"classes", R"~([["1", "2"], ["ab1", "c_2", "Z"], 1, ["a", "b", "c"], ["_", "-", "Z"], ["dead", "beef"], 7, [" ", "-"], ["ab1", "c_2-Z"]])~"},
    {"posix", R"~([["a", "B", "é"], ["B", "3"], 1, [",", "."], ["F", "f", "0"], ["a", "_", "1"], ["a", "c"], ["x", "9"]])~"},
    {"escapes", R"~([1, 1, 1, 0, 0, 1])~"},
    {"quantifiers", R"~(["aa", "aaa", "aaaa", "b", "a{1"])~"},
    {"alternation", R"~([["cat", "dog"], "b", ""])~"},
    {"word_boundary", R"~([1, 1, 0])~"},
    {"escape", R"~(["a\\.b\\*c\\?", "1\\+1\\ =\\ \\(2\\)\\n", 1])~"},
    {"union", R"~(["a\\.b|(?i-mx:c+)", 1, false])~"},
    {"to_s_inspect", R"~(["(?i-mx:ab)", "/a\\/b/m", "/x/", true, false, true])~"},
    {"sub", R"~(["hell0 world", "hello", "smith, john", "aBc", "aXc", "a!b"])~"},
    {"sub_bang", R"~(["baa", "baa", nil, "bbb"])~"},
    {"gsub", R"~(["hell0 w0rld", "a1b2c3", "-a-b-c-", "-a--c-", "dog cap", "a+b", "a-b-c"])~"},
    {"gsub_backrefs", R"~(["06/05/2024", "a<b>", "a[b]", "j(o)hn", "a\\", "aa|cc"])~"},
    {"gsub_block_globals", R"~("1a12b2")~"},
    {"gsub_utf8", R"~(["cafe creme", ".ñ."])~"},
    {"gsub_bang", R"~(["yay", "yay", nil])~"},
    {"gsub_hash_string_pattern", R"~("a+b")~"},
    {"scan", R"~([["1", "22"], [["k1", "v1"], ["k2", "v2"]], [], ["aaa", ""], ["."]])~"},
    {"scan_block", R"~([[["1"], ["2"]], "x1y2"])~"},
    {"split", R"~([["a", "b", "", "c"], ["a", "b", "c"], ["a", "1", "b", "2"], ["a", "b", "c"], ["", "a", "b"], ["a", "b,c"], ["a", "b", "", ""], [], ["abc"], ["a", "b", "c"], ["a", "b2c3"], ["h", "é", "l", "l", "o"]])~"},
    {"split_string_still_works", R"~([["a", "b", "", "c"], ["a", "b", "c"], ["a", "b,c"], ["a", "b"]])~"},
    {"split_block", R"~([["a", "b"], "a1b"])~"},
    {"split_matrix", R"~([["a", "b"], ["a", "b"], ["a,b"], ["a", "b"], ["", "a"], ["", "a", ""], [",a,"], ["", "a,"], ["abc"], ["abc"], ["abc"], ["abc"], [], [], [], [], [" a b "], [" a b "], [" a b "], [" a b "], ["bab"], ["bab"], ["bab"], ["bab"], ["é", "ü"], ["é", "ü"], ["é,ü"], ["é", "ü"], ["a", ",", "b"], ["a", ",", "b", ""], ["a,b"], ["a", ",b"], [",", "a", ","], [",", "a", ",", ""], [",a,"], [",", "a,"], ["a", "b", "c"], ["a", "b", "c", ""], ["abc"], ["a", "bc"], [], [], [], [], ["", "a", "b"], ["", "a", "b", ""], [" a b "], ["", "a b "], ["b", "a", "b"], ["b", "a", "b", ""], ["bab"], ["b", "ab"], ["é", ",", "ü"], ["é", ",", "ü", ""], ["é,ü"], ["é", ",ü"], ["a", ",", "b"], ["a", ",", "b"], ["a,b"], ["a", ",", "b"], ["", ",", "a", ","], ["", ",", "a", ",", ""], [",a,"], ["", ",", "a,"], ["abc"], ["abc"], ["abc"], ["abc"], [], [], [], [], [" a b "], [" a b "], [" a b "], [" a b "], ["bab"], ["bab"], ["bab"], ["bab"], ["é", ",", "ü"], ["é", ",", "ü"], ["é,ü"], ["é", ",", "ü"], ["a", ",", "b"], ["a", ",", "b", ""], ["a,b"], ["a", ",b"], [",", "a", ","], [",", "a", ",", ""], [",a,"], [",", "a,"], ["a", "b", "c"], ["a", "b", "c", ""], ["abc"], ["a", "bc"], [], [], [], [], [" ", "a", " ", "b", " "], [" ", "a", " ", "b", " ", ""], [" a b "], [" ", "a b "], ["b", "a", "b"], ["b", "a", "b", ""], ["bab"], ["b", "ab"], ["é", ",", "ü"], ["é", ",", "ü", ""], ["é,ü"], ["é", ",ü"], ["a", ",", "b"], ["a", ",", "b", ""], ["a,b"], ["a", ",b"], [",", "a", ","], [",", "a", ",", ""], [",a,"], [",", "a,"], ["a", "b", "c"], ["a", "b", "c", ""], ["abc"], ["a", "bc"], [], [], [], [], [" ", "a", " ", "b", " "], [" ", "a", " ", "b", " ", ""], [" a b "], [" ", "a b "], ["b", "a", "b"], ["b", "a", "b", ""], ["bab"], ["b", "ab"], ["é", ",", "ü"], ["é", ",", "ü", ""], ["é,ü"], ["é", ",ü"], ["a,", "b"], ["a,", "b"], ["a,b"], ["a,", "b"], [",a,"], [",a,"], [",a,"], [",a,"], ["a", "bc"], ["a", "bc"], ["abc"], ["a", "bc"], [], [], [], [], [" a ", "b "], [" a ", "b "], [" a b "], [" a ", "b "], ["ba", "b"], ["ba", "b"], ["bab"], ["ba", "b"], ["é,ü"], ["é,ü"], ["é,ü"], ["é,ü"], ["a", ","], ["a", ",", ""], ["a,b"], ["a", ",b"], [",", "a", ","], [",", "a", ",", ""], [",a,"], [",", "a,"], ["a", "c"], ["a", "c", ""], ["abc"], ["a", "c"], [], [], [], [], [" ", "a", " ", " "], [" ", "a", " ", " ", ""], [" a b "], [" ", "a b "], ["", "a"], ["", "a", ""], ["bab"], ["", "ab"], ["é", ",", "ü"], ["é", ",", "ü", ""], ["é,ü"], ["é", ",ü"], ["", "a", ",", "b"], ["", "a", ",", "b", ""], ["a,b"], ["", "a", ",b"], [",", "a", ","], [",", "a", ","], [",a,"], [",", "a", ","], ["", "a", "", "b", "c"], ["", "a", "", "b", "c"], ["abc"], ["", "a", "bc"], [], [], [], [], [" ", "a", " ", "b", " "], [" ", "a", " ", "b", " "], [" a b "], [" ", "a", " b "], ["", "b", "", "a", "", "b"], ["", "b", "", "a", "", "b", ""], ["bab"], ["", "b", "ab"], ["é,ü"], ["é,ü"], ["é,ü"], ["é,ü"]])~"},
    {"gsub_matrix", R"~(["a<,>b", "a[,]b", [","], "<,>a<,>", "[,]a,", [",", ","], "abc", "abc", [], "", "", [], "a\nb", "a\nb", [], "bab", "bab", [], "é<,>ü", "é[,]ü", [","], "<>a<>,<>b<>", "[]a,b", ["", "", "", ""], "<>,<>a<>,<>", "[],a,", ["", "", "", ""], "<>a<>b<>c<>", "[]abc", ["", "", "", ""], "<>", "[]", [""], "<>a<\n><>b<>", "[]a\nb", ["", "\n", "", ""], "<>b<>a<>b<>", "[]bab", ["", "", "", ""], "<>é<>,<>ü<>", "[]é,ü", ["", "", "", ""], "a<,,>b", "a[,]b", [[","]], "<,,>a<,,>", "[,]a,", [[","], [","]], "abc", "abc", [], "", "", [], "a\nb", "a\nb", [], "bab", "bab", [], "é<,,>ü", "é[,]ü", [[","]], "<>a<>,<>b<>", "[]a,b", ["", "", "", ""], "<>,<>a<>,<>", "[],a,", ["", "", "", ""], "<>a<>b<>c<>", "[]abc", ["", "", "", ""], "<>", "[]", [""], "<>a<>\n<>b<>", "[]a\nb", ["", "", "", ""], "<>b<>a<>b<>", "[]bab", ["", "", "", ""], "<>é<>,<>ü<>", "[]é,ü", ["", "", "", ""], "<>a<>,<>b<>", "[]a,b", ["", "", "", ""], "<>,<>a<>,<>", "[],a,", ["", "", "", ""], "<>a<>b<>c<>", "[]abc", ["", "", "", ""], "<>", "[]", [""], "<>a<>\n<>b<>", "[]a\nb", ["", "", "", ""], "<>b<>a<>b<>", "[]bab", ["", "", "", ""], "<>é<>,<>ü<>", "[]é,ü", ["", "", "", ""], "a,<>b", "a,[]b", [""], ",a,", ",a,", [], "a<>bc", "a[]bc", [""], "", "", [], "a\n<>b", "a\n[]b", [""], "<>ba<>b", "[]bab", ["", ""], "é,ü", "é,ü", [], "<>a<>,<b><>", "[]a,b", ["", "", "b", ""], "<>,<>a<>,<>", "[],a,", ["", "", "", ""], "<>a<b><>c<>", "[]abc", ["", "b", "", ""], "<>", "[]", [""], "<>a<>\n<b><>", "[]a\nb", ["", "", "b", ""], "<b><>a<b><>", "[b]ab", ["b", "", "b", ""], "<>é<>,<>ü<>", "[]é,ü", ["", "", "", ""], "<aa>,<b>", "[a],b", [["a", nil], [nil, "b"]], ",<aa>,", ",[a],", [["a", nil]], "<aa><b>c", "[a]bc", [["a", nil], [nil, "b"]], "", "", [], "<aa>\n<b>", "[a]\nb", [["a", nil], [nil, "b"]], "<b><aa><b>", "[b]ab", [[nil, "b"], ["a", nil], [nil, "b"]], "é,ü", "é,ü", [], "a,b<>", "a,b[]", [""], ",a,<>", ",a,[]", [""], "abc<>", "abc[]", [""], "<>", "[]", [""], "a<>\nb<>", "a[]\nb", ["", ""], "bab<>", "bab[]", [""], "é,ü<>", "é,ü[]", [""], "<>a,b", "[]a,b", [""], "<>,a,", "[],a,", [""], "<>abc", "[]abc", [""], "<>", "[]", [""], "<>a\n<>b", "[]a\nb", ["", ""], "<>bab", "[]bab", [""], "<>é,ü", "[]é,ü", [""]])~"},
    {"match_inspect", R"~(["#<MatchData \"x\" a:\"x\">", "#<MatchData \"x\" 1:\"x\" 2:nil>"])~"},
    {"symbol_subject", R"~([1, true])~"},
    {"index", R"~([2, 3, nil, 2, 2])~"},
    {"slice", R"~(["42", "42", nil, "42", "order", "r", "items"])~"},
    {"start_with", R"~([true, false, true, nil])~"},
    {"partition", R"~([["a", "1", "b22c"], ["abc", "", ""], ["a1b2", "2", "c"], ["", "", "abc"], ["a", "-", "b"], ["a-b", "-", "c"]])~"},
    {"string_match", R"~(["b", "bc", true, 2, nil])~"},
    {"string_eq_tilde_string", R"~(TypeError: type mismatch: String given)~"},
    {"route_like", R"~(["42", "json", ["42", "json"]])~"},
    {"email", R"~([true, false, true, false])~"},
    {"interpolated", R"~([0, nil])~"},
    {"long_subject", R"~(50000)~"},
    {"timeout", R"~(Regexp::TimeoutError: regexp match timed out (limit 10000000 backtracking steps): /(a+)+b/)~"},
    {"timeout_class", R"~([Regexp::TimeoutError, RegexpError])~"},
    {"deep_nesting", R"~([201, "too deep nesting:"])~"},
  };
  auto rt = boot_regexp_app();
  for (auto& [name, expected] : cases) {
    INFO("case " << name);
    CHECK(ruby_case(*rt, name) == expected);
  }
}

TEST_CASE("Ruby: a gsub block can await (gsub is Ruby code)", "[regexp][ruby]") {
  auto rt = boot_regexp_app();
  kiln::Step s = rt->start(test::request("GET", "https://example.org/t/await_in_gsub_block"));
  for (const char* value : {"A", "B"}) {
    REQUIRE(s.kind == kiln::Step::Await);
    CHECK(test::operation(s) == "echo");
    kiln::codec::Writer w;
    w.array(2);
    w.boolean(true);
    w.str(value);
    s = rt->resume(s.request, w.take());
  }
  REQUIRE(s.kind == kiln::Step::Done);
  CHECK(test::response(s).body == "\"A B\"");
}
