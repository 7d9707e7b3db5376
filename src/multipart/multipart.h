// multipart/form-data bodies (RFC 7578 over RFC 2046): binary-safe, with
// the limits a Worker needs. Parts point into the body; nothing is copied
// but the decoded header values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiln::multipart {

struct Part {
  std::string name;          // Content-Disposition name (may be empty)
  bool has_filename = false;
  std::string filename;      // filename* (RFC 5987) wins over filename; directories stripped
  std::string content_type;  // the part's Content-Type, empty when absent
  std::string_view head;     // the raw header block, without the blank line
  std::string_view body;
};

struct Limits {
  std::size_t max_parts = 1024;
  std::size_t max_header_size = 8192;  // one part's header block
};

// The boundary parameter of a multipart Content-Type (quoted or not); false
// when it is missing or not a valid RFC 2046 boundary (1..70 characters).
bool boundary_of(std::string_view content_type, std::string& boundary);

// Parses `body`; on failure returns false with a message for a 400.
bool parse(std::string_view body, std::string_view boundary, const Limits& limits, std::vector<Part>& parts,
           std::string& error);

// RFC 5987 ext-value ("UTF-8''na%C3%AFve.txt") -> bytes; false if malformed
// or not UTF-8 / ISO-8859-1 (the latter is converted to UTF-8).
bool decode_ext_value(std::string_view value, std::string& out);

}  // namespace kiln::multipart

struct mrb_state;

namespace kiln {

// Kiln::Multipart.parse(body, content_type, max_parts, max_header_size):
// an Array of [name, filename-or-nil, content_type-or-nil, head, data], or
// a String (the reason) when the body is malformed.
void define_multipart(mrb_state* mrb);

}  // namespace kiln
