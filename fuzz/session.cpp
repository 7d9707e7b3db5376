// Session cookies (ruby/kiln/sinatra/session.rb, enable :sessions): a fuzzed Cookie
// header must start an empty or decoded session, never a 500. When the first
// byte is odd, the rest is taken as the session's JSON and sent Base64'd in
// a correctly signed rack.session cookie, so the fuzzer reaches the JSON
// decoding behind the signature check.
#include "fuzz_common.h"
#include "crypto/base64.h"
#include "crypto/digest.h"

extern "C" const uint8_t fuzz_app[];

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& rt = fuzz::runtime(fuzz_app);
  if (size == 0) return 0;
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string cookie = body;
  if (data[0] & 1) {
    std::string payload = kiln::base64::encode(body, /*urlsafe=*/true);
    std::string sig = kiln::digest::hex(kiln::digest::hmac(kiln::digest::Algorithm::sha256, std::string(64, 's'), payload));
    cookie = "rack.session=" + payload + "--" + sig;
  }
  auto r = fuzz::run(rt, test::request("GET", "https://example.org/session", "", {{"cookie", cookie}}));
  if (r.status != 200) fuzz::fail("session route answered " + std::to_string(r.status) + ": " + r.body);
  return 0;
}
