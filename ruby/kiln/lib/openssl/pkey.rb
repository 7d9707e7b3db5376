# OpenSSL::PKey (RSA, EC P-256/384/521, Ed25519, X25519) over Web Crypto:
# keys are parsed from PEM/DER/JWK here, synchronously; signing, verifying,
# RSA-OAEP encryption, ECDH / X25519 key agreement (derive,
# dh_compute_key), key generation and format conversion are the `crypto`
# operation (js/worker/crypto.js)
# through Kiln.await, so they work where an await can (in routes, filters,
# helpers; not at the top level of app.rb).
module Kiln
  # The little DER needed to recognise and wrap keys.
  module DER
    extend self

    OIDS = {
      "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01" => 'rsaEncryption',
      "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a" => 'RSASSA-PSS',
      "\x2a\x86\x48\xce\x3d\x02\x01" => 'id-ecPublicKey',
      "\x2a\x86\x48\xce\x3d\x03\x01\x07" => 'prime256v1',
      "\x2b\x81\x04\x00\x22" => 'secp384r1',
      "\x2b\x81\x04\x00\x23" => 'secp521r1',
      "\x2b\x65\x70" => 'ED25519',
      "\x2b\x65\x6e" => 'X25519',
    }.freeze

    def oid(name)
      OIDS.each { |bytes, n| return tlv(0x06, bytes) if n == name }
      raise ArgumentError, "unknown OID #{name}"
    end

    def oid_name(content)
      OIDS.fetch(content) { raise OpenSSL::PKey::PKeyError, 'unsupported key algorithm' }
    end

    # [tag, content, rest] of the first element of s.
    def read(s)
      raise OpenSSL::PKey::PKeyError, 'malformed DER' if s.bytesize < 2
      tag = s.getbyte(0)
      len = s.getbyte(1)
      pos = 2
      if len >= 0x80
        n = len & 0x7f
        raise OpenSSL::PKey::PKeyError, 'malformed DER' if n == 0 || n > 4 || s.bytesize < 2 + n
        len = 0
        n.times { |i| len = (len << 8) | s.getbyte(2 + i) }
        pos += n
      end
      raise OpenSSL::PKey::PKeyError, 'malformed DER' if s.bytesize < pos + len
      [tag, s.byteslice(pos, len), s.byteslice(pos + len, s.bytesize - pos - len)]
    end

    # The elements of a SEQUENCE's content.
    def elements(content)
      out = []
      until content.empty?
        tag, value, content = read(content)
        out << [tag, value]
      end
      out
    end

    def tlv(tag, content)
      n = content.bytesize
      len = n < 0x80 ? [n] : (n < 0x100 ? [0x81, n] : (n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]))
      [tag, *len].pack('C*') + content
    end

    def sequence(*items) tlv(0x30, items.join) end

    # An unsigned big-endian integer's bytes as a DER INTEGER.
    def integer(bytes)
      bytes = bytes.byteslice(1, bytes.bytesize - 1) while bytes.bytesize > 1 && bytes.getbyte(0) == 0
      bytes = "\x00" + bytes if bytes.empty? || bytes.getbyte(0) >= 0x80
      tlv(0x02, bytes)
    end

    # A DER INTEGER's content as exactly `size` unsigned bytes (nil if longer).
    def unsigned(content, size)
      content = content.byteslice(1, content.bytesize - 1) while content.bytesize > size && content.getbyte(0) == 0
      return nil if content.bytesize > size
      "\x00" * (size - content.bytesize) + content
    end
  end
end

module OpenSSL
  module PKey
    class PKeyError < OpenSSLError; end
    class RSAError < PKeyError; end
    class ECError < PKeyError; end

    # Web Crypto names and key sizes of the raw (RFC 8410) key types.
    RAW = { 'ED25519' => 'Ed25519', 'X25519' => 'X25519' }.freeze

    CURVES = { 'prime256v1' => ['P-256', 32], 'secp384r1' => ['P-384', 48], 'secp521r1' => ['P-521', 66] }.freeze
    CURVE_ALIASES = { 'P-256' => 'prime256v1', 'secp256r1' => 'prime256v1', 'P-384' => 'secp384r1', 'P-521' => 'secp521r1' }.freeze

    # A PEM (PKCS#8 "PRIVATE KEY", SPKI "PUBLIC KEY", PKCS#1 "RSA PRIVATE /
    # PUBLIC KEY", SEC1 "EC PRIVATE KEY") or DER key, as RSA, EC or PKey.
    def self.read(string, _password = nil)
      PKey.load(string)
    end

    # OpenSSL::PKey.generate_key('ED25519') / ('RSA', rsa_keygen_bits: 2048) / ('EC', ec_paramgen_curve: 'P-256')
    def self.generate_key(type, options = {})
      case type.to_s.upcase
      when 'ED25519' then PKey.generated('ED25519', name: 'Ed25519')
      when 'X25519' then PKey.generated('X25519', name: 'X25519')
      when 'RSA' then RSA.generate(options['rsa_keygen_bits'] || options[:rsa_keygen_bits] || 2048)
      when 'EC' then EC.generate(options['ec_paramgen_curve'] || options[:ec_paramgen_curve] || 'prime256v1')
      else raise PKeyError, "unsupported key type #{type} (RSA, EC, ED25519, X25519)"
      end
    end

    # RFC 8410 keys from their 32 raw bytes (X25519 as in RFC 7748).
    def self.new_raw_private_key(type, bytes)
      oid = raw_oid(type)
      der = Kiln::DER.sequence(Kiln::DER.integer("\x00"), Kiln::DER.sequence(Kiln::DER.oid(oid)),
                               Kiln::DER.tlv(0x04, Kiln::DER.tlv(0x04, bytes.to_s)))
      PKey.from(oid, true, der: der)
    end

    def self.new_raw_public_key(type, bytes)
      oid = raw_oid(type)
      PKey.from(oid, false, der: Kiln::DER.sequence(Kiln::DER.sequence(Kiln::DER.oid(oid)), Kiln::DER.tlv(0x03, "\x00" + bytes.to_s)))
    end

    def self.raw_oid(type)
      oid = type.to_s.upcase
      raise PKeyError, "raw keys are ED25519 or X25519, not #{type}" unless RAW.key?(oid)
      oid
    end

    class PKey
      # oid: 'rsaEncryption', 'id-ecPublicKey' or 'ED25519'; der: PKCS#8 or
      # SPKI; jwk: a JWK Hash instead of der.
      def self.from(oid, private, der: nil, jwk: nil, curve: nil)
        klass = oid == 'rsaEncryption' ? RSA : oid == 'id-ecPublicKey' ? EC : PKey
        key = klass.allocate
        key.__send__(:setup, oid, private, der, jwk, curve)
        key
      end

      def self.load(string)
        string = string.to_s
        return from_der(string) unless string.include?('-----BEGIN ')
        label = string[string.index('-----BEGIN ') + 11, string.length].split('-----').first
        body = string.split("-----BEGIN #{label}-----", 2)[1].to_s.split("-----END #{label}-----", 2)
        raise PKeyError, "PEM #{label} has no END line" if body.size < 2
        der = Base64.decode64(body[0])
        case label
        when 'PRIVATE KEY', 'PUBLIC KEY' then from_der(der)
        when 'RSA PRIVATE KEY'
          from_der(Kiln::DER.sequence(Kiln::DER.integer("\x00"), rsa_algorithm_id, Kiln::DER.tlv(0x04, der)))
        when 'RSA PUBLIC KEY' then from_der(Kiln::DER.sequence(rsa_algorithm_id, Kiln::DER.tlv(0x03, "\x00" + der)))
        when 'EC PRIVATE KEY'
          # SEC1: SEQUENCE { 1, privateKey, [0] curve OID, [1] publicKey }
          params = Kiln::DER.elements(Kiln::DER.read(der)[1]).find { |tag, _| tag == 0xa0 }
          raise PKeyError, 'EC PRIVATE KEY without a named curve' unless params
          curve = Kiln::DER.oid_name(Kiln::DER.read(params[1])[1])
          alg = Kiln::DER.sequence(Kiln::DER.oid('id-ecPublicKey'), Kiln::DER.oid(curve))
          from_der(Kiln::DER.sequence(Kiln::DER.integer("\x00"), alg, Kiln::DER.tlv(0x04, der)))
        when 'ENCRYPTED PRIVATE KEY' then raise PKeyError, 'encrypted private keys are not supported: decrypt the PEM first'
        else raise PKeyError, "unsupported PEM type #{label}"
        end
      end

      def self.rsa_algorithm_id
        Kiln::DER.sequence(Kiln::DER.oid('rsaEncryption'), "\x05\x00")
      end

      # PKCS#8: SEQUENCE { version, AlgorithmIdentifier, key }; SPKI: SEQUENCE { AlgorithmIdentifier, key }.
      def self.from_der(der)
        tag, content, = Kiln::DER.read(der)
        raise PKeyError, 'not a DER key' unless tag == 0x30
        items = Kiln::DER.elements(content)
        private = items[0] && items[0][0] == 0x02
        alg = private ? items[1] : items[0]
        raise PKeyError, 'not a PKCS#8 or SPKI key' unless alg && alg[0] == 0x30
        alg_items = Kiln::DER.elements(alg[1])
        oid = Kiln::DER.oid_name(alg_items[0][1])
        raise PKeyError, 'RSASSA-PSS keys are not supported; use an rsaEncryption key with sign_pss' if oid == 'RSASSA-PSS'
        curve = oid == 'id-ecPublicKey' && alg_items[1] ? Kiln::DER.oid_name(alg_items[1][1]) : nil
        raise PKeyError, 'unsupported key algorithm' unless %w[rsaEncryption id-ecPublicKey ED25519 X25519].include?(oid)
        from(oid, private, der: der, curve: curve)
      end

      def self.from_jwk(jwk)
        jwk = jwk.each_with_object({}) { |(k, v), h| h[k.to_s] = v }
        case jwk['kty']
        when 'RSA' then from('rsaEncryption', jwk.key?('d'), jwk: jwk)
        when 'EC'
          curve = CURVE_ALIASES[jwk['crv']] or raise PKeyError, "unsupported EC curve #{jwk['crv'].inspect}"
          from('id-ecPublicKey', jwk.key?('d'), jwk: jwk, curve: curve)
        when 'OKP'
          oid = RAW.key(jwk['crv']) or raise PKeyError, "unsupported OKP curve #{jwk['crv'].inspect}"
          from(oid, jwk.key?('d'), jwk: jwk)
        else raise PKeyError, "unsupported JWK kty #{jwk['kty'].inspect}"
        end
      end

      def self.generated(oid, algorithm, curve = nil)
        pair = Kiln.await(:crypto, 'generate', algorithm)
        key = from(oid, true, der: pair['private'], curve: curve)
        key.instance_variable_set(:@public_der, pair['public'])
        key
      end

      attr_reader :oid

      def private?; @private; end
      def public?; true; end

      # digest: nil for Ed25519; a name or OpenSSL::Digest otherwise.
      def sign(digest, data) web_sign(digest, data) end
      def verify(digest, signature, data) web_verify(digest, signature, data) end

      def public_key
        return self unless private?
        PKey.from(@oid, false, der: public_der, curve: @curve)
      end

      def to_der; der; end
      def public_to_der; public_der; end
      def private_to_der
        raise PKeyError, 'not a private key' unless private?
        der
      end

      def to_pem; pem(private? ? 'PRIVATE KEY' : 'PUBLIC KEY', der); end
      alias export to_pem
      alias to_s to_pem
      def public_to_pem; pem('PUBLIC KEY', public_der); end
      def private_to_pem; pem('PRIVATE KEY', private_to_der); end

      # The key as a JWK Hash (public members only unless private: true).
      def to_jwk(private: false)
        info = describe
        jwk = private && private? ? info['jwk'] : info['public_jwk']
        jwk = jwk.dup
        jwk.delete('key_ops')
        jwk.delete('ext')
        jwk.delete('alg')
        jwk
      end

      # X25519 (and EC, below): the shared secret with the peer's public key.
      def derive(peer)
        raise PKeyError, "#{@oid} keys do not derive shared secrets" unless @oid == 'X25519'
        agree(peer, 256)
      end

      def raw_public_key
        raise PKeyError, 'raw keys are ED25519 or X25519' unless RAW.key?(@oid)
        d = public_der
        d.byteslice(d.bytesize - 32, 32)
      end

      def raw_private_key
        raise PKeyError, 'raw keys are ED25519 or X25519' unless RAW.key?(@oid) && private?
        Base64.urlsafe_decode64(to_jwk(private: true)['d'])
      end

      def oid_name; @oid; end

      def inspect
        "#<#{self.class}:#{@oid}#{@curve ? " #{@curve}" : ''} #{private? ? 'private' : 'public'}>"
      end

      private

      # The signature as Web Crypto makes it (r||s for ECDSA).
      def web_sign(digest, data)
        raise PKeyError, 'signing needs a private key' unless private?
        call_crypto('sign', key_source, import_algorithm(digest), sign_algorithm(digest), data.to_s)
      end

      def web_verify(digest, signature, data)
        call_crypto('verify', public_source, import_algorithm(digest), sign_algorithm(digest), signature.to_s, data.to_s)
      end

      def setup(oid, private, der, jwk, curve)
        @oid = oid
        @private = private
        @der = der
        @jwk = jwk
        @curve = curve
      end

      def der
        @der ||= describe['der']
      end

      def public_der
        return der unless private?
        @public_der ||= describe['public_der']
      end

      def describe
        @describe ||= call_crypto('describe', key_source, import_algorithm(nil))
      end

      def key_source
        @der ? { 'format' => private? ? 'pkcs8' : 'spki', 'data' => @der } : { 'format' => 'jwk', 'data' => @jwk }
      end

      def public_source
        return key_source unless private?
        { 'format' => 'spki', 'data' => public_der }
      end

      def import_algorithm(_digest)
        { 'name' => RAW.fetch(@oid) }
      end

      def sign_algorithm(_digest)
        raise PKeyError, 'X25519 keys do not sign: use derive' if @oid == 'X25519'
        { 'name' => 'Ed25519' }
      end

      # The key agreement (ECDH, X25519) of this private key and peer's public half.
      def agree(peer, bits)
        raise PKeyError, 'key agreement needs a private key' unless private?
        raise PKeyError, "the peer key is a #{peer.class}, not a #{self.class}" unless peer.is_a?(PKey) && peer.oid == @oid
        alg = agreement_algorithm
        call_crypto('derive', key_source, peer.__send__(:public_source), alg, bits)
      end

      def agreement_algorithm
        { 'name' => 'X25519' }
      end

      def call_crypto(*args)
        Kiln.await(:crypto, *args)
      rescue Kiln::JSError => e
        raise PKeyError, e.message
      end

      def pem(label, der)
        body = Base64.strict_encode64(der)
        lines = []
        i = 0
        while i < body.length
          lines << body[i, 64]
          i += 64
        end
        "-----BEGIN #{label}-----\n#{lines.join("\n")}\n-----END #{label}-----\n"
      end

      def hash_name(digest)
        raise PKeyError, "#{self.class} needs a digest (such as 'SHA256')" if digest.nil?
        name = Kiln::Crypto.algorithm(digest.is_a?(::Digest::Class) ? digest.algorithm : digest)
        raise PKeyError, "#{name} is not available for signatures (SHA1, SHA256, SHA384, SHA512)" if name == 'MD5'
        name.sub('SHA', 'SHA-')
      end
    end

    class RSA < PKey
      # RSA.new(pem_or_der) or RSA.new(bits) (generates: an await).
      def self.new(source = 2048, _password = nil)
        return generate(source) if source.is_a?(Integer)
        key = PKey.load(source)
        raise PKeyError, 'not an RSA key' unless key.is_a?(RSA)
        key
      end

      def self.generate(bits = 2048, exponent = 65_537)
        raise PKeyError, 'RSA keys must be 2048 bits or more' if bits < 2048
        exp = [exponent >> 16, (exponent >> 8) & 0xff, exponent & 0xff].pack('C*')
        PKey.generated('rsaEncryption', 'name' => 'RSASSA-PKCS1-v1_5', 'modulusLength' => bits,
                                        'publicExponent' => exp, 'hash' => 'SHA-256')
      end

      # RSASSA-PSS (PS256...). salt_length: Integer, :digest or :max (sign);
      # :auto on verify means the digest length. mgf1_hash must be the digest.
      def sign_pss(digest, data, salt_length:, mgf1_hash:)
        raise PKeyError, 'signing needs a private key' unless private?
        pss('sign', key_source, digest, salt_length, mgf1_hash, data.to_s)
      end

      def verify_pss(digest, signature, data, salt_length:, mgf1_hash:)
        pss('verify', public_source, digest, salt_length, mgf1_hash, signature.to_s, data.to_s)
      end

      def n_bits
        Base64.urlsafe_decode64(to_jwk['n']).bytesize * 8
      end

      # RSA-OAEP (RFC 8017 section 7.1) with SHA-1 and MGF1-SHA-1, as
      # OpenSSL's PKCS1_OAEP_PADDING. Web Crypto has no RSAES-PKCS1-v1_5
      # (OpenSSL's default padding) nor raw RSA, so those raise.
      def public_encrypt(data, padding = PKCS1_PADDING)
        oaep('encrypt', public_source, oaep_padding!(padding), data)
      end

      def private_decrypt(data, padding = PKCS1_PADDING)
        raise RSAError, 'private_decrypt needs a private key' unless private?
        oaep('decrypt', key_source, oaep_padding!(padding), data)
      end

      def private_encrypt(*)
        raise RSAError, 'private_encrypt (raw RSA signing) is not in Web Crypto: use sign'
      end

      def public_decrypt(*)
        raise RSAError, 'public_decrypt (raw RSA verification) is not in Web Crypto: use verify'
      end

      # PKey#encrypt / #decrypt: {'rsa_padding_mode' => 'oaep', 'rsa_oaep_md' => 'sha256'}
      # (rsa_mgf1_md, if given, must be the same digest: Web Crypto's MGF1 uses it).
      def encrypt(data, options = nil)
        oaep('encrypt', public_source, oaep_options(options), data)
      end

      def decrypt(data, options = nil)
        raise RSAError, 'decrypt needs a private key' unless private?
        oaep('decrypt', key_source, oaep_options(options), data)
      end

      PKCS1_PADDING = 1
      SSLV23_PADDING = 2
      NO_PADDING = 3
      PKCS1_OAEP_PADDING = 4

      private

      def oaep_padding!(padding)
        return 'SHA-1' if padding == PKCS1_OAEP_PADDING
        raise RSAError, 'only PKCS1_OAEP_PADDING: Web Crypto has no RSAES-PKCS1-v1_5 or raw RSA encryption ' \
                        '(pass OpenSSL::PKey::RSA::PKCS1_OAEP_PADDING)'
      end

      def oaep_options(options)
        opts = (options || {}).each_with_object({}) { |(k, v), h| h[k.to_s] = v.to_s }
        unless opts['rsa_padding_mode'].to_s.downcase == 'oaep'
          raise RSAError, "rsa_padding_mode must be 'oaep': Web Crypto has no RSAES-PKCS1-v1_5 or raw RSA encryption"
        end
        hash = hash_name(opts['rsa_oaep_md'] || 'SHA1')
        raise RSAError, 'rsa_mgf1_md must be rsa_oaep_md (Web Crypto)' if opts['rsa_mgf1_md'] && hash_name(opts['rsa_mgf1_md']) != hash
        hash
      end

      def oaep(method, source, hash, data)
        call_crypto(method, source, { 'name' => 'RSA-OAEP' }, data.to_s, { 'name' => 'RSA-OAEP', 'hash' => hash })
      rescue PKeyError => e
        raise RSAError, e.message
      end

      def pss(method, source, digest, salt_length, mgf1_hash, *data)
        hash = hash_name(digest)
        raise PKeyError, 'mgf1_hash must be the signing digest (Web Crypto)' unless hash_name(mgf1_hash) == hash
        salt = case salt_length
               when Integer then salt_length
               when :digest, :auto, 'digest', 'auto' then Kiln::Crypto.digest_length(hash)
               when :max, 'max' then n_bits / 8 - Kiln::Crypto.digest_length(hash) - 2
               else raise PKeyError, "bad salt_length #{salt_length.inspect}"
               end
        call_crypto(method, source, { 'name' => 'RSA-PSS', 'hash' => hash }, { 'name' => 'RSA-PSS', 'saltLength' => salt }, *data)
      end

      def import_algorithm(digest)
        { 'name' => 'RSASSA-PKCS1-v1_5', 'hash' => digest.nil? ? 'SHA-256' : hash_name(digest) }
      end

      def sign_algorithm(_digest)
        { 'name' => 'RSASSA-PKCS1-v1_5' }
      end
    end

    class EC < PKey
      def self.new(source, _password = nil)
        key = PKey.load(source)
        raise PKeyError, 'not an EC key' unless key.is_a?(EC)
        key
      end

      # EC.generate('prime256v1') (also 'P-256', 'secp384r1', 'secp521r1').
      def self.generate(curve)
        curve = CURVE_ALIASES[curve] || curve
        raise PKeyError, "unsupported curve #{curve.inspect}" unless CURVES.key?(curve)
        PKey.generated('id-ecPublicKey', { 'name' => 'ECDSA', 'namedCurve' => CURVES[curve][0] }, curve)
      end

      def curve_name; @curve; end
      def group; Group.new(@curve); end

      # EC#group.curve_name, as OpenSSL::PKey::EC::Group.
      class Group
        attr_reader :curve_name
        def initialize(name) @curve_name = name end
      end

      # DER (ASN.1) signatures, as OpenSSL: Web Crypto's r||s is converted.
      def sign(digest, data)
        raw = web_sign(digest, data)
        half = raw.bytesize / 2
        Kiln::DER.sequence(Kiln::DER.integer(raw.byteslice(0, half)), Kiln::DER.integer(raw.byteslice(half, half)))
      end

      def verify(digest, signature, data)
        raw = raw_signature(signature)
        raw ? web_verify(digest, raw, data) : false
      end

      # ECDH: the shared secret (the x coordinate, as OpenSSL) with the
      # peer's public key: an EC key of the same curve, or an EC::Point.
      def derive(peer)
        peer = peer.to_pkey(@curve) if peer.is_a?(Point)
        agree(peer, CURVES.fetch(@curve)[1] * 8)
      end
      alias dh_compute_key derive

      # The public key as an EC::Point (OpenSSL's EC#public_key is a Point;
      # Kiln's stays a key, which derive also takes).
      def public_point
        d = public_der
        Point.new(group, Kiln::DER.elements(Kiln::DER.read(d)[1])[1][1].byteslice(1, d.bytesize))
      end

      def private_key?; private?; end
      def public_key?; true; end

      # An encoded point (0x04 || x || y, uncompressed).
      class Point
        attr_reader :group

        def initialize(group, encoded)
          @group = group.is_a?(Group) ? group : Group.new(CURVE_ALIASES[group] || group)
          @encoded = encoded.to_s
        end

        def to_octet_string(_form = :uncompressed) @encoded end
        def to_bn; @encoded; end

        def to_pkey(curve = @group.curve_name)
          alg = Kiln::DER.sequence(Kiln::DER.oid('id-ecPublicKey'), Kiln::DER.oid(curve))
          PKey.from('id-ecPublicKey', false, der: Kiln::DER.sequence(alg, Kiln::DER.tlv(0x03, "\x00" + @encoded)), curve: curve)
        end
      end

      # Kiln: r||s signatures (JWS ES256...), no DER.
      def sign_raw(digest, data) web_sign(digest, data) end
      def verify_raw(digest, signature, data) web_verify(digest, signature, data) end

      private

      def raw_signature(der)
        size = CURVES[@curve][1]
        tag, content, rest = Kiln::DER.read(der)
        return nil unless tag == 0x30 && rest.empty?
        items = Kiln::DER.elements(content)
        return nil unless items.size == 2 && items.all? { |t, _| t == 0x02 }
        r = Kiln::DER.unsigned(items[0][1], size)
        s = Kiln::DER.unsigned(items[1][1], size)
        r && s ? r + s : nil
      rescue PKeyError
        nil
      end

      def import_algorithm(_digest)
        { 'name' => 'ECDSA', 'namedCurve' => CURVES.fetch(@curve) { raise PKeyError, "unsupported curve #{@curve}" }[0] }
      end

      def sign_algorithm(digest)
        { 'name' => 'ECDSA', 'hash' => hash_name(digest) }
      end

      def agreement_algorithm
        { 'name' => 'ECDH', 'namedCurve' => CURVES.fetch(@curve)[0] }
      end
    end
  end
end
