// Offline bindings under node: KV, D1 and R2 emulated on real SQLite files
// (R2 bodies: plain files) in APP_DIR/.kiln/ by the node-only runtime
// (dist/kiln-node.wasm, src/bindings/).
// The operations below answer the same Ruby calls as js/worker/bindings/index.js, with the
// same argument and result shapes, so Ruby's one await primitive is unchanged;
// they are synchronous SQLite calls into the same wasm instance.
import { configFromToml } from '../config.js';
import { durableObjects } from './durable_object.js';
import { queues } from './queue.js';
import { emulatedKinds, openEmulator } from './emulator.js';

const utf8 = new TextEncoder();
const text = new TextDecoder();

export { emulatedKinds, resetEmulation, stateDir } from './emulator.js';
export const emulatedBindings = (tomlText) => emulatedKinds(configFromToml(tomlText));

const asBytes = (v) => (v instanceof Uint8Array ? v : utf8.encode(String(v ?? '')));
const typed = (bytes, type) => (type === 'binary' ? bytes : type === 'json' ? JSON.parse(text.decode(bytes)) : text.decode(bytes));
const parseJson = (s) => (s === null ? null : JSON.parse(s));
// KV and R2 cursors are opaque strings on Workers: base64url of the last key here.
const toCursor = (key) => Buffer.from(key, 'utf8').toString('base64url');
const fromCursor = (c) => (c ? Buffer.from(String(c), 'base64url').toString('utf8') : null);

function checkKind(kinds, name, kind) {
  if (!(name in kinds)) throw new ReferenceError(`no binding named ${name} (declare it in wrangler.toml)`);
  if (kinds[name] !== kind) throw new TypeError(`binding ${name} is not a ${kind} binding`);
}

// D1 binds an Array as a BLOB of its byte values and refuses other objects.
function d1Args(args) {
  return (args ?? []).map((a) => {
    if (Array.isArray(a)) return Uint8Array.from(a);
    if (a !== null && typeof a === 'object' && !(a instanceof Uint8Array)) {
      throw new Error(`D1_TYPE_ERROR: Type 'object' not supported for value '${String(a)}'`);
    }
    return a;
  });
}

// R2 metadata values are Strings, converted as workerd converts them (nil: "null").
const texts = (o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, String(v)]));

// An R2 object as js/worker/bindings/index.js's r2Object gives it (uploaded: ISO time).
function r2Object(o) {
  if (o === null) return null;
  const [key, size, etag, version, uploaded, http_metadata, custom_metadata, body] = o;
  const out = { key, size, etag, version, uploaded: new Date(uploaded).toISOString(), http_metadata, custom_metadata };
  if (body !== undefined) out.body = body;
  return out;
}

function d1Result([columns, rows, meta]) {
  const results = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  return { results, success: true, meta };
}

// The `kv`, `d1` and `r2` operations of js/worker/bindings/index.js, emulated; with config
// (js/node/config.js) and the Kiln instance also Durable Objects and Queues.
export function emulatedOperations(module, dir, kinds, { config, kiln, printErr } = {}) {
  const call = openEmulator(module, dir);
  const objects = config && Object.keys(config.durableObjects).length ? durableObjects(call, config.durableObjects, kiln, { printErr }) : {};
  const queued = config ? queues(call, config.queues, config.consumers, kiln, { printErr }) : {};
  return {
    ...objects,
    ...queued,
    kv([name, method, key, options]) {
      checkKind(kinds, name, 'kv');
      switch (method) {
        case 'get': {
          const r = call(['kv', name, 'get', key]);
          return r === null ? null : typed(r[0], options?.type ?? 'text');
        }
        case 'get_with_metadata': {
          const r = call(['kv', name, 'get', key]);
          return r === null ? [null, null] : [typed(r[0], options?.type ?? 'text'), parseJson(r[1])];
        }
        case 'put': {
          const { value, expiration_ttl, expiration, metadata } = options ?? {};
          const meta = metadata === null || metadata === undefined ? null : JSON.stringify(metadata);
          call(['kv', name, 'put', key, asBytes(value), expiration_ttl ?? null, expiration ?? null, meta]);
          return null;
        }
        case 'delete': call(['kv', name, 'delete', key]); return null;
        case 'list': {
          const [keys, complete, last] = call(['kv', name, 'list', options?.prefix ?? null, options?.limit ?? null, fromCursor(options?.cursor)]);
          return {
            keys: keys.map(([k, expiration, meta]) => ({ name: k, expiration, metadata: parseJson(meta) })),
            list_complete: complete,
            cursor: complete ? null : toCursor(last),
          };
        }
        default: throw new TypeError(`KV has no method ${method}`);
      }
    },

    d1([name, method, payload]) {
      checkKind(kinds, name, 'd1');
      const query = ([sql, args]) => call(['d1', name, 'query', String(sql), d1Args(args)]);
      switch (method) {
        case 'all': case 'run': return d1Result(query(payload));
        case 'raw': return query(payload)[1];
        case 'first': { const r = d1Result(query(payload)).results; return r.length ? r[0] : null; }
        case 'batch': return call(['d1', name, 'batch', payload.map(([sql, args]) => [String(sql), d1Args(args)])]).map(d1Result);
        case 'exec': { const [count, duration] = call(['d1', name, 'exec', String(payload)]); return { count, duration }; }
        default: throw new TypeError(`D1 has no method ${method}`);
      }
    },

    r2([name, method, key, options]) {
      checkKind(kinds, name, 'r2');
      switch (method) {
        case 'put': {
          const { body, http_metadata, custom_metadata } = options ?? {};
          return r2Object(call(['r2', name, 'put', String(key), asBytes(body), texts(http_metadata), texts(custom_metadata)]));
        }
        case 'get': {
          const r = options?.range;
          return r2Object(call(['r2', name, 'get', String(key), r?.offset ?? null, r?.length ?? null, r?.suffix ?? null]));
        }
        case 'head': return r2Object(call(['r2', name, 'head', String(key)]));
        case 'delete': call(['r2', name, 'delete', (Array.isArray(key) ? key : [key]).map(String)]); return null;
        case 'list': {
          const { prefix, delimiter, cursor, limit } = options ?? {};
          const [objects, prefixes, last] = call(['r2', name, 'list', prefix ?? null, delimiter ?? null, fromCursor(cursor), limit ?? null]);
          return { objects: objects.map(r2Object), truncated: last !== null, cursor: last === null ? null : toCursor(last), delimited_prefixes: prefixes };
        }
        default: throw new TypeError(`R2 has no method ${method}`);
      }
    },
  };
}
