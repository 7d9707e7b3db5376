# Fixture for tests/workerd/crypto_jwt.test.mjs and uploads.test.mjs: every
# route answers JSON; inputs (keys, tokens, vectors) come from the test.
require 'json'
require 'openssl'
require 'jwt'

register Kiln::JWTAuth
set :jwt_secret, 'a-test-secret-of-32-bytes-or-more!'
set :jwt_verify, { iss: 'kiln-tests', leeway: 5 }

before { content_type 'application/json' }

helpers do
  def input; @input ||= JSON.parse(request.body.read); end
  def hex(s) s.unpack1('H*') end
  def unhex(s) [s].pack('H*') end
  def error_of
    yield
    'none'
  rescue StandardError => e
    "#{e.class}: #{e.message}"
  end
end

post '/hmac' do
  JSON.generate(%w[SHA256 SHA384 SHA512].map { |d| OpenSSL::HMAC.hexdigest(d, input['key'], input['data']) })
end

post '/pbkdf2' do
  JSON.generate(hex(OpenSSL::PKCS5.pbkdf2_hmac(input['password'], input['salt'], input['iterations'], input['length'], input['hash'])))
end

# The same derivation three ways: in the route (Web Crypto), through the C++
# loop directly, and from a block called by C (a Hash default block cannot
# await, so PKCS5 falls back to C++ there).
post '/pbkdf2_paths' do
  pw, salt, n, len, hash = input.values_at('password', 'salt', 'iterations', 'length', 'hash')
  from_c = Hash.new { |h, k| h[k] = OpenSSL::PKCS5.pbkdf2_hmac(pw, salt, n, len, hash) }
  JSON.generate([hex(OpenSSL::PKCS5.pbkdf2_hmac(pw, salt, n, len, hash)), hex(Kiln::Crypto.pbkdf2_hmac(hash.upcase, pw, salt, n, len)), hex(from_c[:k])])
end

post '/pbkdf2_limit' do
  JSON.generate([error_of { OpenSSL::PKCS5.pbkdf2_hmac('pw', 'salt', 100_001, 32, 'SHA256') }, Hash.new { |h, k| h[k] = OpenSSL::PKCS5.pbkdf2_hmac('pw', 'salt', 100_001, 4, 'SHA256').bytesize }[:k]])
end

post '/gcm' do
  c = OpenSSL::Cipher.new('aes-256-gcm').encrypt
  c.key = unhex(input['key'])
  c.iv = unhex(input['iv'])
  c.auth_data = unhex(input['aad'])
  ct = c.update(unhex(input['plain'])) + c.final
  tag = c.auth_tag
  d = OpenSSL::Cipher.new('aes-256-gcm').decrypt
  d.key = unhex(input['key'])
  d.iv = unhex(input['iv'])
  d.auth_tag = tag
  d.auth_data = unhex(input['aad'])
  plain = d.update(ct) + d.final
  bad = OpenSSL::Cipher.new('aes-256-gcm').decrypt
  bad.key = unhex(input['key'])
  bad.iv = unhex(input['iv'])
  bad.auth_tag = tag
  bad.auth_data = 'other'
  JSON.generate(ciphertext: hex(ct), tag: hex(tag), roundtrip: hex(plain) == input['plain'],
                tampered: error_of { bad.update(ct); bad.final })
end

post '/cbc' do
  c = OpenSSL::Cipher.new(input['cipher']).encrypt
  key = c.random_key
  iv = c.random_iv
  ct = c.update(input['plain']) + c.final
  d = OpenSSL::Cipher.new(input['cipher']).decrypt
  d.key = key
  d.iv = iv
  JSON.generate(key: hex(key), iv: hex(iv), ciphertext: hex(ct), plain: d.update(ct) + d.final)
end

# Signs input['data'] with a PEM/JWK private key; also verifies with the
# given public key and exports the key.
post '/sign' do
  key = input['jwk'] ? OpenSSL::PKey::PKey.from_jwk(input['jwk']) : OpenSSL::PKey.read(input['pem'])
  digest = input['digest']
  sig = input['pss'] ? key.sign_pss(digest, input['data'], salt_length: :digest, mgf1_hash: digest) : key.sign(digest, input['data'])
  pub = input['public'] ? OpenSSL::PKey.read(input['public']) : key.public_key
  ok = input['pss'] ? pub.verify_pss(digest, sig, input['data'], salt_length: :auto, mgf1_hash: digest) : pub.verify(digest, sig, input['data'])
  JSON.generate(class: key.class.to_s, private: key.private?, signature: hex(sig), verified: ok,
                wrong_data: input['pss'] ? nil : pub.verify(digest, sig, input['data'] + 'x'),
                public_pem: key.public_to_pem, jwk: key.to_jwk)
end

post '/verify' do
  key = OpenSSL::PKey.read(input['pem'])
  JSON.generate(key.verify(input['digest'], unhex(input['signature']), input['data']))
end

post '/generate' do
  key = case input['type']
        when 'RSA' then OpenSSL::PKey::RSA.generate(2048)
        when 'EC' then OpenSSL::PKey::EC.generate('prime256v1')
        else OpenSSL::PKey.generate_key('ED25519')
        end
  digest = input['type'] == 'ED25519' ? nil : 'SHA256'
  sig = key.sign(digest, 'hello')
  JSON.generate(private_pem: key.private_to_pem, public_pem: key.public_to_pem, signature: hex(sig),
                verified: OpenSSL::PKey.read(key.public_to_pem).verify(digest, sig, 'hello'))
end

post '/key_errors' do
  JSON.generate([error_of { OpenSSL::PKey.read('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n') },
                 error_of { OpenSSL::PKey.read('not a key') },
                 error_of { OpenSSL::PKey::RSA.new(input['ec_pem']) },
                 error_of { OpenSSL::Cipher.new('des-ede3') },
                 error_of { OpenSSL::Cipher.new('aes-256-gcm').encrypt.key = 'short' }])
end

post '/jwt/encode' do
  key = input['pem'] ? OpenSSL::PKey.read(input['pem']) : input['jwk'] ? JWT::JWK.import(input['jwk']).keypair : input['key']
  JSON.generate(JWT.encode(input['payload'], key, input['alg'], input['header'] || {}))
end

post '/jwt/decode' do
  key = if input['pem'] then OpenSSL::PKey.read(input['pem'])
        elsif input['jwk'] then JWT::JWK.import(input['jwk']).verify_key
        elsif input['hex_key'] then unhex(input['hex_key'])
        else input['key']
        end
  options = {}
  (input['options'] || {}).each { |k, v| options[k.to_sym] = v }
  options[:jwks] = { keys: input['jwks'] } if input['jwks']
  begin
    payload, header = JWT.decode(input['token'], key, input.fetch('verify', true), options)
    JSON.generate(payload: payload, header: header)
  rescue JWT::DecodeError => e
    JSON.generate(error: e.class.to_s, message: e.message, decode_error: e.is_a?(JWT::DecodeError))
  end
end

post '/jwk/export' do
  JSON.generate(JWT::JWK.new(OpenSSL::PKey.read(input['pem']), kid: 'k1').export)
end

post '/login' do
  JSON.generate(token: jwt_encode({ sub: input['user'], iss: 'kiln-tests' }, exp_in: input['ttl'] || 60))
end

get '/me' do
  authenticate!
  JSON.generate(user: current_user['sub'], alg: jwt_header['alg'])
end

get '/maybe' do
  JSON.generate(user: current_user && current_user['sub'], error: jwt_error && jwt_error.class.to_s)
end

# Uploads: what params hold for a multipart form.
post '/upload' do
  summary = lambda do |v|
    case v
    when Hash
      if v.key?('tempfile')
        t = v[:tempfile]
        data = t.read
        t.rewind
        { filename: v[:filename], type: v['type'], name: v[:name], size: t.size, path: t.path,
          sha256: Digest::SHA256.hexdigest(data), again: t.read == data, head_has_disposition: v[:head].include?('form-data') }
      else
        v.each_with_object({}) { |(k, x), h| h[k] = summary.call(x) }
      end
    when Array then v.map { |x| summary.call(x) }
    else v
    end
  end
  JSON.generate(summary.call(params.reject { |k, _| k == 'splat' || k == 'captures' }))
end

# An upload stored in R2 and read back.
post '/upload_r2' do
  file = params[:file] or halt 400, 'no file'
  key = "uploads/#{SecureRandom.uuid}"
  bindings.UPLOADS.put(key, file[:tempfile].read, http_metadata: { contentType: file[:type] })
  obj = bindings.UPLOADS.get(key)
  JSON.generate(size: obj.size, sha256: Digest::SHA256.hexdigest(obj.body), type: obj.http_metadata[:contentType])
end

post '/oaep' do
  key = OpenSSL::PKey::RSA.new(input['private'])
  pad = OpenSSL::PKey::RSA::PKCS1_OAEP_PADDING
  JSON.generate(sealed: hex(key.public_key.public_encrypt(input['plain'], pad)),
                opened: key.private_decrypt(unhex(input['node_sealed']), pad),
                sha256: hex(key.public_key.encrypt(input['plain'], rsa_padding_mode: 'oaep', rsa_oaep_md: 'sha256')))
end

post '/ecdh' do
  JSON.generate(hex(OpenSSL::PKey.read(input['private']).derive(OpenSSL::PKey.read(input['peer']))))
end

post '/x25519' do
  a = OpenSSL::PKey.new_raw_private_key('X25519', unhex(input['a']))
  b = OpenSSL::PKey.new_raw_private_key('X25519', unhex(input['b']))
  JSON.generate([hex(a.raw_public_key), hex(a.derive(b.public_key))])
end

post '/hkdf' do
  JSON.generate(hex(OpenSSL::KDF.hkdf(unhex(input['ikm']), salt: unhex(input['salt']), info: unhex(input['info']),
                                      length: input['length'], hash: 'SHA256')))
end
