// The `crypto` operation: what Ruby's OpenSSL::PKey / OpenSSL::Cipher
// (ruby/kiln/lib/openssl/pkey.rb, cipher.rb: signatures, RSA-OAEP, ECDH and
// X25519 key agreement, AES) ask of Web Crypto (crypto.subtle, in
// workerd and node 20). Stateless: every call carries its key as
// {format: 'pkcs8'|'spki'|'raw'|'jwk', data} and its algorithm as a Web
// Crypto parameter Hash; Ruby keeps the key bytes.
const subtle = () => globalThis.crypto.subtle;

// Ruby sends Strings that happen to be valid UTF-8 as JS strings.
const bytes = (v) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
const u8 = (ab) => new Uint8Array(ab);
const PBKDF2_MAX_ITERATIONS = 100000;

function importKey({ format, data }, algorithm, usages) {
  return subtle().importKey(format, format === 'jwk' ? data : bytes(data), algorithm, true, usages);
}

// AES parameters: iv / additionalData arrive as bytes; RSA-OAEP's label too.
function cipherParams(p) {
  if (p.name === 'RSA-OAEP') return p.label == null ? { name: p.name } : { name: p.name, label: bytes(p.label) };
  const out = { ...p, iv: bytes(p.iv) };
  if (p.additionalData != null) out.additionalData = bytes(p.additionalData);
  else delete out.additionalData;
  if (p.counter != null) out.counter = bytes(p.counter);
  return out;
}

// A private key's public half: its JWK without the private members.
const PRIVATE_JWK = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];
function publicJwk(jwk) {
  const pub = Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_JWK.includes(k)));
  delete pub.key_ops;
  delete pub.ext;
  return pub;
}

const methods = {
  async sign([key, importAlg, signAlg, data]) {
    return u8(await subtle().sign(signAlg, await importKey(key, importAlg, ['sign']), bytes(data)));
  },
  async verify([key, importAlg, signAlg, signature, data]) {
    return subtle().verify(signAlg, await importKey(key, importAlg, ['verify']), bytes(signature), bytes(data));
  },
  // AES (params carry iv...), or RSA-OAEP: importAlg {name: 'RSA-OAEP', hash}.
  async encrypt([key, params, data, importAlg = params.name]) {
    return u8(await subtle().encrypt(cipherParams(params), await importKey(key, importAlg, ['encrypt']), bytes(data)));
  },
  async decrypt([key, params, data, importAlg = params.name]) {
    return u8(await subtle().decrypt(cipherParams(params), await importKey(key, importAlg, ['decrypt']), bytes(data)));
  },
  // ECDH (algorithm {name: 'ECDH', namedCurve}) or X25519: the shared
  // secret of a private key and the peer's public key, `bits` long.
  async derive([key, peer, algorithm, bits]) {
    const priv = await importKey(key, algorithm, ['deriveBits']);
    const pub = await importKey(peer, algorithm, []);
    return u8(await subtle().deriveBits({ name: algorithm.name, public: pub }, priv, bits));
  },
  // OpenSSL::PKCS5.pbkdf2_hmac where Ruby can await: [hash ('SHA-256'...),
  // password, salt, iterations, length in bytes] -> the derived bytes.
  // workerd refuses more than 100 000 iterations; node's Web Crypto would
  // not, so the same limit (and words) apply here.
  async pbkdf2([hash, password, salt, iterations, length]) {
    if (iterations > PBKDF2_MAX_ITERATIONS) throw new DOMException(`Pbkdf2 failed: iteration counts above ${PBKDF2_MAX_ITERATIONS} are not supported (requested ${iterations}).`, 'NotSupportedError');
    const key = await subtle().importKey('raw', bytes(password), 'PBKDF2', false, ['deriveBits']);
    return u8(await subtle().deriveBits({ name: 'PBKDF2', hash, salt: bytes(salt), iterations }, key, length * 8));
  },
  // -> {private: pkcs8, public: spki}
  async generate([algorithm]) {
    if (algorithm.publicExponent != null) algorithm.publicExponent = bytes(algorithm.publicExponent);
    const usages = algorithm.name === 'ECDH' || algorithm.name === 'X25519' ? ['deriveBits'] : ['sign', 'verify'];
    const pair = await subtle().generateKey(algorithm, true, usages);
    return { private: u8(await subtle().exportKey('pkcs8', pair.privateKey)), public: u8(await subtle().exportKey('spki', pair.publicKey)) };
  },
  // Any key -> {jwk, public_jwk, der: pkcs8 or spki, public_der: spki}.
  async describe([key, algorithm]) {
    const agreement = algorithm.name === 'ECDH' || algorithm.name === 'X25519';
    const isPrivate = key.format === 'pkcs8' || (key.format === 'jwk' && key.data.d);
    const usages = (priv) => (agreement ? (priv ? ['deriveBits'] : []) : [priv ? 'sign' : 'verify']);
    const k = await importKey(key, algorithm, usages(isPrivate));
    const jwk = await subtle().exportKey('jwk', k);
    const pub = publicJwk(jwk);
    const publicKey = k.type === 'private' ? await subtle().importKey('jwk', pub, algorithm, true, usages(false)) : k;
    return {
      type: k.type,
      jwk, public_jwk: pub,
      der: u8(await subtle().exportKey(k.type === 'private' ? 'pkcs8' : 'spki', k)),
      public_der: u8(await subtle().exportKey('spki', publicKey)),
    };
  },
};

export const cryptoOperations = {
  crypto([method, ...args]) {
    const m = methods[method];
    if (!m) throw new TypeError(`crypto has no method ${method}`);
    return m(args);
  },
};
