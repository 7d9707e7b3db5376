// One list of binding behaviours, two backends: the checks of
// tests/conformance/app/app.rb run on the node emulation (SQLite, loadApp)
// and on real workerd (wrangler dev); both must observe exactly the values in
// tests/conformance/app/expected.json (recorded from workerd). A difference
// is a bug, or an entry in EXCEPTIONS below with the reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { emulatedClient, webSocketChecks, wsClient } from './websocket.mjs';

const APP = path.join(ROOT, 'tests/conformance/app');
const EXPECTED_FILE = path.join(APP, 'expected.json');
const EXPECTED = JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8'));
// KILN_CONFORMANCE_RECORD=group,group... records those groups' expected
// values from workerd (the workerd suite writes them into expected.json).
const RECORD = (process.env.KILN_CONFORMANCE_RECORD ?? '').split(',').filter(Boolean);
const GROUPS = [...new Set([...Object.keys(EXPECTED), ...RECORD])];

// The outbound fetch checks' target, on 127.0.0.1 (the app gets its URL as
// [vars] TARGET): /echo answers the request as JSON, /status/N with N,
// /redirect with a 302 to /final, /binary with bytes.
function startTarget() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://target');
      const status = url.pathname.match(/^\/status\/(\d+)$/);
      if (status) { res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }); res.end(`status ${status[1]}`); return; }
      if (url.pathname === '/redirect') { res.writeHead(302, { location: '/final' }); res.end(); return; }
      if (url.pathname === '/binary') { res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.end(Buffer.from([0, 255, 1, 128])); return; }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['x-test', 'content-type'].includes(k)));
      res.writeHead(200, { 'content-type': 'application/json', 'x-target': 'yes' });
      res.end(JSON.stringify({ method: req.method, path: url.pathname + url.search, headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const target = await startTarget();
const TARGET = `http://127.0.0.1:${target.address().port}`;
after(() => target.close());
// Groups a client observes (./websocket.mjs) rather than the app's /run/.
const CLIENT_GROUPS = { websocket: webSocketChecks };

// Documented differences: { backend: { group: { check: reason } } }. The
// emulation enforces limits Workers document for production that local
// workerd (wrangler dev) does not check; tests/core/emulation_test.cpp
// covers them.
const LIMIT = 'a production limit of Workers the emulation enforces and local workerd does not';
const EXCEPTIONS = {
  emulation: {
    do_storage: { 'key too long': `${LIMIT} (2 KiB keys of SQLite-backed objects)` },
    fetch: { 'unreachable host': "node's fetch fails with TypeError (fetch failed) where workerd raises Error; the op is the same global fetch" },
    queue: {
      'send with negative delay': `${LIMIT} (delay_seconds 0..43200)`,
      'send with delay over 12 hours': `${LIMIT} (delay_seconds 0..43200)`,
      'send a large message': `${LIMIT} (128 KB a message)`,
      'send_batch of 101': `${LIMIT} (100 messages a batch)`,
      'send_batch too large in total': `${LIMIT} (256 KB a batch)`,
    },
  },
  workerd: {},
};

// Epoch seconds in messages depend on when the check ran.
const normalize = (v) => JSON.parse(JSON.stringify(v).replace(/\b1\d{9}\b/g, '<epoch>'));

function suite(backend, start) {
  describe(`bindings conformance: ${backend}`, () => {
    const observed = {};
    let stop;
    before(async () => {
      build(APP, { log: null });
      const { fetchPath, close, beforeGroup, openWebSocket } = await start();
      stop = close;
      // Groups run in order: each check may rely on the state the previous left.
      for (const group of GROUPS) {
        await beforeGroup?.(group);
        if (CLIENT_GROUPS[group]) {
          observed[group] = normalize(await CLIENT_GROUPS[group](openWebSocket, fetchPath));
          continue;
        }
        const res = await fetchPath(`/run/${group}`);
        const body = await res.text();
        assert.equal(res.status, 200, body);
        observed[group] = normalize(JSON.parse(body));
        if (backend === 'workerd' && RECORD.includes(group)) EXPECTED[group] = JSON.parse(body);
      }
      if (backend === 'workerd' && RECORD.length) fs.writeFileSync(EXPECTED_FILE, `${JSON.stringify(EXPECTED, null, 2)}\n`);
    });
    after(async () => { await stop?.(); });

    for (const group of GROUPS) {
      for (const [check, expected] of Object.entries(EXPECTED[group] ?? {})) {
        const reason = EXCEPTIONS[backend][group]?.[check];
        test(`${group}: ${check}`, { skip: reason }, () => {
          assert.ok(check in observed[group], `the app did not run '${check}'`);
          assert.deepEqual(observed[group][check], normalize(expected));
        });
      }
    }
    test('the app runs no check missing from expected.json', () => {
      for (const group of GROUPS) assert.deepEqual(Object.keys(observed[group]), Object.keys(EXPECTED[group]));
    });
  });
}

// Queue consumers: wrangler dev pushes batches by itself; the emulation
// delivers when drained (delays included, as the check waits for them).
suite('emulation', async () => {
  const app = await loadApp(APP, { fresh: true, printErr: () => {}, vars: { TARGET } });
  return {
    fetchPath: (p) => app.fetch(new Request(`http://localhost${p}`)),
    openWebSocket: (p, protocol) => emulatedClient(app, `http://localhost${p}`, protocol),
    beforeGroup: async (group) => { if (group === 'queue_consume') await app.drainQueues({ ignoreDelay: true }); },
    close: null,
  };
});

suite('workerd', async () => {
  const server = await startWrangler(APP, { vars: { TARGET } });
  return {
    fetchPath: (p) => fetch(`${server.url}${p}`),
    openWebSocket: (p, protocol) => wsClient(`${server.url.replace(/^http/, 'ws')}${p}`, protocol),
    close: () => server.stop(),
  };
});
