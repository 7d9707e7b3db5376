require 'openssl/pkey'

# JSON Web Tokens (RFC 7519, JWS compact serialization RFC 7515) with
# ruby-jwt's API: JWT.encode(payload, key, alg, header) and
# JWT.decode(token, key, verify, options) -> [payload, header].
# HS* run in C++ (synchronous); RS*, PS*, ES*, EdDSA go through
# OpenSSL::PKey (Web Crypto, an await).
module JWT
  class EncodeError < StandardError; end
  class DecodeError < StandardError; end
  class VerificationError < DecodeError; end
  class IncorrectAlgorithm < DecodeError; end
  class ExpiredSignature < DecodeError; end
  class ImmatureSignature < DecodeError; end
  class InvalidIssuerError < DecodeError; end
  class InvalidAudError < DecodeError; end
  class InvalidSubError < DecodeError; end
  class InvalidIatDecodeError < DecodeError; end
  class InvalidJtiError < DecodeError; end
  class MissingRequiredClaim < DecodeError; end
  class InvalidPayload < DecodeError; end

  # alg => [kind, digest]
  ALGORITHMS = {
    'HS256' => [:hmac, 'SHA256'], 'HS384' => [:hmac, 'SHA384'], 'HS512' => [:hmac, 'SHA512'],
    'RS256' => [:rsa, 'SHA256'], 'RS384' => [:rsa, 'SHA384'], 'RS512' => [:rsa, 'SHA512'],
    'PS256' => [:pss, 'SHA256'], 'PS384' => [:pss, 'SHA384'], 'PS512' => [:pss, 'SHA512'],
    'ES256' => [:ec, 'SHA256', 'prime256v1'], 'ES384' => [:ec, 'SHA384', 'secp384r1'],
    'ES512' => [:ec, 'SHA512', 'secp521r1'],
    'EdDSA' => [:eddsa, nil], 'ED25519' => [:eddsa, nil],
  }.freeze

  extend self

  def encode(payload, key, algorithm = 'HS256', header_fields = {})
    algorithm = algorithm.to_s
    header = { 'alg' => algorithm }
    header_fields.each { |k, v| header[k.to_s] = v }
    segments = [base64url(JSON.generate(header)), base64url(JSON.generate(payload))]
    input = segments.join('.')
    signature = algorithm == 'none' ? '' : sign(algorithm, input, key)
    "#{input}.#{base64url(signature)}"
  end

  # options: algorithm: / algorithms: (required when verifying), leeway:,
  # exp_leeway:, nbf_leeway:, verify_expiration: (true), verify_not_before:
  # (true), iss:, aud:, sub:, verify_iat:, required_claims: [...], jwks:.
  # A block is a key finder: |header, payload| -> key.
  def decode(jwt, key = nil, verify = true, options = {}, &keyfinder)
    raise DecodeError, 'Nil JSON web token' if jwt.nil?
    parts = jwt.to_s.split('.', -1)
    raise DecodeError, 'Not enough or too many segments' unless parts.size == 3 || (parts.size == 2 && !verify)
    header = parse_segment(parts[0])
    payload = parse_segment(parts[1])
    raise DecodeError, 'Invalid segment encoding' unless header.is_a?(Hash)
    if verify
      signature = decode_base64url(parts[2].to_s)
      alg = header['alg']
      allowed = Array(options[:algorithms] || options['algorithms'] || options[:algorithm] || options['algorithm']).map(&:to_s)
      raise IncorrectAlgorithm, 'An algorithm must be specified' if allowed.empty?
      raise IncorrectAlgorithm, 'Expected a different algorithm' unless alg.is_a?(String) && allowed.include?(alg) && alg != 'none'
      key = find_key(header, payload, key, options, &keyfinder)
      raise DecodeError, 'No verification key available' if key.nil?
      raise VerificationError, 'Signature verification failed' unless verify_signature(alg, "#{parts[0]}.#{parts[1]}", signature, key)
      Claims.verify!(payload, options)
    end
    [payload, header]
  end

  def base64url(data)
    Base64.urlsafe_encode64(data.to_s, padding: false)
  end

  def decode_base64url(text)
    raise DecodeError, 'Invalid segment encoding' if text.include?('=') || text.include?('+') || text.include?('/')
    Base64.urlsafe_decode64(text)
  rescue ArgumentError
    raise DecodeError, 'Invalid segment encoding'
  end

  def parse_segment(text)
    JSON.parse(decode_base64url(text))
  rescue JSON::ParserError
    raise DecodeError, 'Invalid segment encoding'
  end

  def find_key(header, payload, key, options)
    return yield(header, payload) if block_given?
    jwks = options[:jwks] || options['jwks']
    return key unless jwks
    jwks = jwks.call(options) if jwks.respond_to?(:call)
    keys = jwks.is_a?(Hash) ? (jwks[:keys] || jwks['keys']) : jwks
    raise DecodeError, 'No key id (kid) in the token header' unless header['kid']
    jwk = Array(keys).find { |k| (k[:kid] || k['kid']) == header['kid'] }
    raise DecodeError, "Could not find public key for kid #{header['kid']}" unless jwk
    JWK.import(jwk).verify_key
  end

  def sign(algorithm, input, key)
    kind, digest, = ALGORITHMS[algorithm]
    raise EncodeError, "Unsupported signing method #{algorithm}" unless kind
    key = key_for(kind, key, EncodeError)
    case kind
    when :hmac then OpenSSL::HMAC.digest(digest, key, input)
    when :rsa then key.sign(digest, input)
    when :pss then key.sign_pss(digest, input, salt_length: :digest, mgf1_hash: digest)
    when :ec
      check_curve(algorithm, key, EncodeError)
      key.sign_raw(digest, input)
    when :eddsa then key.sign(nil, input)
    end
  rescue OpenSSL::PKey::PKeyError => e
    raise EncodeError, e.message
  end

  def verify_signature(algorithm, input, signature, key)
    kind, digest, = ALGORITHMS[algorithm]
    raise IncorrectAlgorithm, "Unsupported algorithm #{algorithm}" unless kind
    key = key_for(kind, key, DecodeError)
    case kind
    when :hmac then Kiln::Crypto.secure_compare(OpenSSL::HMAC.digest(digest, key, input), signature)
    when :rsa then key.verify(digest, signature, input)
    when :pss then key.verify_pss(digest, signature, input, salt_length: :auto, mgf1_hash: digest)
    when :ec
      check_curve(algorithm, key, IncorrectAlgorithm)
      key.verify_raw(digest, signature, input)
    when :eddsa then key.verify(nil, signature, input)
    end
  rescue OpenSSL::PKey::PKeyError => e
    raise VerificationError, e.message
  end

  # Each algorithm family takes only its own kind of key: an HS256 token
  # is never checked against an RSA public key's PEM (algorithm confusion).
  def key_for(kind, key, error)
    key = key.verify_key if key.is_a?(JWK::Key) && error == DecodeError
    key = key.signing_key if key.is_a?(JWK::Key)
    case kind
    when :hmac
      raise error, 'HMAC key expected to be a String' unless key.is_a?(String)
      raise error, 'HMAC key looks like a PEM key; refusing it' if key.include?('-----BEGIN ')
      key
    when :rsa, :pss
      raise error, 'RSA key expected (OpenSSL::PKey::RSA)' unless key.is_a?(OpenSSL::PKey::RSA)
      key
    when :ec
      raise error, 'EC key expected (OpenSSL::PKey::EC)' unless key.is_a?(OpenSSL::PKey::EC)
      key
    when :eddsa
      raise error, 'Ed25519 key expected' unless key.is_a?(OpenSSL::PKey::PKey) && key.oid == 'ED25519'
      key
    end
  end

  def check_curve(algorithm, key, error)
    want = ALGORITHMS[algorithm][2]
    raise error, "#{algorithm} needs a #{want} key, not #{key.curve_name}" unless key.curve_name == want
  end

  # Registered claims (RFC 7519 section 4.1).
  module Claims
    extend self

    def verify!(payload, options)
      opt = ->(name, default = nil) { options.key?(name) ? options[name] : options.fetch(name.to_s, default) }
      Array(opt.call(:required_claims, [])).each do |claim|
        raise MissingRequiredClaim, "Missing required claim #{claim}" unless payload.is_a?(Hash) && payload.key?(claim.to_s)
      end
      return unless payload.is_a?(Hash)
      leeway = opt.call(:leeway, 0) || 0
      now = Time.now.to_i
      if opt.call(:verify_expiration, true) && payload.key?('exp')
        exp = numeric(payload['exp'], 'exp')
        raise ExpiredSignature, 'Signature has expired' if now >= exp + (opt.call(:exp_leeway) || leeway)
      end
      if opt.call(:verify_not_before, true) && payload.key?('nbf')
        nbf = numeric(payload['nbf'], 'nbf')
        raise ImmatureSignature, 'Signature nbf has not been reached' if nbf > now + (opt.call(:nbf_leeway) || leeway)
      end
      if opt.call(:verify_iat, false) && payload.key?('iat')
        iat = payload['iat']
        raise InvalidIatDecodeError, 'Invalid iat' unless iat.is_a?(Numeric) && iat <= now + leeway
      end
      iss = opt.call(:iss)
      if iss && opt.call(:verify_iss, true)
        allowed = Array(iss).map(&:to_s)
        unless allowed.include?(payload['iss'])
          raise InvalidIssuerError, "Invalid issuer. Expected #{allowed.join(', ')}, received #{payload['iss'] || '<none>'}"
        end
      end
      aud = opt.call(:aud)
      if aud && opt.call(:verify_aud, true)
        wanted = Array(aud).map(&:to_s)
        got = Array(payload['aud']).map(&:to_s)
        if (wanted & got).empty?
          raise InvalidAudError, "Invalid audience. Expected #{wanted.join(', ')}, received #{payload['aud'] || '<none>'}"
        end
      end
      sub = opt.call(:sub)
      if sub && opt.call(:verify_sub, true) && payload['sub'] != sub.to_s
        raise InvalidSubError, "Invalid subject. Expected #{sub}, received #{payload['sub'] || '<none>'}"
      end
      jti = opt.call(:verify_jti, false)
      if jti
        ok = jti.respond_to?(:call) ? jti.call(payload['jti']) : !payload['jti'].to_s.empty?
        raise InvalidJtiError, 'Invalid jti' unless ok
      end
    end

    def numeric(value, name)
      raise InvalidPayload, "#{name} claim must be a Numeric value but it is a #{value.class}" unless value.is_a?(Numeric)
      value
    end
  end

  # JWT::JWK.import(hash).verify_key; JWT::JWK.new(key, kid: 'k1').export
  module JWK
    def self.import(jwk)
      Key.new(jwk)
    end

    def self.new(key, params = {})
      Key.new(key, params)
    end

    class Key
      def initialize(key, params = {})
        params = params.is_a?(Hash) ? params : { 'kid' => params.to_s }
        @params = params.each_with_object({}) { |(k, v), h| h[k.to_s] = v }
        if key.is_a?(Hash)
          h = key.each_with_object({}) { |(k, v), acc| acc[k.to_s] = v }
          @params = h.reject { |k, _| %w[kty n e d p q dp dq qi crv x y k].include?(k) }.merge(@params)
          @key = h['kty'] == 'oct' ? JWT.decode_base64url(h['k'].to_s) : OpenSSL::PKey::PKey.from_jwk(h)
        else
          @key = key
        end
      end

      def kid; @params['kid']; end
      def [](name) @params[name.to_s] end
      def keypair; @key; end
      def signing_key; @key; end
      def verify_key; @key.is_a?(OpenSSL::PKey::PKey) ? @key.public_key : @key; end

      # The public JWK (include_private: true adds the private members).
      def export(include_private: false)
        jwk = @key.is_a?(String) ? { 'kty' => 'oct', 'k' => JWT.base64url(@key) } : @key.to_jwk(private: include_private)
        jwk = jwk.merge(@params)
        jwk.delete('k') if @key.is_a?(String) && !include_private
        jwk.each_with_object({}) { |(k, v), h| h[k.to_sym] = v }
      end
    end
  end
end

# Kiln's bearer-token extension (register Kiln::JWTAuth) comes with it.
require 'kiln/jwt_auth'
