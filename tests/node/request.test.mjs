// `kiln request`: the CLI run as a subprocess, one request per run, the
// response as one line of JSON on stdout.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, tempApp } from '../support/helpers.mjs';

const CLI = path.join(ROOT, 'js/cli/main.js');

function kiln(...args) {
  const r = spawnSync(process.execPath, [CLI, 'request', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs the CLI and parses its one line of JSON (asserting there is one).
function request(...args) {
  const r = kiln(...args);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one JSON line expected, got:\n${r.stdout}`);
  return JSON.parse(lines[0]);
}

const dir = tempApp({
  'site.rb': `
get '/' do
  puts 'app output goes to stderr'
  "Hello #{params[:name]} at #{request.host}"
end
get('/env') { settings.environment.to_s }
get('/header') { env['HTTP_X_TOKEN'].to_s }
get('/cookies') { headers 'Set-Cookie' => ['a=1', 'b=2']; 'two cookies' }
get('/bytes') { content_type 'application/octet-stream'; [0, 255, 128, 10].pack('C*') }
get('/teapot') { [418, { 'X-Kind' => 'teapot' }, 'short and stout'] }
get('/boom') { raise 'kaboom' }
post('/form') { "#{params[:a]}+#{params[:b]}" }
put('/raw') { "#{request.content_type} #{request.body.read.bytesize} #{request.body.rewind; request.body.read.unpack('C*').join(',')}" }
`,
  'other.rb': "get('/') { 'the other app' }\n",
  'payload.bin': Buffer.from([1, 2, 0, 254]),
});
const site = path.join(dir, 'site.rb');

test('status, lower-case headers and a UTF-8 body', () => {
  const r = request(site, 'GET', '/teapot');
  assert.equal(r.status, 418);
  assert.equal(r.headers['x-kind'], 'teapot');
  assert.equal(r.headers['content-type'], 'text/html;charset=utf-8');
  assert.equal(r.body, 'short and stout');
  assert.equal(r.body_base64, undefined);
});

test('the query comes from -q or from PATH; the app prints to stderr only', () => {
  const r = kiln(site, 'get', '/', '-q', 'name=Frank');
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).body, 'Hello Frank at localhost');
  assert.match(r.stderr, /app output goes to stderr/);
  assert.equal(request(site, 'GET', '/?name=Ann').body, 'Hello Ann at localhost');
});

test('the Host header sets the request host', () => {
  assert.equal(request(site, 'GET', '/', '-H', 'Host: example.org').body, 'Hello  at example.org');
});

test('-H sends headers', () => {
  assert.equal(request(site, 'GET', '/header', '-H', 'X-Token: s3cret').body, 's3cret');
});

test('repeated Set-Cookie headers are joined with a newline', () => {
  assert.equal(request(site, 'GET', '/cookies').headers['set-cookie'], 'a=1\nb=2');
});

test('a body that is not UTF-8 comes back as body_base64', () => {
  const r = request(site, 'GET', '/bytes');
  assert.equal(r.body, undefined);
  assert.deepEqual([...Buffer.from(r.body_base64, 'base64')], [0, 255, 128, 10]);
});

test('-d posts a form; --data-file sends the file bytes', () => {
  assert.equal(request(site, 'POST', '/form', '-d', 'a=1&b=two').body, '1+two');
  const r = request(site, 'PUT', '/raw', '--data-file', path.join(dir, 'payload.bin'), '-H', 'Content-Type: application/x-bin');
  assert.equal(r.body, 'application/x-bin 4 1,2,0,254');
});

test('-e selects the environment (default development)', () => {
  assert.equal(request(site, 'GET', '/env').body, 'development');
  assert.equal(request(site, 'GET', '/env', '-e', 'production').body, 'production');
  const dev = request(site, 'GET', '/boom');
  assert.equal(dev.status, 500);
  assert.match(dev.body, /kaboom/);
  const prod = request(site, 'GET', '/boom', '-e', 'production');
  assert.equal(prod.status, 500);
  assert.equal(prod.body, '<h1>Internal Server Error</h1>');
});

test('two app files in one directory build apart', () => {
  assert.equal(request(path.join(dir, 'other.rb'), 'GET', '/').body, 'the other app');
  assert.match(request(site, 'GET', '/').body, /^Hello/);
  assert.ok(fs.existsSync(path.join(dir, 'build/site/app.kbc')));
  assert.ok(fs.existsSync(path.join(dir, 'build/other/app.kbc')));
});

test('a build error exits non-zero with file:line on stderr', () => {
  const bad = tempApp({ 'broken.rb': "get '/' do\n  'x'\nend\nend\n" });
  const r = kiln(path.join(bad, 'broken.rb'), 'GET', '/');
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /broken\.rb:4/);
});

test('an app that fails to load exits non-zero with file:line', () => {
  const bad = tempApp({ 'app.rb': "get('/') { 'x' }\nundefined_thing_at_load\n" });
  const r = kiln(path.join(bad, 'app.rb'), 'GET', '/');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /app\.rb:2/);
  assert.match(r.stderr, /undefined_thing_at_load/);
});

test('usage errors exit 2 and say what is wrong', () => {
  assert.equal(kiln(site, 'GET').code, 2);
  const r = kiln(site, 'GET', '/', '-d', 'x=1');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /GET request cannot have a body/);
  assert.match(kiln(site, 'GET', 'relative').stderr, /PATH must start with '\/'/);
});
