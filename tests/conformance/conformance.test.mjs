// One list of binding behaviours, two backends: the checks of
// tests/conformance/app/app.rb run on the node emulation (SQLite, loadApp)
// and on real workerd (wrangler dev); both must observe exactly the values in
// tests/conformance/app/expected.json (recorded from workerd). A difference
// is a bug, or an entry in EXCEPTIONS below with the reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { emulatedClient, webSocketChecks, wsClient } from './websocket.mjs';

const APP = path.join(ROOT, 'tests/conformance/app');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(APP, 'expected.json'), 'utf8'));
const GROUPS = Object.keys(EXPECTED);
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
      }
    });
    after(async () => { await stop?.(); });

    for (const group of GROUPS) {
      for (const [check, expected] of Object.entries(EXPECTED[group])) {
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
  const app = await loadApp(APP, { fresh: true, printErr: () => {} });
  return {
    fetchPath: (p) => app.fetch(new Request(`http://localhost${p}`)),
    openWebSocket: (p, protocol) => emulatedClient(app, `http://localhost${p}`, protocol),
    beforeGroup: async (group) => { if (group === 'queue_consume') await app.drainQueues({ ignoreDelay: true }); },
    close: null,
  };
});

suite('workerd', async () => {
  const server = await startWrangler(APP);
  return {
    fetchPath: (p) => fetch(`${server.url}${p}`),
    openWebSocket: (p, protocol) => wsClient(`${server.url.replace(/^http/, 'ws')}${p}`, protocol),
    close: () => server.stop(),
  };
});
