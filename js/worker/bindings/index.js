// The JS half of Kiln's bindings: what each Ruby binding call does with the
// Workers object it names. Every entry is an operation for the one await
// loop (js/worker/kiln.js); values cross through the one codec (js/worker/codec.js).
// Results are turned into plain data here, so Ruby sees Hashes/Arrays/bytes.
import { readable } from '../stream.js';

// The kind of each binding in env, sent to Ruby at boot so `bindings.NAME`
// builds the right wrapper.
export function bindingKinds(env = {}) {
  const kinds = {};
  for (const [name, v] of Object.entries(env)) {
    if (!v || typeof v !== 'object' && typeof v !== 'function') continue;
    const has = (m) => typeof v[m] === 'function';
    if (has('prepare') && has('batch')) kinds[name] = 'd1';
    else if (has('createMultipartUpload') && has('head')) kinds[name] = 'r2';
    else if (has('getWithMetadata') && has('list')) kinds[name] = 'kv';
    else if (has('sendBatch') && has('send')) kinds[name] = 'queue';
    else if (has('idFromName') && has('get')) kinds[name] = 'durable_object';
    else if (has('run')) kinds[name] = 'ai';  // workerd's Ai has fetch too
    else if (has('fetch')) kinds[name] = 'service';
  }
  return kinds;
}

function binding(env, name, kind) {
  const b = env?.[name];
  if (!b) throw new ReferenceError(`no binding named ${name} (declare it in wrangler.toml)`);
  if (kind && bindingKinds({ [name]: b })[name] !== kind) throw new TypeError(`binding ${name} is not a ${kind} binding`);
  return b;
}

const bytes = (ab) => new Uint8Array(ab);
const opts = (o) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined));

async function r2Object(obj, withBody) {
  if (!obj) return null;
  const out = {
    key: obj.key, size: obj.size, etag: obj.etag, version: obj.version,
    uploaded: obj.uploaded?.toISOString?.() ?? null,
    http_metadata: obj.httpMetadata ?? {}, custom_metadata: obj.customMetadata ?? {},
  };
  if (withBody && typeof obj.arrayBuffer === 'function') out.body = bytes(await obj.arrayBuffer());
  return out;
}

function d1Statement(db, [sql, args]) {
  const stmt = db.prepare(sql);
  return args && args.length ? stmt.bind(...args.map(d1Arg)) : stmt;
}
// D1 binds blobs as ArrayBuffer/Uint8Array; everything else as is.
const d1Arg = (a) => a;
// BLOB columns arrive as ArrayBuffer or as an Array of byte values (D1
// has no array type otherwise): both become bytes (a binary String in Ruby).
const d1Value = (v) => (v instanceof ArrayBuffer ? bytes(v) : Array.isArray(v) ? Uint8Array.from(v) : v);
const d1Rows = (rows) => rows.map((r) => (Array.isArray(r) ? r.map(d1Value) : Object.fromEntries(Object.entries(r).map(([k, v]) => [k, d1Value(v)]))));
const d1Result = (r) => ({ results: d1Rows(r.results ?? []), success: r.success, meta: r.meta ?? {} });

export const bindingOperations = {
  async kv([name, method, key, options], { env }) {
    const kv = binding(env, name, 'kv');
    switch (method) {
      case 'get': {
        const type = options?.type ?? 'text';
        const v = await kv.get(key, { type: type === 'binary' ? 'arrayBuffer' : type });
        return v instanceof ArrayBuffer ? bytes(v) : v;
      }
      case 'get_with_metadata': {
        const type = options?.type ?? 'text';
        const { value, metadata } = await kv.getWithMetadata(key, { type: type === 'binary' ? 'arrayBuffer' : type });
        return [value instanceof ArrayBuffer ? bytes(value) : value, metadata ?? null];
      }
      case 'put': {
        const { value, expiration_ttl, expiration, metadata } = options;
        await kv.put(key, value, opts({ expirationTtl: expiration_ttl, expiration, metadata }));
        return null;
      }
      case 'delete': await kv.delete(key); return null;
      case 'list': {
        const r = await kv.list(opts({ prefix: options?.prefix, limit: options?.limit, cursor: options?.cursor }));
        return { keys: r.keys.map((k) => ({ name: k.name, expiration: k.expiration ?? null, metadata: k.metadata ?? null })), list_complete: r.list_complete, cursor: r.cursor ?? null };
      }
      default: throw new TypeError(`KV has no method ${method}`);
    }
  },

  async d1([name, method, payload], { env }) {
    const db = binding(env, name, 'd1');
    switch (method) {
      case 'all': return d1Result(await d1Statement(db, payload).all());
      case 'run': return d1Result(await d1Statement(db, payload).run());
      case 'raw': return d1Rows(await d1Statement(db, payload).raw());
      case 'first': { const row = await d1Statement(db, payload).first(); return row ? d1Rows([row])[0] : null; }
      case 'batch': return (await db.batch(payload.map((s) => d1Statement(db, s)))).map(d1Result);
      case 'exec': { const r = await db.exec(payload); return { count: r.count, duration: r.duration }; }
      default: throw new TypeError(`D1 has no method ${method}`);
    }
  },

  async r2([name, method, key, options], { env }) {
    const bucket = binding(env, name, 'r2');
    switch (method) {
      case 'put': {
        const o = options ?? {};
        return r2Object(await bucket.put(key, o.body ?? '', opts({ httpMetadata: o.http_metadata, customMetadata: o.custom_metadata })), false);
      }
      case 'get': {
        const r = options?.range;
        const range = r ? opts({ offset: r.offset, length: r.length, suffix: r.suffix }) : undefined;
        return r2Object(await bucket.get(key, range ? { range } : {}), true);
      }
      case 'head': return r2Object(await bucket.head(key), false);
      case 'delete': await bucket.delete(key); return null;
      case 'list': {
        const r = await bucket.list(opts({ prefix: options?.prefix, delimiter: options?.delimiter, cursor: options?.cursor, limit: options?.limit }));
        return { objects: await Promise.all(r.objects.map((o) => r2Object(o, false))), truncated: r.truncated, cursor: r.cursor ?? null, delimited_prefixes: r.delimitedPrefixes ?? [] };
      }
      default: throw new TypeError(`R2 has no method ${method}`);
    }
  },

  async queue([name, method, payload, options], { env }) {
    const q = binding(env, name, 'queue');
    if (method === 'send') { await q.send(payload, opts({ delaySeconds: options?.delay_seconds })); return null; }
    if (method === 'send_batch') { await q.sendBatch(payload.map((body) => ({ body }))); return null; }
    throw new TypeError(`Queue has no method ${method}`);
  },

  // Inside a Durable Object: its storage, SQL, alarms and WebSockets.
  async durable_object([method, ...args], { durableObject }) {
    if (!durableObject) throw new TypeError('state.storage is only available inside a Durable Object');
    const { storage } = durableObject.state;
    switch (method) {
      case 'get': { const v = await storage.get(args[0]); return v instanceof Map ? Object.fromEntries(v) : v ?? null; }
      case 'put': await (typeof args[0] === 'object' && args[0] !== null ? storage.put(args[0]) : storage.put(args[0], args[1])); return null;
      case 'delete': return storage.delete(args[0]);
      case 'delete_all': await storage.deleteAll(); return null;
      case 'list': return Object.fromEntries(await storage.list(opts({ prefix: args[0]?.prefix, limit: args[0]?.limit, start: args[0]?.start, end: args[0]?.end, reverse: args[0]?.reverse })));
      case 'sql': {
        const cursor = storage.sql.exec(args[0], ...(args[1] ?? []));
        return { rows: cursor.toArray().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, d1Value(v)]))), rows_written: cursor.rowsWritten };
      }
      case 'set_alarm': await storage.setAlarm(args[0]); return null;
      case 'get_alarm': return (await storage.getAlarm()) ?? null;
      case 'delete_alarm': await storage.deleteAlarm(); return null;
      case 'ws_send': case 'ws_close': {
        const ws = durableObject.state.getWebSockets().find((w) => w.deserializeAttachment()?.kiln === args[0]);
        if (!ws) throw new Error('that WebSocket is closed');
        if (method === 'ws_send') ws.send(args[1]); else ws.close(args[1] ?? 1000, args[2] ?? '');
        return null;
      }
      case 'ws_count': return durableObject.state.getWebSockets().length;
      default: throw new TypeError(`state.storage has no method ${method}`);
    }
  },

  // A Durable Object namespace binding: ids and stubs.
  async durable_object_namespace([name, method, ...args], { env }) {
    const ns = binding(env, name, 'durable_object');
    const stub = (id) => ns.get(ns.idFromString(id));
    switch (method) {
      case 'id_from_name': return ns.idFromName(args[0]).toString();
      case 'new_unique_id': return ns.newUniqueId().toString();
      case 'fetch': {
        const [id, url, init] = args;
        const res = await stub(id).fetch(new URL(url, 'https://durable-object.kiln').href, opts({ method: init?.method, headers: init?.headers, body: init?.body }));
        return { status: res.status, url: res.url, headers: [...res.headers], body: bytes(await res.arrayBuffer()) };
      }
      case 'call': return stub(args[0]).kilnCall(args[1], args[2] ?? []);
      default: throw new TypeError(`Durable Object namespace has no method ${method}`);
    }
  },

  // Workers AI: run(model, inputs, options). A model's stream (stream: true)
  // is read by Ruby chunk by chunk; any other stream (an image) is its bytes.
  async ai([name, method, model, inputs, options], context) {
    const ai = binding(context.env, name, 'ai');
    if (method !== 'run') throw new TypeError(`Workers AI has no method ${method}`);
    const result = await ai.run(model, inputs ?? {}, opts(options));
    if (!(result instanceof ReadableStream)) return result ?? null;
    return inputs?.stream ? readable(result, context) : bytes(await new Response(result).arrayBuffer());
  },

  // fetch(url, {method, headers, body}) -> {status, headers: [[k, v]], body: bytes}
  async fetch([url, init]) {
    const res = await fetch(url, opts({ method: init?.method, headers: init?.headers, body: init?.body }));
    return { status: res.status, url: res.url, headers: [...res.headers], body: bytes(await res.arrayBuffer()) };
  },

  async cache([cacheName, method, url, response]) {
    const cache = cacheName ? await caches.open(cacheName) : caches.default;
    switch (method) {
      case 'match': {
        const res = await cache.match(url);
        return res ? { status: res.status, headers: [...res.headers], body: bytes(await res.arrayBuffer()) } : null;
      }
      case 'put': {
        const h = new Headers();
        for (const [k, v] of Object.entries(response.headers ?? {})) h.append(k, v);
        await cache.put(url, new Response(response.body, { status: response.status ?? 200, headers: h }));
        return null;
      }
      case 'delete': return cache.delete(url);
      default: throw new TypeError(`Cache has no method ${method}`);
    }
  },
};
