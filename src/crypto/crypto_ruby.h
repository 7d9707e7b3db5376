// Kiln::Crypto: the C++ primitives behind Digest, OpenSSL::HMAC,
// OpenSSL::Digest, Base64 and SecureRandom (ruby/kiln/crypto.rb).
#pragma once

#include <cstddef>
#include <string>

#include <mruby.h>

namespace kiln {

// n bytes from getentropy(): the OS natively, crypto.getRandomValues in
// wasm. Raises RuntimeError if no source is available.
std::string random_bytes(mrb_state* mrb, std::size_t n);

void define_crypto(mrb_state* mrb);

}  // namespace kiln
