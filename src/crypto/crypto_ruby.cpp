#include "crypto/crypto_ruby.h"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <unistd.h>

#include <mruby/class.h>
#include <mruby/string.h>

#include "crypto/base64.h"
#include "crypto/digest.h"

namespace kiln {

namespace {

std::string_view arg_view(mrb_value s) { return {RSTRING_PTR(s), static_cast<std::size_t>(RSTRING_LEN(s))}; }
mrb_value str(mrb_state* mrb, const std::string& s) { return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size())); }

digest::Algorithm algorithm(mrb_state* mrb, mrb_value name) {
  digest::Algorithm a;
  if (!mrb_string_p(name) && !mrb_symbol_p(name)) {
    mrb_raisef(mrb, E_TYPE_ERROR, "digest algorithm must be a String, not %C", mrb_obj_class(mrb, name));
  }
  mrb_value s = mrb_obj_as_string(mrb, name);
  if (!digest::from_name(arg_view(s), a)) {
    mrb_raisef(mrb, E_ARGUMENT_ERROR, "unsupported digest algorithm: %v (MD5, SHA1, SHA256, SHA384, SHA512)", s);
  }
  return a;
}

// Kiln::Crypto.digest(algorithm, data) -> raw bytes
mrb_value crypto_digest(mrb_state* mrb, mrb_value) {
  mrb_value name, data;
  mrb_get_args(mrb, "oS", &name, &data);
  return str(mrb, digest::hash(algorithm(mrb, name), arg_view(data)));
}

// Kiln::Crypto.hmac(algorithm, key, data) -> raw bytes
mrb_value crypto_hmac(mrb_state* mrb, mrb_value) {
  mrb_value name, key, data;
  mrb_get_args(mrb, "oSS", &name, &key, &data);
  return str(mrb, digest::hmac(algorithm(mrb, name), arg_view(key), arg_view(data)));
}

// Kiln::Crypto.pbkdf2_hmac(algorithm, password, salt, iterations, length) -> raw bytes
mrb_value crypto_pbkdf2_hmac(mrb_state* mrb, mrb_value) {
  mrb_value name, password, salt;
  mrb_int iterations, length;
  mrb_get_args(mrb, "oSSii", &name, &password, &salt, &iterations, &length);
  digest::Algorithm a = algorithm(mrb, name);
  if (iterations < 1) mrb_raise(mrb, E_ARGUMENT_ERROR, "PBKDF2 needs at least one iteration");
  if (length < 0 || length > (1 << 20)) mrb_raise(mrb, E_ARGUMENT_ERROR, "PBKDF2 length must be 0..1048576 bytes");
  return str(mrb, digest::pbkdf2_hmac(a, arg_view(password), arg_view(salt), static_cast<std::uint64_t>(iterations),
                                      static_cast<std::size_t>(length)));
}

// Kiln::Crypto.algorithm(name) -> "SHA256" (canonical) or ArgumentError
mrb_value crypto_algorithm(mrb_state* mrb, mrb_value) {
  mrb_value name;
  mrb_get_args(mrb, "o", &name);
  return mrb_str_new_cstr(mrb, digest::name(algorithm(mrb, name)));
}

mrb_value crypto_digest_length(mrb_state* mrb, mrb_value) {
  mrb_value name;
  mrb_get_args(mrb, "o", &name);
  return mrb_int_value(mrb, static_cast<mrb_int>(digest::size(algorithm(mrb, name))));
}

mrb_value crypto_block_length(mrb_state* mrb, mrb_value) {
  mrb_value name;
  mrb_get_args(mrb, "o", &name);
  return mrb_int_value(mrb, static_cast<mrb_int>(digest::block_size(algorithm(mrb, name))));
}

mrb_value crypto_hex(mrb_state* mrb, mrb_value) {
  mrb_value data;
  mrb_get_args(mrb, "S", &data);
  return str(mrb, digest::hex(arg_view(data)));
}

// Kiln::Crypto.base64_encode(data, urlsafe, padding, wrap)
mrb_value crypto_base64_encode(mrb_state* mrb, mrb_value) {
  mrb_value data;
  mrb_bool urlsafe, padding, wrap;
  mrb_get_args(mrb, "Sbbb", &data, &urlsafe, &padding, &wrap);
  return str(mrb, base64::encode(arg_view(data), urlsafe, padding, wrap));
}

// Kiln::Crypto.base64_decode_strict(text, urlsafe): ArgumentError "invalid base64"
mrb_value crypto_base64_decode_strict(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_bool urlsafe;
  mrb_get_args(mrb, "Sb", &text, &urlsafe);
  std::string out;
  if (!base64::decode_strict(arg_view(text), out, urlsafe)) mrb_raise(mrb, E_ARGUMENT_ERROR, "invalid base64");
  return str(mrb, out);
}

mrb_value crypto_base64_decode(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_get_args(mrb, "S", &text);
  return str(mrb, base64::decode_lenient(arg_view(text)));
}

mrb_int size_arg(mrb_state* mrb, mrb_int n) {
  if (n < 0) mrb_raise(mrb, E_ARGUMENT_ERROR, "negative string size (or size too big)");
  if (n > (1 << 24)) mrb_raise(mrb, E_ARGUMENT_ERROR, "random string too big (at most 16 MiB)");
  return n;
}

mrb_value crypto_random_bytes(mrb_state* mrb, mrb_value) {
  mrb_int n;
  mrb_get_args(mrb, "i", &n);
  return str(mrb, random_bytes(mrb, static_cast<std::size_t>(size_arg(mrb, n))));
}

uint64_t random_u64(mrb_state* mrb) {
  std::string b = random_bytes(mrb, 8);
  uint64_t v;
  std::memcpy(&v, b.data(), 8);
  return v;
}

// Kiln::Crypto.random_int(n): uniform in [0, n), by rejection (no modulo bias).
mrb_value crypto_random_int(mrb_state* mrb, mrb_value) {
  mrb_int n;
  mrb_get_args(mrb, "i", &n);
  if (n <= 0) mrb_raise(mrb, E_ARGUMENT_ERROR, "random_int needs a positive limit");
  const uint64_t limit = static_cast<uint64_t>(n);
  const uint64_t reject_from = UINT64_MAX - (UINT64_MAX % limit);  // values >= this would bias
  uint64_t v;
  do v = random_u64(mrb); while (v >= reject_from);
  return mrb_int_value(mrb, static_cast<mrb_int>(v % limit));
}

// Kiln::Crypto.random_float: uniform in [0, 1) with 53 random bits.
mrb_value crypto_random_float(mrb_state* mrb, mrb_value) {
  return mrb_float_value(mrb, static_cast<mrb_float>(random_u64(mrb) >> 11) * (1.0 / 9007199254740992.0));
}

// Kiln::Crypto.uuid: RFC 4122 version 4.
mrb_value crypto_uuid(mrb_state* mrb, mrb_value) {
  std::string b = random_bytes(mrb, 16);
  b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);
  std::string h = digest::hex(b);
  return str(mrb, h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20));
}

// Kiln::Crypto.secure_compare(a, b): time depends on the length only.
mrb_value crypto_secure_compare(mrb_state* mrb, mrb_value) {
  mrb_value a, b;
  mrb_get_args(mrb, "SS", &a, &b);
  if (RSTRING_LEN(a) != RSTRING_LEN(b)) return mrb_false_value();
  volatile unsigned char diff = 0;
  const char* pa = RSTRING_PTR(a);
  const char* pb = RSTRING_PTR(b);
  for (mrb_int i = 0; i < RSTRING_LEN(a); ++i) diff = diff | static_cast<unsigned char>(pa[i] ^ pb[i]);
  return mrb_bool_value(diff == 0);
}

}  // namespace

std::string random_bytes(mrb_state* mrb, std::size_t n) {
  std::string out(n, '\0');
  // getentropy() gives at most 256 bytes a call.
  for (std::size_t done = 0; done < n;) {
    std::size_t chunk = n - done < 256 ? n - done : 256;
    if (getentropy(&out[done], chunk) != 0) mrb_raise(mrb, E_RUNTIME_ERROR, "no source of secure random bytes (getentropy failed)");
    done += chunk;
  }
  return out;
}

void define_crypto(mrb_state* mrb) {
  struct RClass* crypto = mrb_define_module_under(mrb, mrb_define_module(mrb, "Kiln"), "Crypto");
  mrb_define_module_function(mrb, crypto, "digest", crypto_digest, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, crypto, "hmac", crypto_hmac, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, crypto, "pbkdf2_hmac", crypto_pbkdf2_hmac, MRB_ARGS_REQ(5));
  mrb_define_module_function(mrb, crypto, "algorithm", crypto_algorithm, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "digest_length", crypto_digest_length, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "block_length", crypto_block_length, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "hex", crypto_hex, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "base64_encode", crypto_base64_encode, MRB_ARGS_REQ(4));
  mrb_define_module_function(mrb, crypto, "base64_decode_strict", crypto_base64_decode_strict, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, crypto, "base64_decode", crypto_base64_decode, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "random_bytes", crypto_random_bytes, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "random_int", crypto_random_int, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, crypto, "random_float", crypto_random_float, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, crypto, "uuid", crypto_uuid, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, crypto, "secure_compare", crypto_secure_compare, MRB_ARGS_REQ(2));
}

}  // namespace kiln
