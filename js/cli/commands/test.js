// `kiln test [APP_DIR] [-n PATTERN]`: runs the app's tests (test/**/*_test.rb)
// under node, on the node runtime with emulated bindings, and prints
// Minitest-style output. The test bundle is the app plus ruby/kiln/test/dsl.rb
// (preloaded) and the test files; each test is one event in the VM, and its
// requests go through kiln.fetch on the same instance (the `test_fetch`
// operation), so they take the app's real request path. The bindings' state
// lives in a temporary directory, emptied before every test; then the D1
// migrations on disk (wrangler's migrations_dir) are applied again, so every
// test starts from the deployed schema with no rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atMost, UsageError } from '../args.js';

const RUBY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../ruby');
const DSL = 'kiln/test/dsl.rb';
const WEBSOCKET_DSL = 'kiln/test/websocket.rb';

// -n NAME matches a test method name or Class#name exactly; -n /RE/ by regexp.
function matcher(pattern) {
  if (!pattern) return () => true;
  const re = pattern.match(/^\/(.*)\/$/);
  if (re) {
    const r = new RegExp(re[1]);
    return (cls, name) => r.test(name) || r.test(`${cls}#${name}`);
  }
  return (cls, name) => pattern === name || pattern === `${cls}#${name}`;
}

// Frames inside Kiln itself are left out of backtraces (as Minitest filters its own).
const userFrames = (trace) => {
  const own = trace.filter((f) => !f.startsWith('kiln/') && !f.includes('ruby/kiln/'));
  return own.length ? own : trace;
};

// Returns the exit status: 0 when every test passed (or was skipped). No
// app.rb (or config.ru) or no test files is a UsageError (exit 2: kiln test was pointed at
// the wrong place). The build, the runtime and the emulation are imported
// here, not at the top: `kiln --help` loads none of them.
export async function runTests(appDir = '.', { pattern, out = (s) => process.stdout.write(s) } = {}) {
  appDir = path.resolve(appDir);
  if (!['app.rb', 'config.ru'].some((f) => fs.existsSync(path.join(appDir, f)))) throw new UsageError(`no app.rb or config.ru in ${appDir}`);
  const [{ build, rubyFiles }, { readConfig }, { resetEmulation }, { applyMigrations, migratedDatabases }, { loadApp }] = await Promise.all([
    import('../build/build.js'), import('../../node/config.js'), import('../../node/bindings/index.js'), import('./migrate.js'), import('../../node/load_app.js'),
  ]);
  const testDir = path.join(appDir, 'test');
  const testRuby = fs.existsSync(testDir) ? rubyFiles(appDir, 'test') : [];
  const testFiles = testRuby.filter((f) => /(_test|(^|\/)test_\w+)\.rb$/.test(f));
  if (testFiles.length === 0) throw new UsageError(`no tests in ${path.relative(process.cwd(), testDir) || testDir}: files named *_test.rb`);

  const started = performance.now();
  const { outDir } = build(appDir, {
    outDir: path.join(appDir, 'build', 'test'), log: null,
    extra: [{ dir: RUBY_DIR, rel: DSL }, { dir: RUBY_DIR, rel: WEBSOCKET_DSL }, ...testRuby.map((rel) => ({ dir: appDir, rel }))],
  });
  // loadApp adds the configuration's [vars] ([env.test] if any) and .dev.vars.
  const vars = { KILN_ENV: 'test' };
  // Sessions need a secret: a fresh one per run unless the app sets its own.
  if (!readConfig(appDir, { env: 'test' }).vars.SESSION_SECRET) vars.SESSION_SECRET = crypto.randomBytes(32).toString('hex');
  const state = stateDirectory();
  const outbound = { stubs: [], requests: [] };
  try {
    const app = await loadApp(appDir, {
      outDir, vars, emulate: true, state: state.dir, preload: [DSL, WEBSOCKET_DSL],
      operations: (module, kiln) => ({ ...testOperations(kiln, outbound), ...testWebSocketOperations(kiln) }),
    });
    app.module._kiln_emulation_scratch();  // thrown away after the run: no fsync
    const loaded = await app.event({ type: 'test_load', files: testFiles });
    const migrated = migratedDatabases(appDir);
    const wanted = matcher(pattern);
    const tests = loaded.tests.filter(([cls, name]) => wanted(cls, name));
    out('# Running:\n\n');
    const problems = [];
    const counts = { pass: 0, fail: 0, error: 0, skip: 0, assertions: 0 };
    for (const e of loaded.errors) {
      counts.error++;
      problems.push({ ...e, title: `${e.file} (while loading)` });
      out('E');
    }
    for (const [cls, name] of tests) {
      resetEmulation(app.module);
      app.closeWebSockets?.();
      outbound.stubs = [];
      outbound.requests = [];
      for (const { db, dir } of migrated) applyMigrations(app, db, dir);
      // A failure outside the test's own rescue (a runtime defect) is an error too.
      const r = await app.event({ type: 'test_run', class: cls, name })
        .catch((e) => ({ status: 'error', assertions: 0, class: 'Kiln::Error', message: e.message, backtrace: [] }));
      counts[r.status]++;
      counts.assertions += r.assertions;
      out({ pass: '.', fail: 'F', error: 'E', skip: 'S' }[r.status]);
      if (r.status !== 'pass') problems.push({ ...r, title: `${cls}#${name}` });
    }
    const seconds = (performance.now() - started) / 1000;
    const runs = tests.length + loaded.errors.length;
    out(`\n\nFinished in ${seconds.toFixed(3)}s, ${(runs / seconds).toFixed(1)} runs/s, ${(counts.assertions / seconds).toFixed(1)} assertions/s.\n`);
    problems.forEach((p, i) => out(`\n${describe(p, i + 1)}\n`));
    out(`\n${runs} runs, ${counts.assertions} assertions, ${counts.fail} failures, ${counts.error} errors, ${counts.skip} skips\n`);
    out(`${counts.pass} passed, ${counts.fail} failed, ${counts.error} errors, ${counts.skip} skipped\n`);
    return counts.fail + counts.error > 0 ? 1 : 0;
  } finally {
    state.remove();
  }
}

// The run's temporary state directory, kiln-test-<pid>-XXXXXX: removed when
// the run ends, also on SIGINT, SIGTERM and SIGHUP (then the signal is raised
// again, so the exit status still says which). A kill -9 cannot be caught:
// each run first removes the directories of runs whose process is gone.
const PREFIX = 'kiln-test-';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function sweepStateDirectories(tmp = os.tmpdir()) {
  for (const name of fs.readdirSync(tmp)) {
    const pid = Number(name.startsWith(PREFIX) && name.slice(PREFIX.length).split('-')[0]);
    if (pid > 0 && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';  // someone else's process: alive
  }
}

function stateDirectory() {
  sweepStateDirectories();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  const onSignal = (signal) => {
    remove();
    process.kill(process.pid, signal);
  };
  const remove = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return { dir, remove };
}

function describe(p, n) {
  if (p.status === 'fail' || p.status === 'skip') {
    const label = p.status === 'fail' ? 'Failure' : 'Skipped';
    return `  ${n}) ${label}:\n${p.title} [${p.location}]:\n${p.message}`;
  }
  const trace = userFrames(p.backtrace ?? []).map((f) => `    ${f}`).join('\n');
  return `  ${n}) Error:\n${p.title}:\n${p.class}: ${p.message}\n${trace}`;
}

// The ops only a test VM has: its requests (test_fetch), outbound HTTP
// stubs (the `fetch` op itself is replaced: a test never reaches the
// network), and the app's background work on demand.
function testOperations(kiln, outbound) {
  return {
    test_fetch: (args) => testFetch(kiln, args),
    fetch: (args) => stubbedFetch(outbound, args),
    test_stub_fetch: ([pattern, response]) => { outbound.stubs.unshift({ matches: urlMatcher(pattern), response }); return null; },
    test_unstub_fetch: () => { outbound.stubs = []; return null; },
    test_fetch_requests: () => outbound.requests,
    test_drain_queues: async ([queue]) => {
      if (!kiln.drainQueues) throw new Error('this app has no [[queues.consumers]] in wrangler.toml');
      return kiln.drainQueues({ queue: queue ?? undefined, ignoreDelay: true });
    },
    test_run_cron: async ([expr]) => (await kiln.cron(expr)).ran,
    test_run_alarms: async () => {
      if (!kiln.fireAlarms) throw new Error('this app has no Durable Objects in wrangler.toml');
      return (await kiln.fireAlarms({ now: Number.MAX_SAFE_INTEGER })).ran;
    },
  };
}

// A stub's URL: a String matches the URL exactly (or as a prefix when it
// ends in '*'); a Ruby Regexp arrives as {source, options} and matches
// anywhere (\A, \z and \h translated to JS).
function urlMatcher(pattern) {
  if (typeof pattern === 'string') {
    return pattern.endsWith('*') ? (url) => url.startsWith(pattern.slice(0, -1)) : (url) => url === pattern || url === new URL(pattern).href;
  }
  const source = pattern.source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$').replace(/\\h/g, '[0-9a-fA-F]');
  const re = new RegExp(source, pattern.ignore_case ? 'i' : '');
  return (url) => re.test(url);
}

// The `fetch` op in a test: recorded, then answered by the newest stub that
// matches; an unstubbed URL is an error (tests run without network).
function stubbedFetch(outbound, [url, init]) {
  const method = init?.method ?? 'GET';
  const headers = Object.entries(init?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
  outbound.requests.push({ method, url, headers: Object.fromEntries(headers), body: init?.body ?? null });
  const stub = outbound.stubs.find((s) => s.matches(url));
  if (!stub) throw new Error(`kiln test: no stub for ${method} ${url}: outbound HTTP in tests is answered by stub_fetch(url_or_regexp, status:, headers:, body:) and never reaches the network`);
  const { status = 200, headers: h = {}, body = '' } = stub.response;
  return { status, url, headers: Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]), body: typeof body === 'string' ? new TextEncoder().encode(body) : body };
}

// One request of a test, through the app's own fetch. wait_until work is
// finished before the test goes on, so its effects are visible to it.
async function testFetch(kiln, [method, url, headers, body]) {
  const background = [];
  const request = new Request(url, { method, headers, body: body === null || body === undefined ? undefined : body });
  const response = await kiln.fetch(request, { ctx: { waitUntil: (p) => background.push(p) } });
  const triple = await responseTriple(response);
  await Promise.all(background);
  return triple;
}

// A Response as TestResponse.new takes it: [status, [[name, value]...], bytes].
async function responseTriple(response) {
  const pairs = [];
  for (const [name, value] of response.headers) if (name !== 'set-cookie') pairs.push([name, value]);
  for (const cookie of response.headers.getSetCookie()) pairs.push(['set-cookie', cookie]);
  return [response.status, pairs, new Uint8Array(await response.arrayBuffer())];
}

// WebSockets of a test (ruby/kiln/test/websocket.rb) on the emulated sockets
// (js/node/bindings/websocket.js): test_websocket upgrades through kiln.fetch
// and answers ['ws', id, headers] or ['response', status, pairs, bytes];
// test_ws [method, id, ...] drives the test's end. The app's sockets close
// after each test (closeWebSockets).
function testWebSocketOperations(kiln) {
  let clients = new Map();
  let next = 1;
  const client = (id) => clients.get(id) ?? (() => { throw new Error('that test WebSocket is gone'); })();
  const ended = (c) => (c.closed ? [c.closeCode, c.closeReason ?? ''] : [null, null]);
  kiln.closeWebSockets = () => {
    kiln.closeObjectWebSockets?.();
    clients = new Map();
  };
  return {
    async test_websocket([url, headers]) {
      const { upgraded, ClientSocket } = await import('../../node/bindings/websocket.js');
      const request = new Request(url, { headers: [...headers, ['upgrade', 'websocket'], ['connection', 'Upgrade']] });
      const response = await kiln.fetch(request, {});
      const up = upgraded(response);
      if (!up) return ['response', ...(await responseTriple(response))];
      const id = next++;
      clients.set(id, new ClientSocket(up.webSocket));
      return ['ws', id, [...up.headers]];
    },
    async test_ws([method, id, ...args]) {
      const c = client(id);
      switch (method) {
        case 'send': {
          if (c.closed) return null;
          const [data, binary] = args;
          const frame = binary ? (typeof data === 'string' ? new TextEncoder().encode(data) : data) : (typeof data === 'string' ? data : new TextDecoder().decode(data));
          const failed = await c.send(frame);
          if (failed instanceof Error) throw failed;
          return null;
        }
        case 'receive': {
          const m = await c.next(args[0] * 1000);
          return m === null ? [null, ...ended(c)] : [m];
        }
        case 'close': await c.close(args[0], args[1]); return ended(c);
        case 'state': return ended(c);
        default: throw new TypeError(`test WebSocket has no method ${method}`);
      }
    },
  };
}

export const command = {
  name: 'test',
  summary: "run the app's tests (test/*_test.rb) offline, with emulated bindings",
  usage: 'test [APP_DIR] [-n PATTERN]',
  description: `
Runs the tests in APP_DIR/test/ (default: .): every file named *_test.rb,
with Minitest-style classes (class AppTest < Kiln::Test, or Minitest::Test)
and rack-test-style requests (get '/', post '/notes', {text: 'hi'};
last_response, follow_redirect!). Requests take the app's real request
path under node, on the same wasm runtime as the Worker; cookies carry over
within a test. The bindings the configuration declares (KV, D1, R2,
Durable Objects, Queues) are emulated on SQLite in a temporary directory,
emptied before every test, then given the D1 migrations on disk again
(APP_DIR/.kiln, the state of 'kiln request', is untouched). The app runs
with KILN_ENV=test and the [vars] of the configuration plus .dev.vars.`,
  options: {
    name: {
      type: 'string', short: 'n', arg: 'PATTERN',
      help: 'run only the test method PATTERN (or Class#PATTERN); with slashes, -n /RE/, the tests whose name (or Class#name) matches RE',
    },
  },
  footer: `
Prints one character per test (. pass, F failure, E error, S skip), then
each failure with file:line and each error with its backtrace. Exits 0 when
every test passed, 1 on a failure or error (or when the app cannot be
built or loaded), 2 on a usage error (no app.rb, no test files).`,
  async run({ positionals, values }) {
    atMost(positionals, 1, 'one APP_DIR');
    return runTests(positionals[0] ?? '.', { pattern: values.name });
  },
};
