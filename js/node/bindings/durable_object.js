// Durable Objects under node: the `durable_object` (state.storage inside an
// object) and `durable_object_namespace` (ids, stubs) ops of
// js/worker/bindings/durable_object.js, emulated (docs/bindings/ops.md).
// Storage is SQLite (src/bindings/durable_object.cpp), which answers the ops' values;
// stubs run the Ruby object in the same Kiln instance, with the same events
// workerd's JS class sends (js/worker/entry.js): fetch with context.durableObject,
// do_call, do_alarm, do_ws_* (hibernatable WebSockets: ./websocket.js).
// Alarms fire on the process's clock, or on demand. state.storage.transaction
// runs on the object's file (a savepoint per block) and
// state.block_concurrency_while holds the object's other events back, through
// the same drivers as on workerd.
import { createHash, randomBytes } from 'node:crypto';
import { encode } from '../../worker/codec.js';
import { blockConcurrency, transaction } from '../../worker/bindings/durable_object.js';
import { responseValue } from '../../worker/bindings/values.js';
import { hibernatableState } from './websocket.js';

const HEX64 = /^[0-9a-f]{64}$/;

function checkId(id) {
  if (!HEX64.test(String(id))) throw new TypeError('Invalid Durable Object ID: must be 64 hex digits');
  return String(id);
}

// call: the emulation's one wasm entry; classes: {BINDING: className};
// kiln: the instance the objects run in; printErr: where alarm failures go.
export function durableObjects(call, classes, kiln, { printErr = console.error } = {}) {
  const classOf = (name) => {
    if (!(name in classes)) throw new ReferenceError(`no binding named ${name} (declare it in wrangler.toml)`);
    return classes[name];
  };
  const context = (className, id) => ({ durableObject: { className, id, state: webSockets(className, id) } });
  // Each object's hibernation API (js/node/bindings/websocket.js): its
  // WebSocket events run on this instance, one at a time per object.
  const hibernation = new Map();
  function webSockets(className, id) {
    const key = `${className} ${id}`;
    if (!hibernation.has(key)) {
      const state = hibernatableState((type, ws, payload) => kiln.event({ type, class: className, id, ...state.socketEvent(ws), ...payload }, context(className, id)));
      hibernation.set(key, state);
    }
    return hibernation.get(key);
  }
  // kiln test: no socket outlives its test.
  kiln.closeObjectWebSockets = () => {
    for (const state of hibernation.values()) state.closeAll();
    hibernation.clear();
  };
  const storage = (d, method, ...args) => call(['do', d.className, d.id, method, ...args]);

  // Per object, the block_concurrency_while block running (a promise): every
  // event waits for it first, as workerd's input gate makes them.
  const gates = new Map();
  const gated = async (className, id, run) => {
    const key = `${className} ${id}`;
    while (gates.has(key)) await gates.get(key);
    return run();
  };
  async function gate({ className, id }, fn) {
    const key = `${className} ${id}`;
    const running = fn();
    const settled = running.then(() => {}, () => {});
    gates.set(key, settled);
    try {
      return await running;
    } finally {
      if (gates.get(key) === settled) gates.delete(key);
    }
  }
  const event = (e) => gated(e.class, e.id, () => kiln.event(e, context(e.class, e.id)));

  async function fetchObject(className, id, request) {
    return gated(className, id, () => kiln.fetch(request, context(className, id)));
  }

  // The clock: one timer, for the earliest alarm; unref'd so it never keeps
  // node alive (`kiln request` exits; a long-running process gets its alarms).
  let timer = null;
  function arm() {
    clearTimeout(timer);
    const next = call(['do', '*', '*', 'next_alarm']);
    if (next === null) return;
    timer = setTimeout(() => { fireAlarms().catch((e) => printErr(`kiln: alarm failed: ${e.message}`)); }, Math.max(0, Math.min(next - Date.now(), 2 ** 31 - 1)));
    timer.unref?.();
  }

  // Runs every alarm due by `now` (ms; default: the clock). Returns how many
  // ran; a failing alarm() is logged, counted in `failed` and, as on Workers,
  // retried with exponential backoff from 2 s, up to 6 times (unless it set
  // a new alarm itself).
  const retries = new Map();
  async function fireAlarms({ now = Date.now() } = {}) {
    const due = call(['do', '*', '*', 'take_due_alarms', Math.floor(now)]);
    let failed = 0;
    for (const [className, id] of due) {
      const key = `${className} ${id}`;
      try {
        await event({ type: 'do_alarm', class: className, id });
        retries.delete(key);
      } catch (e) {
        failed++;
        const n = retries.get(key) ?? 0;
        const retry = n < 6 && call(['do', className, id, 'get_alarm']) === null;
        printErr(`kiln: alarm of ${className} ${id} failed${retry ? `, retried in ${2 ** (n + 1)} s` : ''}: ${e.message}`);
        if (retry) {
          retries.set(key, n + 1);
          call(['do', className, id, 'set_alarm', Math.floor(now) + 1000 * 2 ** (n + 1)]);
        } else retries.delete(key);
      }
    }
    arm();
    return { ran: due.length, failed };
  }

  kiln.stub = (name, id) => ({ fetch: (request) => fetchObject(classOf(name), checkId(id), request) });
  kiln.fireAlarms = fireAlarms;
  arm();

  const ops = {
    durable_object([method, ...args], { durableObject: d } = {}) {
      if (!d) throw new TypeError('state.storage is only available inside a Durable Object');
      switch (method) {
        case 'get': return storage(d, 'get', args[0]);
        case 'put': {
          const entries = typeof args[0] === 'object' && args[0] !== null ? Object.entries(args[0]) : [[args[0], args[1]]];
          return storage(d, 'put', entries.map(([k, v]) => [k, encode(v ?? null)]));
        }
        case 'delete': return storage(d, 'delete', args[0]);
        case 'delete_all': return storage(d, 'delete_all');
        case 'list': {
          const o = args[0] ?? {};
          return storage(d, 'list', o.prefix ?? null, o.limit ?? null, o.start ?? null, o.end ?? null, o.reverse === true);
        }
        case 'sql': return storage(d, 'sql', String(args[0]), args[1] ?? []);
        case 'sql_many': return storage(d, 'sql_many', String(args[0]), (args[1] ?? []).map((row) => (Array.isArray(row) ? row : [row])));
        case 'database_size': return storage(d, 'database_size');
        case 'transaction': return transaction((body) => {
          storage(d, 'transaction', 'begin');
          try {
            body();
          } catch (e) {
            storage(d, 'transaction', 'rollback');
            throw e;
          }
          storage(d, 'transaction', 'commit');
        }, (a) => ops.durable_object(a, { durableObject: d }));
        case 'block_concurrency_while': return blockConcurrency((fn) => gate(d, fn));
        case 'transaction_end': case 'block_concurrency_end': throw new TypeError(`${method} outside its block`);
        case 'set_alarm': storage(d, 'set_alarm', args[0]); arm(); return null;
        case 'get_alarm': return storage(d, 'get_alarm');
        case 'delete_alarm': storage(d, 'delete_alarm'); arm(); return null;
        default: throw new TypeError(`state.storage has no method ${method}`);
      }
    },

    async durable_object_namespace([name, method, ...args]) {
      const className = classOf(name);
      switch (method) {
        // Same name, same id (per class, as a namespace is per class on Workers).
        case 'id_from_name': return createHash('sha256').update(`${className}\0${args[0]}`).digest('hex');
        case 'new_unique_id': return randomBytes(32).toString('hex');
        case 'fetch': {
          const [id, url, init] = args;
          const request = new Request(new URL(url, 'https://durable-object.kiln').href, {
            method: init?.method, headers: init?.headers, body: init?.body ?? undefined,
          });
          return responseValue(await fetchObject(className, checkId(id), request));
        }
        case 'call': {
          const [id, m, callArgs] = args;
          return event({ type: 'do_call', class: className, id: checkId(id), method: m, args: callArgs ?? [] });
        }
        default: throw new TypeError(`Durable Object namespace has no method ${method}`);
      }
    },
  };
  return ops;
}
