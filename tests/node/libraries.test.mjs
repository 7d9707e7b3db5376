// Kiln's optional Ruby libraries (ruby/kiln/lib/, js/cli/build/libraries.js): not in
// the runtime, bundled into app.kbc only when the app requires them; used
// without the require, a NameError / NoMethodError that names it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { decode } from '../../js/worker/codec.js';
import { libraryFiles, requiredNames } from '../../js/cli/build/libraries.js';
import { ROOT, loadTempApp, tempApp } from '../support/helpers.mjs';

const bundled = (dir) => decode(fs.readFileSync(path.join(dir, 'build/app.kbc'))).map(([name]) => name);

// Each route answers "Class: message" of what it raised, or its value.
const ROUTES = `
def attempt
  yield.to_s
rescue StandardError => e
  "#{e.class}: #{e.message}"
end
get('/jwt') { attempt { JWT.encode({ 'a' => 1 }, 'k', 'HS256').split('.').size } }
get('/auth') { attempt { Kiln::JWTAuth.name } }
get('/pkey') { attempt { OpenSSL::PKey::RSA.name } }
get('/cipher') { attempt { OpenSSL::Cipher.new('aes-256-gcm').name } }
get('/dataset') { attempt { bindings.DB[:users].where(id: 1).sql.inspect } }
get('/sequel') { attempt { Sequel.desc(:x).class } }
get('/other') { attempt { NoSuchThing } }
`;
const TOML = '[[d1_databases]]\nbinding = "DB"\ndatabase_name = "x"\n';

async function answers(app) {
  const out = {};
  for (const route of ['jwt', 'auth', 'pkey', 'cipher', 'dataset', 'sequel', 'other']) {
    out[route] = await (await app.fetch(new Request(`http://example.org/${route}`))).text();
  }
  return out;
}

test('without the require: nothing bundled, and each use names the require to add', async () => {
  const { app, dir } = await loadTempApp({ 'app.rb': ROUTES, 'wrangler.toml': TOML });
  assert.deepEqual(bundled(dir), ['app.rb']);
  const r = await answers(app);
  assert.equal(r.jwt, "NameError: uninitialized constant JWT: add require 'jwt' (Kiln bundles its JWT library only into apps that require it)");
  assert.match(r.auth, /^NameError: uninitialized constant Kiln::JWTAuth: add require 'jwt'/);
  assert.match(r.pkey, /^NameError: uninitialized constant OpenSSL::PKey: add require 'openssl'/);
  assert.match(r.cipher, /^NameError: uninitialized constant OpenSSL::Cipher: add require 'openssl'/);
  assert.equal(r.dataset, "NoMethodError: DB[]: D1 datasets need require 'sequel' (or require 'kiln/dataset') in the app");
  assert.match(r.sequel, /^NameError: uninitialized constant Sequel: add require 'sequel'/);
  assert.match(r.other, /^NameError: uninitialized constant (.*::)?NoSuchThing$/);  // mruby's own message
});

test("with the requires: the libraries are bundled (and what they require) and work", async () => {
  const { app, dir } = await loadTempApp({
    'app.rb': `require 'jwt'\nrequire('openssl/cipher')\nrequire "sequel"\n${ROUTES}`,
    'wrangler.toml': TOML,
  });
  assert.deepEqual(bundled(dir), ['app.rb', 'kiln/lib/jwt.rb', 'kiln/lib/kiln/dataset.rb', 'kiln/lib/kiln/jwt_auth.rb',
    'kiln/lib/kiln/sql.rb', 'kiln/lib/openssl/cipher.rb', 'kiln/lib/openssl/pkey.rb', 'kiln/lib/sequel.rb']);
  const r = await answers(app);
  assert.equal(r.jwt, '3');
  assert.equal(r.auth, 'Kiln::JWTAuth');
  assert.equal(r.pkey, 'OpenSSL::PKey::RSA');
  assert.equal(r.cipher, 'aes-256-gcm');
  assert.equal(r.dataset, '["SELECT * FROM `users` WHERE (`id` = ?)", [1]]');
  assert.equal(r.sequel, 'Kiln::SQL::Ordered');
});

test("a require in another bundled file counts; the app's own file of that name wins", () => {
  const dir = tempApp({
    'app.rb': "require_relative 'lib/auth'\nrequire 'jwt'\nget('/') { JWT.name }\n",
    'lib/auth.rb': "require 'openssl'\n",
    'lib/jwt.rb': "module JWT; end\n",
  });
  build(dir, { log: null });
  assert.deepEqual(bundled(dir), ['app.rb', 'lib/auth.rb', 'lib/jwt.rb', 'kiln/lib/openssl.rb', 'kiln/lib/openssl/cipher.rb', 'kiln/lib/openssl/kdf.rb', 'kiln/lib/openssl/pkey.rb']);
});

test('requiredNames / libraryFiles: literal requires only, unknown names ignored', () => {
  assert.deepEqual(requiredNames("require 'a'; require(\"b/c.rb\")\nrequire_relative 'd'\nx.require 'e'\n"), ['a', 'b/c', 'e']);
  assert.deepEqual(libraryFiles(["require 'json'\nrequire 'nokogiri'\nrequire '../../etc/passwd'\n"]), []);
  assert.deepEqual(libraryFiles(["require 'kiln/dataset'"]), ['kiln/lib/kiln/dataset.rb', 'kiln/lib/kiln/sql.rb']);
});

test("the runtime carries none of the libraries' bytecode; hello's bundle neither", () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'dist/kiln.wasm')).toString('latin1');
  // Symbols only these files define (mrbc keeps them in the bytecode).
  for (const symbol of ['InvalidIatDecodeError', 'jwt_algorithm', 'TableBuilder', 'VirtualRow', 'from_jwk', 'auth_tag_len']) {
    assert.equal(wasm.includes(symbol), false, `${symbol} in kiln.wasm`);
  }
  const dir = tempApp({ 'app.rb': fs.readFileSync(path.join(ROOT, 'examples/hello/app.rb'), 'utf8') });
  build(dir, { log: null });
  assert.deepEqual(bundled(dir), ['app.rb']);
});

test('the migration DSL is bundled for kiln db migrate only, never into the Worker', () => {
  const dir = tempApp({
    'app.rb': "require 'sequel'\nget('/') { bindings.DB[:t].count.to_s }\n",
    'db/migrate/001_t.rb': "Sequel.migration { change { create_table(:t) { primary_key :id } } }\n",
  });
  build(dir, { log: null });
  assert.deepEqual(bundled(dir), ['app.rb', 'kiln/lib/kiln/dataset.rb', 'kiln/lib/kiln/sql.rb', 'kiln/lib/sequel.rb']);
  build(dir, { main: 'db/migrate/001_t.rb', files: ['db/migrate/001_t.rb'], libraries: ['kiln/migration'], outDir: path.join(dir, 'build/migrate'), log: null });
  const migrate = decode(fs.readFileSync(path.join(dir, 'build/migrate/app.kbc'))).map(([name]) => name);
  assert.deepEqual(migrate, ['db/migrate/001_t.rb', 'kiln/lib/kiln/dataset.rb', 'kiln/lib/kiln/migration.rb', 'kiln/lib/kiln/sql.rb']);
});
