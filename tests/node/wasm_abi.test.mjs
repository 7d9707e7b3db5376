// The wasm call ABI helper (js/worker/wasm.js, the JS half of src/core/abi.h)
// that js/worker/kiln.js and the node emulator (js/node/bindings/emulator.js)
// both call: inputs copied in and always freed, the Result read and its
// payload copied out, and a Failed answer of the emulator raised as the JS
// error it names.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AWAIT, BROKEN, DONE, FAILED, callWasm } from '../../js/worker/wasm.js';
import { BindingError, openEmulator, resetEmulation } from '../../js/node/bindings/emulator.js';
import { loadTempApp } from '../support/helpers.mjs';

// A module with a bump allocator over 4 KiB of "wasm memory" that records
// what is live, and one export answering a Result at offset 0.
function fakeModule() {
  const memory = new ArrayBuffer(4096);
  const live = new Set();
  let next = 64;
  return {
    HEAPU8: new Uint8Array(memory),
    HEAPU32: new Uint32Array(memory),
    live,
    _malloc(n) { const p = next; next += n; live.add(p); return p; },
    _free(p) { assert.ok(live.delete(p), `free of ${p}, which is not live`); },
  };
}

test('callWasm passes the id and (pointer, length) pairs, copies the payload out, frees the inputs', () => {
  const m = fakeModule();
  let seen;
  const fn = (id, p1, n1, p2, n2) => {
    seen = [id, [...m.HEAPU8.subarray(p1, p1 + n1)], n2];
    m.HEAPU8.set([7, 8, 9], 1000);
    m.HEAPU32.set([AWAIT, 42, 1000, 3], 0);
    return 0;
  };
  const r = callWasm(m, fn, 5, Uint8Array.of(1, 2), new Uint8Array(0));
  assert.deepEqual(seen, [5, [1, 2], 0]);
  assert.deepEqual(r, { kind: AWAIT, request: 42, payload: Uint8Array.of(7, 8, 9) });
  m.HEAPU8.set([0, 0, 0], 1000);  // the next call reuses the buffer
  assert.deepEqual([...r.payload], [7, 8, 9]);
  assert.equal(m.live.size, 0);
});

test('a call that throws out of wasm (a trap, a RangeError) answers BROKEN and the instance is not called again', () => {
  for (const thrown of [new WebAssembly.RuntimeError('unreachable'), new RangeError('Maximum call stack size exceeded')]) {
    const m = fakeModule();
    const r = callWasm(m, () => { throw thrown; }, 7, Uint8Array.of(1), Uint8Array.of(2, 3));
    assert.equal(r.kind, BROKEN);
    assert.equal(r.request, 7);
    assert.equal(new TextDecoder().decode(r.payload), `${thrown.name}: ${thrown.message}`);
    // Not even _free: its state is unknown (js/worker/kiln.js replaces it).
    assert.equal(m.live.size, 2);
  }
});

test('callWasm answers FAILED without calling when malloc answers 0 (memory at its maximum)', () => {
  const m = fakeModule();
  const malloc = m._malloc;
  let n = 0;
  m._malloc = (size) => (++n === 2 ? 0 : malloc(size));
  let called = false;
  const r = callWasm(m, () => { called = true; return 0; }, null, Uint8Array.of(1), Uint8Array.of(2, 3));
  assert.equal(r.kind, FAILED);
  assert.match(new TextDecoder().decode(r.payload), /out of wasm memory for a 2-byte input/);
  assert.equal(called, false);
  assert.equal(m.live.size, 0);
});

test('callWasm frees the inputs already copied when a later copy fails', () => {
  const m = fakeModule();
  const tooBig = new Uint8Array(8192);  // does not fit the memory: HEAPU8.set throws
  assert.throws(() => callWasm(m, () => 0, null, Uint8Array.of(1), tooBig), RangeError);
  assert.equal(m.live.size, 0);
});

test('the emulator: Done answers its value, Failed raises the error it names', async () => {
  const { app } = await loadTempApp({ 'app.rb': "get('/') { 'ok' }", 'wrangler.toml': '[[kv_namespaces]]\nbinding = "KV"\nid = "x"\n' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-abi-'));
  const call = openEmulator(app.module, dir);
  assert.equal(call(['kv', 'KV', 'put', 'k', Uint8Array.of(104, 105), null, null, null]), null);
  assert.equal(call(['kv', 'KV', 'get', 'k', 'text']), 'hi');
  assert.throws(() => call(['kv']), (e) => e instanceof BindingError && e.name === 'TypeError' && e.message === 'expected [kind, name, method, ...]');
  assert.throws(() => call(['ai', 'AI', 'run']), { name: 'Error', message: 'no emulation for ai bindings' });
  assert.throws(() => call(['kv', 'KV', 'put', 'k', Uint8Array.of(1), 30, null, null]), { name: 'Error', message: /Expiration TTL must be at least 60/ });
  resetEmulation(app.module);
  assert.equal(call(['kv', 'KV', 'get', 'k', 'text']), null);
  assert.equal(FAILED, 2);
  assert.equal(DONE, 0);
});
