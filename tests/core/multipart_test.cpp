#include <catch.hpp>

#include <string>
#include <vector>

#include "multipart/multipart.h"

using kiln::multipart::Limits;
using kiln::multipart::Part;

namespace {

std::vector<Part> parse_ok(const std::string& body, const std::string& boundary = "XyZ", Limits limits = {}) {
  std::vector<Part> parts;
  std::string error;
  INFO(body);
  REQUIRE(kiln::multipart::parse(body, boundary, limits, parts, error));
  return parts;
}

std::string parse_error(const std::string& body, const std::string& boundary = "XyZ", Limits limits = {}) {
  std::vector<Part> parts;
  std::string error;
  return kiln::multipart::parse(body, boundary, limits, parts, error) ? "ok" : error;
}

}  // namespace

TEST_CASE("multipart: RFC 7578 section 4 example and binary bodies", "[multipart]") {
  std::string binary("\0\r\n--Xy\xff\r\n-", 11);  // near-delimiters are data
  std::string body =
      "preamble\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"field1\"\r\n"
      "Content-Type: text/plain;charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Joe owes =E2=82=AC100.\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n" +
      binary + "\r\n--XyZ--\r\nepilogue";
  auto parts = parse_ok(body);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].name == "field1");
  CHECK_FALSE(parts[0].has_filename);
  CHECK(parts[0].content_type == "text/plain;charset=UTF-8");
  CHECK(parts[0].body == "Joe owes =E2=82=AC100.");
  CHECK(parts[1].name == "file");
  CHECK(parts[1].filename == "a.bin");
  CHECK(parts[1].body == binary);
  CHECK(parts[1].head.substr(0, 20) == "content-disposition:");
}

TEST_CASE("multipart: filenames (RFC 5987 filename*, escapes, paths)", "[multipart]") {
  auto one = [](const std::string& disposition) {
    auto parts = parse_ok("--XyZ\r\nContent-Disposition: " + disposition + "\r\n\r\nx\r\n--XyZ--");
    REQUIRE(parts.size() == 1);
    return parts[0];
  };
  CHECK(one("form-data; name=\"f\"; filename=\"r\xC3\xA9sum\xC3\xA9.txt\"").filename == "r\xC3\xA9sum\xC3\xA9.txt");
  CHECK(one("form-data; name=\"f\"; filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt").filename ==
        "\xE2\x82\xAC rates.txt");
  CHECK(one("form-data; name=\"f\"; filename*=iso-8859-1'en'%A3.txt").filename == "\xC2\xA3.txt");
  CHECK(one("form-data; name=\"f\"; filename=\"C:\\Users\\ada\\notes.txt\"").filename == "notes.txt");
  CHECK(one("form-data; name=\"f\"; filename=\"../../etc/passwd\"").filename == "passwd");
  CHECK(one("form-data; name=\"a%22b\"; filename=\"q%22uote%0A.txt\"").filename == "q\"uote\n.txt");
  CHECK(one("form-data; name=\"a%22b\"").name == "a\"b");
  CHECK(one("form-data; name=\"say \\\"hi\\\"\"").name == "say \"hi\"");
  CHECK(one("form-data; name=plain; filename=\"\"").has_filename);
  CHECK(one("form-data; name=plain").name == "plain");
  // A malformed filename* is ignored; the plain filename stays.
  CHECK(one("form-data; name=f; filename=\"ok.txt\"; filename*=UTF-8''%zz").filename == "ok.txt");
}

TEST_CASE("multipart: edge shapes", "[multipart]") {
  CHECK(parse_ok("--XyZ--").empty());
  // Parts are views into the body: it must outlive them.
  const std::string shapes = "--XyZ  \r\n\r\nno headers\r\n--XyZ\r\nContent-Disposition: form-data; name=e\r\n\r\n\r\n--XyZ--\r\n";
  auto parts = parse_ok(shapes);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].name.empty());
  CHECK(parts[0].body == "no headers");
  CHECK(parts[1].body.empty());
  // Folded header line.
  const std::string folded = "--XyZ\r\nContent-Disposition: form-data;\r\n name=\"folded\"\r\n\r\nv\r\n--XyZ--";
  parts = parse_ok(folded);
  CHECK(parts[0].name == "folded");
}

TEST_CASE("multipart: malformed bodies and limits are errors", "[multipart]") {
  CHECK(parse_error("") == "no multipart boundary found in the body");
  CHECK(parse_error("--other\r\n\r\nx\r\n--other--") == "no multipart boundary found in the body");
  CHECK(parse_error("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nunterminated") ==
        "multipart body has no closing boundary");
  CHECK(parse_error("--XyZ\r\nContent-Disposition: form-data; name=a\r\nno blank line") ==
        "multipart part headers are not terminated");
  CHECK(parse_error("--XyZjunk\r\n\r\nx\r\n--XyZ--") == "malformed multipart boundary line");
  CHECK(parse_error("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--") == "malformed part header");
  Limits small;
  small.max_parts = 2;
  small.max_header_size = 64;
  std::string three = "--XyZ\r\n\r\n1\r\n--XyZ\r\n\r\n2\r\n--XyZ\r\n\r\n3\r\n--XyZ--";
  CHECK(parse_error(three, "XyZ", small) == "more than 2 parts in the multipart body");
  CHECK(parse_error("--XyZ\r\nX-Long: " + std::string(100, 'a') + "\r\n\r\nx\r\n--XyZ--", "XyZ", small) ==
        "multipart part headers over 64 bytes");
}

TEST_CASE("multipart: boundary from the Content-Type", "[multipart]") {
  std::string b;
  CHECK(kiln::multipart::boundary_of("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk", b));
  CHECK(b == "----WebKitFormBoundary7MA4YWxk");
  CHECK(kiln::multipart::boundary_of("multipart/form-data; charset=utf-8; BOUNDARY=\"a b:c\"", b));
  CHECK(b == "a b:c");
  CHECK_FALSE(kiln::multipart::boundary_of("multipart/form-data", b));
  CHECK_FALSE(kiln::multipart::boundary_of("multipart/form-data; boundary=", b));
  CHECK_FALSE(kiln::multipart::boundary_of("multipart/form-data; boundary=" + std::string(71, 'x'), b));
}
