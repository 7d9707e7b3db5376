# Password hashes with PBKDF2-HMAC-SHA256 (RFC 8018), stored as
# "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash in Base64), so the
# rounds can be raised later without breaking existing hashes.
require 'openssl'
require 'base64'
require 'securerandom'

module Password
  SCHEME = 'pbkdf2-sha256'
  LENGTH = 32

  def self.create(password, iterations:)
    salt = SecureRandom.random_bytes(16)
    [SCHEME, iterations, Base64.strict_encode64(salt), Base64.strict_encode64(derive(password, salt, iterations))].join('$')
  end

  def self.verify(password, digest)
    scheme, iterations, salt, hash = digest.to_s.split('$')
    return false unless scheme == SCHEME && hash && iterations.to_i > 0
    expected = Base64.strict_decode64(hash)
    actual = derive(password, Base64.strict_decode64(salt), iterations.to_i, expected.bytesize)
    Kiln::Crypto.secure_compare(actual, expected)
  end

  # A digest no password matches, with the same cost as a real one.
  def self.decoy(iterations)
    [SCHEME, iterations, Base64.strict_encode64("\0" * 16), Base64.strict_encode64("\0" * LENGTH)].join('$')
  end

  def self.derive(password, salt, iterations, length = LENGTH)
    OpenSSL::PKCS5.pbkdf2_hmac(password.to_s, salt, iterations, length, 'sha256')
  end
end
