// OpenSSL as apps use it (ruby/kiln/lib/openssl/, js/worker/crypto.js), under
// node's Web Crypto: RFC vectors (RFC 5869 HKDF, RFC 7748 X25519), and
// round trips cross-checked with node:crypto (RSA-OAEP, ECDH P-256/384/521,
// ECDSA P-384/P-521, the 384/512 JWT variants).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { before, test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';

// Each route reads a JSON body and answers JSON; hex for binary.
const APP = `
require 'openssl'
require 'jwt'
helpers do
  def input; @input ||= JSON.parse(request.body.read); end
  def hex(s) s.unpack1('H*') end
  def unhex(s) [s].pack('H*') end
end
def error_of
  yield
  'none'
rescue StandardError => e
  "#{e.class}: #{e.message}"
end
# HKDF is synchronous: it works while the app loads.
TOP_LEVEL_HKDF = OpenSSL::KDF.hkdf('k', salt: 's', info: 'i', length: 8, hash: 'SHA256').unpack1('H*')
get('/hkdf-top') { TOP_LEVEL_HKDF }
post '/hkdf' do
  JSON.generate(hex(OpenSSL::KDF.hkdf(unhex(input['ikm']), salt: unhex(input['salt']), info: unhex(input['info']),
                                      length: input['length'], hash: input['hash'])))
end
post '/x25519' do
  a = OpenSSL::PKey.new_raw_private_key('X25519', unhex(input['a']))
  b = OpenSSL::PKey.new_raw_private_key('X25519', unhex(input['b']))
  JSON.generate([hex(a.raw_public_key), hex(b.raw_public_key), hex(a.derive(b.public_key)), hex(b.derive(a.public_key)),
                 hex(a.derive(OpenSSL::PKey.new_raw_public_key('X25519', b.raw_public_key))), a.public_to_pem])
end
post '/x25519-pem' do
  JSON.generate(hex(OpenSSL::PKey.read(input['private']).derive(OpenSSL::PKey.read(input['peer']))))
end
get '/x25519-generate' do
  a = OpenSSL::PKey.generate_key('X25519')
  b = OpenSSL::PKey.generate_key('X25519')
  JSON.generate([a.derive(b.public_key) == b.derive(a.public_key), a.derive(b).bytesize, error_of { a.sign(nil, 'x') }])
end
post '/oaep' do
  key = OpenSSL::PKey::RSA.new(input['private'])
  pub = OpenSSL::PKey::RSA.new(input['public'])
  pad = OpenSSL::PKey::RSA::PKCS1_OAEP_PADDING
  JSON.generate({
    'sha1' => hex(pub.public_encrypt(input['plain'], pad)),
    'sha256' => hex(pub.encrypt(input['plain'], 'rsa_padding_mode' => 'oaep', 'rsa_oaep_md' => 'sha256')),
    'from_node' => key.private_decrypt(unhex(input['node_sha1']), pad),
    'from_node256' => key.decrypt(unhex(input['node_sha256']), rsa_padding_mode: 'oaep', rsa_oaep_md: 'SHA256'),
    'round_trip' => key.private_decrypt(key.public_key.public_encrypt('again', pad), pad),
    'pkcs1' => error_of { pub.public_encrypt('x') },
    'tampered' => error_of { key.private_decrypt(unhex(input['node_sha1']).reverse, pad) },
  })
end
post '/ecdh' do
  a = OpenSSL::PKey::EC.new(input['a'])
  b = OpenSSL::PKey::EC.new(input['b_public'])
  JSON.generate([hex(a.derive(b)), hex(a.dh_compute_key(b.public_point)), b.public_point.group.curve_name])
end
post '/ecdsa' do
  key = OpenSSL::PKey::EC.new(input['private'])
  pub = OpenSSL::PKey::EC.new(input['public'])
  JSON.generate([hex(key.sign(input['digest'], input['data'])), pub.verify(input['digest'], unhex(input['node_sig']), input['data']),
                 pub.verify(input['digest'], unhex(input['node_sig']), input['data'] + 'x')])
end
post '/jwt' do
  key = input['key'] ? OpenSSL::PKey.read(input['key']) : input['secret']
  verify_key = input['public'] ? OpenSSL::PKey.read(input['public']) : key
  token = JWT.encode({ 'sub' => 'u1' }, key, input['alg'])
  JSON.generate([token, JWT.decode(token, verify_key, true, algorithm: input['alg'])[0]['sub'],
                 error_of { JWT.decode(token.sub(/.$/, token[-1] == 'A' ? 'B' : 'A'), verify_key, true, algorithm: input['alg']) }])
end
`;

let app;
before(async () => {
  ({ app } = await loadTempApp({ 'app.rb': APP }));
});

async function post(path, body) {
  const res = await app.fetch(new Request(`http://example.org${path}`, { method: 'POST', body: JSON.stringify(body) }));
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

const hex = (b) => Buffer.from(b).toString('hex');
const pem = (key, type) => key.export({ type, format: 'pem' });

test('OpenSSL::KDF.hkdf: RFC 5869 test cases 1, 3 (SHA-256) and 4 (SHA-1), and node:crypto', async () => {
  const cases = [
    { ikm: '0b'.repeat(22), salt: '000102030405060708090a0b0c', info: 'f0f1f2f3f4f5f6f7f8f9', length: 42, hash: 'SHA256',
      okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865' },
    { ikm: '0b'.repeat(22), salt: '', info: '', length: 42, hash: 'SHA256',
      okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8' },
    { ikm: '0b'.repeat(11), salt: '000102030405060708090a0b0c', info: 'f0f1f2f3f4f5f6f7f8f9', length: 42, hash: 'SHA1',
      okm: '085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896' },
  ];
  for (const c of cases) assert.equal(await post('/hkdf', c), c.okm);
  const ikm = crypto.randomBytes(40);
  const salt = crypto.randomBytes(16);
  const info = Buffer.from('kiln');
  const node = hex(crypto.hkdfSync('sha512', ikm, salt, info, 200));
  assert.equal(await post('/hkdf', { ikm: hex(ikm), salt: hex(salt), info: hex(info), length: 200, hash: 'SHA512' }), node);
  const top = await (await app.fetch(new Request('http://example.org/hkdf-top'))).text();
  assert.equal(top, hex(crypto.hkdfSync('sha256', 'k', 's', 'i', 8)));
});

test('X25519: RFC 7748 section 6.1, PEM keys against node:crypto, generated keys', async () => {
  const [alicePub, bobPub, ab, ba, viaRaw, alicePem] = await post('/x25519', {
    a: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
    b: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  });
  assert.equal(alicePub, '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
  assert.equal(bobPub, 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
  const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
  assert.deepEqual([ab, ba, viaRaw], [shared, shared, shared]);
  assert.equal(hex(crypto.createPublicKey(alicePem).export({ format: 'der', type: 'spki' }).subarray(-32)), alicePub);

  const a = crypto.generateKeyPairSync('x25519');
  const b = crypto.generateKeyPairSync('x25519');
  const node = hex(crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }));
  assert.equal(await post('/x25519-pem', { private: pem(a.privateKey, 'pkcs8'), peer: pem(b.publicKey, 'spki') }), node);

  const generated = JSON.parse(await (await app.fetch(new Request('http://example.org/x25519-generate'))).text());
  assert.deepEqual(generated, [true, 32, 'OpenSSL::PKey::PKeyError: X25519 keys do not sign: use derive']);
});

test('RSA-OAEP (RFC 8017 7.1): public_encrypt / private_decrypt and PKey#encrypt / #decrypt, both ways with node:crypto', async () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const oaep = (oaepHash, data) => crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from(data));
  const r = await post('/oaep', {
    private: pem(privateKey, 'pkcs1'), public: pem(publicKey, 'spki'), plain: 'secret message',
    node_sha1: hex(oaep('sha1', 'from node')), node_sha256: hex(oaep('sha256', 'from node 256')),
  });
  const dec = (oaepHash, h) => crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from(h, 'hex')).toString();
  assert.equal(dec('sha1', r.sha1), 'secret message');
  assert.equal(dec('sha256', r.sha256), 'secret message');
  assert.equal(r.from_node, 'from node');
  assert.equal(r.from_node256, 'from node 256');
  assert.equal(r.round_trip, 'again');
  assert.match(r.pkcs1, /^OpenSSL::PKey::RSAError: only PKCS1_OAEP_PADDING/);
  assert.match(r.tampered, /^OpenSSL::PKey::RSAError: /);
});

for (const [curve, bytes] of [['prime256v1', 32], ['secp384r1', 48], ['secp521r1', 66]]) {
  test(`ECDH on ${curve}: derive and dh_compute_key match node:crypto`, async () => {
    const a = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const b = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const node = hex(crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }));
    assert.equal(node.length, bytes * 2);
    const [derived, computed, group] = await post('/ecdh', { a: pem(a.privateKey, 'sec1'), b_public: pem(b.publicKey, 'spki') });
    assert.equal(derived, node);
    assert.equal(computed, node);
    assert.equal(group, curve);
  });
}

for (const [curve, digest] of [['secp384r1', 'SHA384'], ['secp521r1', 'SHA512']]) {
  test(`ECDSA on ${curve} with ${digest}: DER signatures verify both ways with node:crypto`, async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const data = 'signed data';
    const nodeSig = crypto.sign(digest.toLowerCase(), Buffer.from(data), privateKey);
    const [sig, ok, bad] = await post('/ecdsa', { private: pem(privateKey, 'pkcs8'), public: pem(publicKey, 'spki'), digest, data, node_sig: hex(nodeSig) });
    assert.ok(crypto.verify(digest.toLowerCase(), Buffer.from(data), publicKey, Buffer.from(sig, 'hex')));
    assert.deepEqual([ok, bad], [true, false]);
  });
}

test('JWT HS/RS/PS/ES 384 and 512: node:crypto verifies what Kiln signs; a changed signature fails', async () => {
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec384 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  const ec521 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  const b64 = (s) => Buffer.from(s, 'base64url');
  const cases = [
    ['HS384', { secret: 'a-secret-of-at-least-48-bytes-for-hs384-0123456789' }, (input, sig, s) => crypto.createHmac('sha384', s.secret).update(input).digest().equals(sig)],
    ['HS512', { secret: 'a-secret-of-at-least-64-bytes-for-hs512-0123456789-0123456789-01' }, (input, sig, s) => crypto.createHmac('sha512', s.secret).update(input).digest().equals(sig)],
    ['RS384', rsa, (input, sig) => crypto.verify('sha384', Buffer.from(input), rsa.publicKey, sig)],
    ['RS512', rsa, (input, sig) => crypto.verify('sha512', Buffer.from(input), rsa.publicKey, sig)],
    ['PS384', rsa, (input, sig) => crypto.verify('sha384', Buffer.from(input), { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, sig)],
    ['PS512', rsa, (input, sig) => crypto.verify('sha512', Buffer.from(input), { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }, sig)],
    ['ES384', ec384, (input, sig) => crypto.verify('sha384', Buffer.from(input), { key: ec384.publicKey, dsaEncoding: 'ieee-p1363' }, sig)],
    ['ES512', ec521, (input, sig) => crypto.verify('sha512', Buffer.from(input), { key: ec521.publicKey, dsaEncoding: 'ieee-p1363' }, sig)],
  ];
  for (const [alg, keys, verify] of cases) {
    const body = keys.secret ? { alg, secret: keys.secret } : { alg, key: pem(keys.privateKey, 'pkcs8'), public: pem(keys.publicKey, 'spki') };
    const [token, sub, tampered] = await post('/jwt', body);
    const [h, p, s] = token.split('.');
    assert.equal(JSON.parse(b64(h)).alg, alg);
    assert.ok(verify(`${h}.${p}`, b64(s), keys), `${alg}: node:crypto verifies the signature`);
    assert.equal(sub, 'u1');
    assert.match(tampered, /^JWT::(VerificationError|DecodeError)/, alg);
  }
});
