// Rack on Kiln: config.ru as an app's entry (js/cli/build/build.js
// defaultMain / rackupSource, ruby/kiln/lib/rack/builder.rb), `use` with Rack
// middleware (ruby/kiln/lib/kiln/rack.rb, the Rack boundary), and how the
// build bundles Rack's pieces: on require, on a constant named (Rack's
// autoload, js/cli/build/libraries.js autoloadNames), on a `use`/`run` line.
// The request/response behaviour of each middleware is in tests/compat
// (middleware_*, rack_*, cors_*, protection_*).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build, defaultMain, outDirFor } from '../../js/cli/build/build.js';
import { autoloadNames } from '../../js/cli/build/libraries.js';
import { decode } from '../../js/worker/codec.js';
import { loadTempApp, tempApp } from '../support/helpers.mjs';

const bundled = (dir) => decode(fs.readFileSync(path.join(dir, 'build/app.kbc'))).map(([name]) => name);
const get = async (app, p, headers = {}) => {
  const res = await app.fetch(new Request(`http://example.org${p}`, { headers }));
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
};

const APP = `require 'sinatra/base'
class App < Sinatra::Base
  get('/') { "app #{request.script_name.inspect}" }
  get('/user') { env['REMOTE_USER'].to_s }
end
`;

test('config.ru is the entry when there is one: require, use, map, run', async () => {
  const { app, dir } = await loadTempApp({
    'app.rb': APP,
    'config.ru': `require './app'
require 'rack/cors'

use Rack::Cors do
  allow do
    origins '*'
    resource '*', methods: :get
  end
end
map '/admin' do
  use Rack::Auth::Basic, 'Admin' do |u, p| u == 'a' && p == 'b' end
  run App
end
map '/hello' do
  run ->(env) { [200, { 'content-type' => 'text/plain' }, ["hello #{env['PATH_INFO']}"]] }
end
run App
`,
  });
  assert.equal(defaultMain(dir), 'config.ru');
  assert.equal(outDirFor(dir), path.join(dir, 'build'));
  const files = bundled(dir);
  assert.equal(files[0], 'config.ru');
  for (const f of ['app.rb', 'kiln/lib/kiln/rack.rb', 'kiln/lib/rack/builder.rb', 'kiln/lib/rack/cors.rb', 'kiln/lib/rack/auth/basic.rb']) {
    assert.ok(files.includes(f), `${f} bundled: ${files}`);
  }
  assert.deepEqual(await get(app, '/'), {
    status: 200, body: 'app ""',
    headers: (await get(app, '/')).headers,
  });
  const cors = await get(app, '/', { Origin: 'https://a.example' });
  assert.equal(cors.headers['access-control-allow-origin'], '*');
  assert.equal(cors.headers.vary, 'Origin');
  assert.equal((await get(app, '/hello/there')).body, 'hello /there');
  assert.equal((await get(app, '/admin/user')).status, 401);
  const authed = await get(app, '/admin/user', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
  assert.equal(authed.status, 200);
  assert.equal(authed.body, 'a');
  assert.equal((await get(app, '/admin/', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })).body, 'app "/admin"');
});

test('a config.ru with only a lambda: a plain Rack app, no Sinatra', async () => {
  const { app, dir } = await loadTempApp({ 'config.ru': "run ->(env) { [201, { 'X-Kind' => 'plain' }, ['hi ', env['REQUEST_METHOD']]] }\n" });
  assert.deepEqual(bundled(dir).sort(), ['config.ru', 'kiln/lib/kiln/rack.rb', 'kiln/lib/rack/builder.rb']);
  const r = await get(app, '/');
  assert.equal(r.status, 201);
  assert.equal(r.body, 'hi GET');
  assert.equal(r.headers['x-kind'], 'plain');  // header names lower-cased at the boundary
});

test('config.ru: a class it defines is top-level, Rack::Builder.new works, warmup runs once', async () => {
  const { app } = await loadTempApp({
    'config.ru': `class Greeter
  def call(env) = [200, {}, ["#{self.class.name} #{$warm}"]]
end
warmup { |built| $warm = built.class.name }
run Rack::Builder.new {
  map('/g') { run Greeter.new }
}
`,
  });
  // As in Rack, `run Rack::Builder.new { }` runs the builder itself.
  assert.equal((await get(app, '/g')).body, 'Greeter Rack::Builder');
  assert.equal((await get(app, '/nothing')).status, 404);
});

test('config.ru errors point at config.ru lines', async () => {
  const { app, errors } = await loadTempApp({
    'config.ru': "# a comment\nrun ->(env) {\n  raise 'boom'\n}\n",
  });
  assert.equal((await get(app, '/')).status, 500);
  assert.match(errors.join('\n'), /config\.ru:3/);
});

test('app.rb with config.ru beside it: config.ru wins; without, app.rb (unchanged)', async () => {
  const dir = tempApp({ 'app.rb': "get('/') { 'classic' }\n" });
  assert.equal(defaultMain(dir), 'app.rb');
  fs.writeFileSync(path.join(dir, 'config.ru'), "require './app'\nuse Rack::ETag\nrun Sinatra::Application\n");
  assert.equal(defaultMain(dir), 'config.ru');
  build(dir, { log: null });
  const { loadApp } = await import('../../js/node/load_app.js');
  const app = await loadApp(dir, { print: () => {}, printErr: () => {} });
  const r = await get(app, '/');
  assert.equal(r.body, 'classic');
  assert.match(r.headers.etag, /^W\/"[0-9a-f]{32}"$/);
});

test('Rack pieces are bundled only when named: hello carries none', async () => {
  const { dir } = await loadTempApp({ 'app.rb': "get('/') { 'hi' }\n" });
  assert.deepEqual(bundled(dir), ['app.rb']);
  assert.deepEqual(autoloadNames("use Rack::Auth::Basic\nRack::ETag"), ['kiln/rack', 'rack/auth', 'rack/auth/basic', 'rack/etag']);
  assert.deepEqual(autoloadNames('Rack::MethodOverride Rack::URLMap'),
    ['rack/methodoverride', 'rack/method_override', 'rack/urlmap']);
  assert.deepEqual(autoloadNames("x.run!\nuser = 1\nset :run, false"), []);
});

test('Rack constants load on first use; without their file, a NameError that names the require', async () => {
  const { app } = await loadTempApp({
    'app.rb': `def attempt
  yield.to_s
rescue NameError => e
  "#{e.class}: #{e.message}"
end
get('/etag') { attempt { Rack::ETag.name } }
get('/codes') { attempt { Rack::Utils::HTTP_STATUS_CODES[404] } }
get('/ranges') { attempt { Rack::Utils.byte_ranges({ 'HTTP_RANGE' => 'bytes=0-1' }, 10).inspect } }
get('/cors') { attempt { Object.const_get(:Rack).const_get(:Cors) } }
`,
  });
  assert.equal((await get(app, '/etag')).body, 'Rack::ETag');
  assert.equal((await get(app, '/codes')).body, 'Not Found');
  assert.equal((await get(app, '/ranges')).body, '[0..1]');
  assert.equal((await get(app, '/cors')).body, "NameError: uninitialized constant Rack::Cors: add require 'rack/cors' (the rack-cors gem's middleware, bundled on require)");
});

test('use: middleware around the app, awaits inside it, streamed bodies stream', async () => {
  const { app } = await loadTempApp({
    'app.rb': `class Slow
  def initialize(app) = @app = app
  def call(env)
    sleep 0.01                       # an await inside middleware (the request's fiber)
    status, headers, body = @app.call(env)
    headers['x-slept'] = 'yes'
    [status, headers, body]
  end
end
class Chunks
  def initialize(app) = @app = app
  def call(env)
    return @app.call(env) unless env['PATH_INFO'] == '/chunks'
    [200, { 'content-type' => 'text/plain' }, Enumerator.new { |y| 3.times { |i| y << "c#{i};" } }]
  end
end
use Slow
use Chunks
get('/') { 'inner' }
`,
  });
  const r = await get(app, '/');
  assert.equal(r.body, 'inner');
  assert.equal(r.headers['x-slept'], 'yes');
  const c = await get(app, '/chunks');
  assert.equal(c.body, 'c0;c1;c2;');
  assert.equal(c.headers['content-length'], undefined);
});
