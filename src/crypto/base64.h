// Base64 (RFC 4648) with CRuby's Base64 module semantics: encode64 wraps
// every 60 characters, strict decoding rejects anything but canonical
// input, decode64 skips what is not base64 and stops at padding.
#pragma once

#include <string>
#include <string_view>

namespace kiln::base64 {

// urlsafe: "-_" for "+/"; wrap: a "\n" after every 60 output characters
// and at the end (Array#pack("m")).
std::string encode(std::string_view data, bool urlsafe = false, bool padding = true, bool wrap = false);

// Canonical input only (Array#unpack("m0")): length a multiple of 4,
// padding only at the end, zero unused bits. urlsafe accepts "-_" as well
// as "+/". Returns false on anything else.
bool decode_strict(std::string_view text, std::string& out, bool urlsafe = false);

// Lenient (Array#unpack("m")): never fails.
std::string decode_lenient(std::string_view text);

}  // namespace kiln::base64
