# `require 'openssl'`: keys and ciphers over Web Crypto, and HKDF, bundled into the
# app only when a file requires them (Digest, OpenSSL::HMAC, PKCS5 and
# SecureRandom are built into the runtime and need no require).
require 'openssl/pkey'
require 'openssl/cipher'
require 'openssl/kdf'
