# OpenSSL::KDF.hkdf (RFC 5869), on the runtime's synchronous HMAC
# (ruby/kiln/crypto.rb, which has OpenSSL::KDF.pbkdf2_hmac): works at the
# top level of app.rb as well as in routes, unlike the Web Crypto parts.
module OpenSSL
  module KDF
    class KDFError < OpenSSLError; end

    # hash: 'SHA256', OpenSSL::Digest.new('SHA256')...; length at most
    # 255 digest lengths. An empty salt is HashLen zero bytes (RFC 5869 2.2),
    # which is what HMAC makes of an empty key.
    def self.hkdf(ikm, salt:, info:, length:, hash:)
      alg = Kiln::Crypto.algorithm(hash.is_a?(::Digest::Class) ? hash.algorithm : hash)
      size = Kiln::Crypto.digest_length(alg)
      raise KDFError, "hkdf: length #{length} is over 255 * #{size}" if length > 255 * size || length < 0
      prk = Kiln::Crypto.hmac(alg, salt.to_s, ikm.to_s)
      okm = String.new
      t = String.new
      i = 1
      while okm.bytesize < length
        t = Kiln::Crypto.hmac(alg, prk, t + info.to_s + [i].pack('C'))
        okm << t
        i += 1
      end
      okm.byteslice(0, length)
    end
  end
end
