// Crypto (HMAC, PBKDF2, HKDF, AES, RSA/ECDSA/Ed25519, RSA-OAEP, ECDH/X25519 through Web Crypto), JWT and
// multipart uploads, run by tests/apps/crypto/app.rb twice: on the wasm
// runtime under node (loadApp) and on real workerd (wrangler dev). Vectors
// are the RFCs' and NIST's; other keys are made by node:crypto and the
// results checked against node:crypto.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, startWrangler } from '../support/helpers.mjs';

const dir = path.join(ROOT, 'tests/apps/crypto');
build(dir, { log: () => {} });

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = crypto.generateKeyPairSync('ed25519');
const pem = (k, type) => k.export({ type, format: 'pem' });
const RSA_PRIV = pem(rsa.privateKey, 'pkcs8');
const RSA_PUB = pem(rsa.publicKey, 'spki');
const EC_PRIV = pem(ec.privateKey, 'pkcs8');
const EC_PUB = pem(ec.publicKey, 'spki');
const ED_PRIV = pem(ed.privateKey, 'pkcs8');
const ED_PUB = pem(ed.publicKey, 'spki');

// RFC 8037 A.1 (the RFC 8032 test 1 key) and RFC 7515 A.1.
const RFC8037_JWK = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const RFC8037_JWS = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
const RFC7515_HS256 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC7515_KEY = Buffer.from('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow', 'base64url').toString('hex');

const b64url = (s) => Buffer.from(s).toString('base64url');
const hs256 = (header, payload, key) => {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${crypto.createHmac('sha256', key).update(input).digest('base64url')}`;
};
const now = () => Math.floor(Date.now() / 1000);

// Each case gets `post(path, json)` / `send(path, init)` for one backend.
const cases = {
  'HMAC: RFC 4231 test case 2 (SHA-256/384/512)': async ({ post }) => {
    assert.deepEqual(await post('/hmac', { key: 'Jefe', data: 'what do ya want for nothing?' }), [
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    ]);
  },
  'PBKDF2: RFC 6070 and RFC 7914 vectors': async ({ post }) => {
    assert.equal(await post('/pbkdf2', { password: 'password', salt: 'salt', iterations: 4096, length: 20, hash: 'SHA1' }),
      '4b007901b765489abead49d926f721d065a429c1');
    assert.equal(await post('/pbkdf2', { password: 'Password', salt: 'NaCl', iterations: 80000, length: 64, hash: 'sha256' }),
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d');
  },
  'PBKDF2 through Web Crypto equals the C++ loop (RFC 6070, RFC 7914), also where the call cannot await': async ({ post }) => {
    for (const [password, salt, iterations, length, hash, want] of [
      ['password', 'salt', 4096, 20, 'SHA1', '4b007901b765489abead49d926f721d065a429c1'],
      ['passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'SHA1', '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038'],
      ['passwd', 'salt', 1, 64, 'SHA256', '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'],
      ['Password', 'NaCl', 80000, 64, 'SHA256', '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d'],
    ]) assert.deepEqual(await post('/pbkdf2_paths', { password, salt, iterations, length, hash }), [want, want, want]);
  },
  'PBKDF2: over 100 000 iterations is refused with workerd\'s message where Web Crypto runs it': async ({ post }) => {
    assert.deepEqual(await post('/pbkdf2_limit', {}), [
      'Kiln::JSError: NotSupportedError: Pbkdf2 failed: iteration counts above 100000 are not supported (requested 100001).', 4]);
  },
  'AES-256-GCM: GCM spec test case 16 (with AAD), decrypt, tampered AAD refused': async ({ post }) => {
    const r = await post('/gcm', {
      key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308', iv: 'cafebabefacedbaddecaf888',
      aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
      plain: 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    });
    assert.equal(r.ciphertext, '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662');
    assert.equal(r.tag, '76fc6ece0f4e1768cddf8853bb2d551b');
    assert.equal(r.roundtrip, true);
    assert.match(r.tampered, /^OpenSSL::Cipher::CipherError: bad decrypt/);
  },
  'AES-GCM: GCM spec test case 14 (zero key, one block)': async ({ post }) => {
    const r = await post('/gcm', { key: '00'.repeat(32), iv: '00'.repeat(12), aad: '', plain: '00'.repeat(16) });
    assert.equal(r.ciphertext, 'cea7403d4d606b6e074ec5d3baf39d18');
    assert.equal(r.tag, 'd0d1c8a799996bf0265b98b5d48ab919');
  },
  'AES-256-CBC and CTR agree with node:crypto': async ({ post }) => {
    for (const cipher of ['aes-256-cbc', 'aes-128-ctr']) {
      const r = await post('/cbc', { cipher, plain: 'attack at dawn, héllo ✓' });
      const d = crypto.createDecipheriv(cipher, Buffer.from(r.key, 'hex'), Buffer.from(r.iv, 'hex'));
      assert.equal(Buffer.concat([d.update(Buffer.from(r.ciphertext, 'hex')), d.final()]).toString(), 'attack at dawn, héllo ✓');
      assert.equal(r.plain, 'attack at dawn, héllo ✓');
    }
  },
  'RSA-OAEP (SHA-1 and SHA-256) both ways with node:crypto': async ({ post }) => {
    const padding = crypto.constants.RSA_PKCS1_OAEP_PADDING;
    const nodeSealed = crypto.publicEncrypt({ key: rsa.publicKey, padding, oaepHash: 'sha1' }, Buffer.from('from node')).toString('hex');
    const r = await post('/oaep', { private: RSA_PRIV, plain: 'sealed in Ruby', node_sealed: nodeSealed });
    const open = (h, oaepHash) => crypto.privateDecrypt({ key: rsa.privateKey, padding, oaepHash }, Buffer.from(h, 'hex')).toString();
    assert.equal(open(r.sealed, 'sha1'), 'sealed in Ruby');
    assert.equal(open(r.sha256, 'sha256'), 'sealed in Ruby');
    assert.equal(r.opened, 'from node');
  },
  'ECDH P-384 matches node:crypto; X25519 RFC 7748 6.1; HKDF RFC 5869 test 1': async ({ post }) => {
    const a = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const b = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    assert.equal(await post('/ecdh', { private: pem(a.privateKey, 'pkcs8'), peer: pem(b.publicKey, 'spki') }),
      crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }).toString('hex'));
    assert.deepEqual(await post('/x25519', { a: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
      b: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb' }),
    ['8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742']);
    assert.equal(await post('/hkdf', { ikm: '0b'.repeat(22), salt: '000102030405060708090a0b0c', info: 'f0f1f2f3f4f5f6f7f8f9', length: 42 }),
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  },
  'Ed25519: RFC 8032 test 1 signature from the RFC 8037 JWK': async ({ post }) => {
    const r = await post('/sign', { jwk: RFC8037_JWK, digest: null, data: '' });
    assert.equal(r.signature, 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    assert.equal(r.verified, true);
    assert.equal(r.wrong_data, false);
    assert.deepEqual(r.jwk, { kty: 'OKP', crv: 'Ed25519', x: RFC8037_JWK.x });
  },
  'RSA PKCS#1 v1.5 (RS256): Ruby signs what node verifies and the reverse; PKCS#1 PEM too': async ({ post }) => {
    const r = await post('/sign', { pem: RSA_PRIV, public: RSA_PUB, digest: 'SHA256', data: 'payload' });
    assert.equal(r.class, 'OpenSSL::PKey::RSA');
    assert.equal(r.verified, true);
    assert.equal(r.wrong_data, false);
    assert.ok(crypto.verify('sha256', Buffer.from('payload'), rsa.publicKey, Buffer.from(r.signature, 'hex')));
    // Deterministic: node's signature is the same bytes.
    assert.equal(crypto.sign('sha256', Buffer.from('payload'), rsa.privateKey).toString('hex'), r.signature);
    assert.equal(r.public_pem, RSA_PUB);
    assert.equal(r.jwk.n, rsa.publicKey.export({ format: 'jwk' }).n);
    const pkcs1 = await post('/sign', { pem: pem(rsa.privateKey, 'pkcs1'), public: pem(rsa.publicKey, 'pkcs1'), digest: 'SHA512', data: 'x' });
    assert.equal(pkcs1.verified, true);
    assert.ok(crypto.verify('sha512', Buffer.from('x'), rsa.publicKey, Buffer.from(pkcs1.signature, 'hex')));
  },
  'RSA-PSS (PS256) interoperates with node:crypto': async ({ post }) => {
    const r = await post('/sign', { pem: RSA_PRIV, digest: 'SHA256', data: 'pss', pss: true });
    assert.equal(r.verified, true);
    assert.ok(crypto.verify('sha256', Buffer.from('pss'), { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(r.signature, 'hex')));
  },
  'ECDSA P-256: DER signatures both ways, SEC1 PEM': async ({ post }) => {
    const r = await post('/sign', { pem: EC_PRIV, public: EC_PUB, digest: 'SHA256', data: 'ecdsa' });
    assert.equal(r.class, 'OpenSSL::PKey::EC');
    assert.equal(r.verified, true);
    assert.equal(r.wrong_data, false);
    assert.ok(crypto.verify('sha256', Buffer.from('ecdsa'), ec.publicKey, Buffer.from(r.signature, 'hex')));
    const nodeSig = crypto.sign('sha256', Buffer.from('from node'), ec.privateKey).toString('hex');
    assert.equal(await post('/verify', { pem: EC_PUB, digest: 'SHA256', signature: nodeSig, data: 'from node' }), true);
    assert.equal(await post('/verify', { pem: EC_PUB, digest: 'SHA256', signature: nodeSig, data: 'tampered' }), false);
    assert.equal(await post('/verify', { pem: EC_PUB, digest: 'SHA256', signature: '3000', data: 'from node' }), false);
    const sec1 = await post('/sign', { pem: pem(ec.privateKey, 'sec1'), digest: 'SHA256', data: 'e' });
    assert.equal(sec1.verified, true);
    assert.equal(sec1.public_pem, EC_PUB);
  },
  'key generation: RSA, EC, Ed25519 keys usable by node:crypto': async ({ post }) => {
    for (const type of ['EC', 'ED25519', 'RSA']) {
      const r = await post('/generate', { type });
      assert.equal(r.verified, true, type);
      const pub = crypto.createPublicKey(r.public_pem);
      assert.ok(crypto.verify(type === 'ED25519' ? null : 'sha256', Buffer.from('hello'), pub, Buffer.from(r.signature, 'hex')), type);
      assert.equal(crypto.createPrivateKey(r.private_pem).asymmetricKeyType, { EC: 'ec', ED25519: 'ed25519', RSA: 'rsa' }[type]);
    }
  },
  'bad keys and ciphers are clear errors': async ({ post }) => {
    const [cert, junk, wrongType, cipher, keyLen] = await post('/key_errors', { ec_pem: EC_PRIV });
    assert.equal(cert, 'OpenSSL::PKey::PKeyError: unsupported PEM type CERTIFICATE');
    assert.match(junk, /^OpenSSL::PKey::PKeyError: /);
    assert.equal(wrongType, 'OpenSSL::PKey::PKeyError: not an RSA key');
    assert.match(cipher, /^RuntimeError: unsupported cipher algorithm \(des-ede3\)/);
    assert.equal(keyLen, 'ArgumentError: key must be 32 bytes');
  },
  'JWT: RFC 7515 A.1 HS256 example verifies (exp check off: it expired in 2011)': async ({ post }) => {
    const r = await post('/jwt/decode', { token: RFC7515_HS256, hex_key: RFC7515_KEY, options: { algorithm: 'HS256', verify_expiration: false } });
    assert.deepEqual(r.payload, { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    assert.deepEqual(r.header, { typ: 'JWT', alg: 'HS256' });
    const expired = await post('/jwt/decode', { token: RFC7515_HS256, hex_key: RFC7515_KEY, options: { algorithm: 'HS256' } });
    assert.equal(expired.error, 'JWT::ExpiredSignature');
  },
  'JWS: RFC 8037 A.4 EdDSA example signed byte for byte; JWT.decode wants a JSON payload': async ({ post }) => {
    const [h, p, s] = RFC8037_JWS.split('.');
    const r = await post('/sign', { jwk: RFC8037_JWK, digest: null, data: `${h}.${p}` });
    assert.equal(Buffer.from(r.signature, 'hex').toString('base64url'), s);
    // The RFC's payload is plain text, not a JWT claims set: a DecodeError, as in ruby-jwt.
    const d = await post('/jwt/decode', { token: RFC8037_JWS, jwk: RFC8037_JWK, options: { algorithm: 'EdDSA' } });
    assert.deepEqual([d.error, d.message], ['JWT::DecodeError', 'Invalid segment encoding']);
    // A JSON string payload round-trips with the RFC key.
    const enc = await post('/jwt/encode', { payload: 'Example of Ed25519 signing', jwk: RFC8037_JWK, alg: 'EdDSA' });
    assert.equal((await post('/jwt/decode', { token: enc, jwk: RFC8037_JWK, options: { algorithm: 'EdDSA' } })).payload, 'Example of Ed25519 signing');
  },
  'JWT: HS256 from node verifies; tampering, wrong key, wrong alg rejected': async ({ post }) => {
    const token = hs256({ alg: 'HS256', typ: 'JWT' }, { sub: 'ada', exp: now() + 60 }, 'k3y');
    assert.deepEqual((await post('/jwt/decode', { token, key: 'k3y', options: { algorithm: 'HS256' } })).payload, { sub: 'ada', exp: JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).exp });
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${b64url(JSON.stringify({ sub: 'root', exp: now() + 60 }))}.${s}`;
    assert.equal((await post('/jwt/decode', { token: tampered, key: 'k3y', options: { algorithm: 'HS256' } })).error, 'JWT::VerificationError');
    assert.equal((await post('/jwt/decode', { token, key: 'other', options: { algorithm: 'HS256' } })).error, 'JWT::VerificationError');
    assert.equal((await post('/jwt/decode', { token, key: 'k3y', options: { algorithm: 'HS512' } })).error, 'JWT::IncorrectAlgorithm');
    assert.equal((await post('/jwt/decode', { token, key: 'k3y', options: {} })).message, 'An algorithm must be specified');
    assert.equal((await post('/jwt/decode', { token: `${h}.${p}`, key: 'k3y', options: { algorithm: 'HS256' } })).message, 'Not enough or too many segments');
    assert.equal((await post('/jwt/decode', { token: `${h}.${p}.${s}x!`, key: 'k3y', options: { algorithm: 'HS256' } })).message, 'Invalid segment encoding');
    // verify = false: no key needed.
    assert.equal((await post('/jwt/decode', { token, verify: false })).payload.sub, 'ada');
  },
  'JWT: alg none and algorithm confusion are refused': async ({ post }) => {
    const none = `${b64url('{"alg":"none"}')}.${b64url('{"sub":"root"}')}.`;
    assert.equal((await post('/jwt/decode', { token: none, key: 'k', options: { algorithm: 'none' } })).error, 'JWT::IncorrectAlgorithm');
    assert.equal((await post('/jwt/decode', { token: none, key: 'k', options: { algorithms: ['HS256', 'RS256'] } })).error, 'JWT::IncorrectAlgorithm');
    // The classic attack: HS256 signed with the RSA public key's PEM as the secret.
    const forged = hs256({ alg: 'HS256' }, { sub: 'root' }, RSA_PUB);
    assert.equal((await post('/jwt/decode', { token: forged, pem: RSA_PUB, options: { algorithm: 'RS256' } })).error, 'JWT::IncorrectAlgorithm');
    const both = await post('/jwt/decode', { token: forged, pem: RSA_PUB, options: { algorithms: ['RS256', 'HS256'] } });
    assert.equal(both.error, 'JWT::DecodeError');
    assert.equal(both.message, 'HMAC key expected to be a String');
    const pemAsSecret = await post('/jwt/decode', { token: forged, key: RSA_PUB, options: { algorithm: 'HS256' } });
    assert.equal(pemAsSecret.message, 'HMAC key looks like a PEM key; refusing it');
    // ES256 token checked as RS256 / with the wrong kind of key.
    const es = await post('/jwt/encode', { payload: { a: 1 }, pem: EC_PRIV, alg: 'ES256' });
    assert.equal((await post('/jwt/decode', { token: es, pem: RSA_PUB, options: { algorithm: 'ES256' } })).message, 'EC key expected (OpenSSL::PKey::EC)');
  },
  'JWT: RS256, PS256, ES256, EdDSA round trips and node-made tokens': async ({ post }) => {
    for (const [alg, priv, pub] of [['RS256', RSA_PRIV, RSA_PUB], ['PS256', RSA_PRIV, RSA_PUB], ['ES256', EC_PRIV, EC_PUB], ['EdDSA', ED_PRIV, ED_PUB]]) {
      const token = await post('/jwt/encode', { payload: { sub: alg, exp: now() + 60 }, pem: priv, alg, header: { kid: 'k1' } });
      const r = await post('/jwt/decode', { token, pem: pub, options: { algorithm: alg } });
      assert.equal(r.payload?.sub, alg, JSON.stringify(r));
      assert.deepEqual(r.header, { alg, kid: 'k1' });
      // node:crypto checks the signature too (ES256 is r||s, IEEE P1363).
      const [h, p, s] = token.split('.');
      const key = crypto.createPublicKey(pub);
      const opts = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : alg === 'PS256' ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key;
      assert.ok(crypto.verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(`${h}.${p}`), opts, Buffer.from(s, 'base64url')), alg);
    }
    const input = `${b64url('{"alg":"ES256"}')}.${b64url('{"sub":"node"}')}`;
    const sig = crypto.sign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    assert.equal((await post('/jwt/decode', { token: `${input}.${sig}`, pem: EC_PUB, options: { algorithm: 'ES256' } })).payload.sub, 'node');
  },
  'JWT: exp, nbf, iat, iss, aud, sub, required claims, leeway': async ({ post }) => {
    const dec = async (payload, options) => post('/jwt/decode', { token: hs256({ alg: 'HS256' }, payload, 'k'), key: 'k', options: { algorithm: 'HS256', ...options } });
    assert.equal((await dec({ exp: now() - 10 })).error, 'JWT::ExpiredSignature');
    assert.ok((await dec({ exp: now() - 10 }, { leeway: 30 })).payload);
    assert.equal((await dec({ exp: 'soon' })).error, 'JWT::InvalidPayload');
    assert.equal((await dec({ nbf: now() + 100 })).error, 'JWT::ImmatureSignature');
    assert.ok((await dec({ nbf: now() + 100 }, { nbf_leeway: 200 })).payload);
    assert.equal((await dec({ iat: now() + 1000 }, { verify_iat: true })).error, 'JWT::InvalidIatDecodeError');
    assert.equal((await dec({ iss: 'eve' }, { iss: 'kiln' })).message, 'Invalid issuer. Expected kiln, received eve');
    assert.ok((await dec({ iss: 'b' }, { iss: ['a', 'b'] })).payload);
    assert.equal((await dec({ aud: ['x', 'y'] }, { aud: 'z' })).error, 'JWT::InvalidAudError');
    assert.ok((await dec({ aud: ['x', 'y'] }, { aud: 'y' })).payload);
    assert.equal((await dec({ sub: 'a' }, { sub: 'b' })).error, 'JWT::InvalidSubError');
    assert.equal((await dec({}, { required_claims: ['exp'] })).message, 'Missing required claim exp');
    assert.equal((await dec({}, { aud: 'api' })).message, 'Invalid audience. Expected api, received <none>');
  },
  'JWT: JWKS picks the key by kid; JWK export': async ({ post }) => {
    const jwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec1' };
    const token = await post('/jwt/encode', { payload: { sub: 'jwks' }, pem: EC_PRIV, alg: 'ES256', header: { kid: 'ec1' } });
    assert.equal((await post('/jwt/decode', { token, jwks: [jwk], options: { algorithm: 'ES256' } })).payload.sub, 'jwks');
    assert.match((await post('/jwt/decode', { token, jwks: [{ ...jwk, kid: 'other' }], options: { algorithm: 'ES256' } })).message, /Could not find public key for kid ec1/);
    assert.deepEqual(await post('/jwk/export', { pem: RSA_PUB }), { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' });
  },
  'Kiln::JWTAuth: 401 with WWW-Authenticate, then current_user with a token': async ({ send, post }) => {
    let r = await send('/me', {});
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="api"');
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.deepEqual(await r.json(), { error: 'unauthorized', message: 'missing bearer token' });
    const { token } = await post('/login', { user: 'ada' });
    r = await send('/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { user: 'ada', alg: 'HS256' });
    const { token: old } = await post('/login', { user: 'ada', ttl: -60 });
    r = await send('/me', { headers: { authorization: `Bearer ${old}` } });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="api", error="invalid_token", error_description="Signature has expired"');
    assert.deepEqual(await r.json(), { error: 'invalid_token', message: 'Signature has expired' });
    const wrongIss = hs256({ alg: 'HS256' }, { sub: 'x', iss: 'elsewhere' }, 'a-test-secret-of-32-bytes-or-more!');
    r = await send('/maybe', { headers: { authorization: `Bearer ${wrongIss}` } });
    assert.deepEqual(await r.json(), { user: null, error: 'JWT::InvalidIssuerError' });
  },
  'multipart: text fields, nested names, binary files, unicode filenames': async ({ send }) => {
    const bytes = Uint8Array.from({ length: 256 * 40 }, (_, i) => i & 255);
    const form = new FormData();
    form.append('title', 'héllo ✓');
    form.append('user[name]', 'Ada');
    form.append('user[tags][]', 'a');
    form.append('user[tags][]', 'b');
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'all-bytes.bin');
    form.append('photos[]', new Blob(['one']), 'résumé "1".txt');
    form.append('photos[]', new Blob(['two'], { type: 'text/plain' }), 'two.txt');
    const r = await send('/upload', { method: 'POST', body: form });
    assert.equal(r.status, 200);
    const p = await r.json();
    assert.equal(p.title, 'héllo ✓');
    assert.deepEqual(p.user, { name: 'Ada', tags: ['a', 'b'] });
    assert.deepEqual(p.file, {
      filename: 'all-bytes.bin', type: 'application/octet-stream', name: 'file', size: bytes.length, path: null,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'), again: true, head_has_disposition: true,
    });
    assert.deepEqual(p.photos.map((f) => [f.filename, f.size, f.type]), [['résumé "1".txt', 3, 'application/octet-stream'], ['two.txt', 3, 'text/plain']]);
  },
  'multipart: malformed bodies and too many parts are 400 with a message': async ({ send }) => {
    const post = (body, type = 'multipart/form-data; boundary=XyZ') => send('/upload', { method: 'POST', body, headers: { 'content-type': type } });
    // A browser's file input with no file chosen: filename="", skipped as in Rack.
    let ok = await post('--XyZ\r\nContent-Disposition: form-data; name="empty"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n');
    assert.deepEqual(await ok.json(), { a: '1' });
    let r = await post('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /Malformed multipart body: multipart body has no closing boundary/);
    r = await post('x', 'multipart/form-data');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /without a valid boundary/);
    const many = `${Array.from({ length: 1025 }, (_, i) => `--XyZ\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${i}\r\n`).join('')}--XyZ--`;
    r = await post(many);
    assert.equal(r.status, 400);
    assert.match(await r.text(), /more than 1024 parts/);
    r = await post('--XyZ\r\nContent-Disposition: form-data; name="a[]"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name="a[x]"\r\n\r\n2\r\n--XyZ--');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /Invalid multipart parameters/);
  },
  'multipart: an uploaded file goes to R2 intact': async ({ send }) => {
    const bytes = crypto.randomBytes(300_000);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'big.png');
    const r = await send('/upload_r2', { method: 'POST', body: form });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), type: 'image/png' });
  },
};

function backend(fetchFn) {
  const send = (p, init) => fetchFn(p, init);
  const post = async (p, json) => {
    const r = await send(p, { method: 'POST', body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
    const text = await r.text();
    assert.equal(r.status, 200, `${p}: ${text}`);
    return JSON.parse(text);
  };
  return { send, post };
}

describe('under node (wasm runtime)', () => {
  let app;
  before(async () => { app = await loadApp(dir); });
  const b = backend((p, init) => app.fetch(new Request(`http://localhost${p}`, init)));
  for (const [name, fn] of Object.entries(cases)) test(name, () => fn(b));
});

describe('on wrangler dev (workerd)', () => {
  let server;
  before(async () => { server = await startWrangler(dir); });
  after(async () => { await server?.stop(); });
  const b = backend((p, init) => fetch(`${server.url}${p}`, init));
  for (const [name, fn] of Object.entries(cases)) test(name, () => fn(b));
});
