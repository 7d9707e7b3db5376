# Digest, OpenSSL::Digest, OpenSSL::HMAC, Base64 and SecureRandom with
# CRuby's API, over the synchronous C++ primitives in Kiln::Crypto
# (src/crypto/crypto_ruby.cpp). Digests and random bytes are binary Strings.
module Digest
  # Digest::SHA256.new << 'a' << 'b'; .hexdigest. The data is buffered and
  # hashed when a digest is asked for.
  class Class
    def self.digest(data)
      Kiln::Crypto.digest(new.algorithm, data)
    end

    def self.hexdigest(data)
      Kiln::Crypto.hex(digest(data))
    end

    def self.base64digest(data)
      Kiln::Crypto.base64_encode(digest(data), false, true, false)
    end

    def initialize
      @buffer = String.new
    end

    def algorithm
      self.class::ALGORITHM
    end

    def update(data)
      raise TypeError, "no implicit conversion of #{data.class} into String" unless data.is_a?(String)
      @buffer << data
      self
    end
    alias << update

    def reset
      @buffer = String.new
      self
    end

    # With data: the digest of that data alone (the object is reset), as in CRuby.
    def digest(data = nil)
      if data
        reset
        return Kiln::Crypto.digest(algorithm, data)
      end
      Kiln::Crypto.digest(algorithm, @buffer)
    end

    def digest!
      result = digest
      reset
      result
    end

    def hexdigest(data = nil)
      Kiln::Crypto.hex(digest(data))
    end

    def hexdigest!
      Kiln::Crypto.hex(digest!)
    end

    def base64digest(data = nil)
      Kiln::Crypto.base64_encode(digest(data), false, true, false)
    end

    def to_s
      hexdigest
    end

    def digest_length
      Kiln::Crypto.digest_length(algorithm)
    end
    alias length digest_length
    alias size digest_length

    def block_length
      Kiln::Crypto.block_length(algorithm)
    end

    def ==(other)
      other.is_a?(Digest::Class) ? digest == other.digest : hexdigest == other.to_s
    end

    def inspect
      "#<#{self.class}: #{hexdigest}>"
    end
  end

  class Base < Class; end

  class MD5 < Base; ALGORITHM = 'MD5'; end
  class SHA1 < Base; ALGORITHM = 'SHA1'; end
  class SHA256 < Base; ALGORITHM = 'SHA256'; end
  class SHA384 < Base; ALGORITHM = 'SHA384'; end
  class SHA512 < Base; ALGORITHM = 'SHA512'; end

  # Digest::SHA2.new(384); 256 by default.
  class SHA2 < Base
    def initialize(bitlen = 256)
      raise ArgumentError, "unsupported bit length: #{bitlen.inspect}" unless [256, 384, 512].include?(bitlen)
      @algorithm = "SHA#{bitlen}"
      super()
    end

    def algorithm
      @algorithm
    end
  end
end

module OpenSSL
  class OpenSSLError < StandardError; end

  # OpenSSL::Digest.new('SHA256'), OpenSSL::Digest::SHA256.new,
  # OpenSSL::Digest.digest('SHA256', data), OpenSSL::Digest::SHA256.hexdigest(data).
  class Digest < ::Digest::Class
    def self.digest(*args)
      data = args.pop
      new(*args).digest(data)
    end

    def self.hexdigest(*args)
      Kiln::Crypto.hex(digest(*args))
    end

    def self.base64digest(*args)
      Kiln::Crypto.base64_encode(digest(*args), false, true, false)
    end

    def initialize(name, data = nil)
      @algorithm = Kiln::Crypto.algorithm(name.is_a?(Digest) ? name.name : name)
      super()
      update(data) if data
    end

    def algorithm
      @algorithm
    end
    alias name algorithm

    %w[MD5 SHA1 SHA256 SHA384 SHA512].each do |alg|
      const_set(alg, ::Class.new(self) do
        const_set(:ALGORITHM, alg)
        def initialize(data = nil)
          super(self.class::ALGORITHM, data)
        end
      end)
    end
  end

  module HMAC
    class << self
      # digest: 'SHA256', 'sha256', OpenSSL::Digest.new('SHA256') or
      # OpenSSL::Digest::SHA256.new.
      def digest(digest, key, data)
        Kiln::Crypto.hmac(algorithm_of(digest), key.to_s, data.to_s)
      end

      def hexdigest(digest, key, data)
        Kiln::Crypto.hex(digest(digest, key, data))
      end

      def base64digest(digest, key, data)
        Kiln::Crypto.base64_encode(digest(digest, key, data), false, true, false)
      end

      private

      def algorithm_of(digest)
        digest.is_a?(::Digest::Class) ? digest.algorithm : digest
      end
    end
  end
end

module OpenSSL
  # PBKDF2 (RFC 8018). Where the call can await (a route, an event, a
  # Durable Object), Web Crypto derives the key (the `crypto` op's pbkdf2:
  # native code in workerd, so far cheaper in CPU than wasm), with workerd's
  # limit of 100 000 iterations, offline too. Where it cannot (a block
  # called from C, the app's top level, a storage transaction), and for
  # digests Web Crypto lacks (MD5, SHA-224) or a length of 0, the C++ loop.
  # Both give the same bytes.
  module PKCS5
    extend self

    WEB_CRYPTO_HASHES = { 'SHA1' => 'SHA-1', 'SHA256' => 'SHA-256', 'SHA384' => 'SHA-384', 'SHA512' => 'SHA-512' }.freeze

    def pbkdf2_hmac(pass, salt, iter, keylen, digest)
      algorithm = HMAC.send(:algorithm_of, digest)
      web = WEB_CRYPTO_HASHES[algorithm.to_s.upcase.delete('-')]
      if web && keylen.is_a?(Integer) && keylen > 0 && iter.is_a?(Integer) && iter > 0
        begin
          return Kiln.await(:crypto, 'pbkdf2', web, pass.to_s.b, salt.to_s.b, iter, keylen).b
        rescue Kiln::AwaitError
          # cannot await here: the C++ loop below
        end
      end
      Kiln::Crypto.pbkdf2_hmac(algorithm, pass.to_s, salt.to_s, iter, keylen)
    end

    def pbkdf2_hmac_sha1(pass, salt, iter, keylen)
      pbkdf2_hmac(pass, salt, iter, keylen, 'SHA1')
    end
  end

  module KDF
    # OpenSSL::KDF.pbkdf2_hmac(pass, salt:, iterations:, length:, hash:)
    def self.pbkdf2_hmac(pass, salt:, iterations:, length:, hash:)
      PKCS5.pbkdf2_hmac(pass, salt, iterations, length, hash)
    end
  end
end

module Base64
  class << self
    # Lines of 60 characters, each ending in "\n" (RFC 2045).
    def encode64(bin)
      Kiln::Crypto.base64_encode(bin.to_s, false, true, true)
    end

    # Skips characters outside the alphabet; never raises.
    def decode64(str)
      Kiln::Crypto.base64_decode(str.to_s)
    end

    def strict_encode64(bin)
      Kiln::Crypto.base64_encode(bin.to_s, false, true, false)
    end

    # ArgumentError ("invalid base64") on anything but canonical base64.
    def strict_decode64(str)
      Kiln::Crypto.base64_decode_strict(str.to_s, false)
    end

    def urlsafe_encode64(bin, padding: true)
      Kiln::Crypto.base64_encode(bin.to_s, true, padding ? true : false, false)
    end

    # Padding is optional; "+/" are accepted as well as "-_" (as in CRuby).
    def urlsafe_decode64(str)
      str = str.to_s
      str += '=' * (4 - str.length % 4) if !str.end_with?('=') && str.length % 4 != 0
      Kiln::Crypto.base64_decode_strict(str, true)
    end
  end
end

module SecureRandom
  ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

  class << self
    def random_bytes(n = nil)
      Kiln::Crypto.random_bytes(n.nil? ? 16 : n.to_i)
    end

    def bytes(n)
      random_bytes(n)
    end

    def hex(n = nil)
      Kiln::Crypto.hex(random_bytes(n))
    end

    def base64(n = nil)
      Kiln::Crypto.base64_encode(random_bytes(n), false, true, false)
    end

    def urlsafe_base64(n = nil, padding = false)
      Kiln::Crypto.base64_encode(random_bytes(n), true, padding ? true : false, false)
    end

    def uuid
      Kiln::Crypto.uuid
    end

    # Integer n > 0: an Integer in 0...n; Float n > 0: a Float in [0, n);
    # an Integer Range: a member of it; otherwise a Float in [0, 1).
    def random_number(n = 0)
      case n
      when Integer
        n > 0 ? Kiln::Crypto.random_int(n) : Kiln::Crypto.random_float
      when Float
        n > 0 ? Kiln::Crypto.random_float * n : Kiln::Crypto.random_float
      when Range
        first = n.first
        last = n.exclude_end? ? n.last - 1 : n.last
        raise ArgumentError, "invalid argument - #{n.inspect}" unless first.is_a?(Integer) && last.is_a?(Integer) && last >= first
        first + Kiln::Crypto.random_int(last - first + 1)
      else
        Kiln::Crypto.random_float
      end
    end
    alias rand random_number

    def alphanumeric(n = nil)
      n = n.nil? ? 16 : n.to_i
      s = String.new
      n.times { s << ALPHANUMERIC[Kiln::Crypto.random_int(62)] }
      s
    end
  end
end
