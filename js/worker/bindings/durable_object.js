// Durable Objects, two ops (docs/bindings/ops.md) for ruby/kiln/bindings/durable_object.rb:
// `durable_object` (inside an object: its storage, SQL and alarms; its
// WebSockets are the `websocket` op, ./websocket.js)
// and `durable_object_namespace` (env.NAME: ids and stubs). The JS class
// workerd instantiates is js/worker/entry.js durableObjectClass. Offline:
// js/node/bindings/durable_object.js (storage in src/bindings/durable_object.cpp).
import { rowValue } from './d1.js';
import { opts, responseValue } from './values.js';

export async function durableObject([method, ...args], { durableObject }) {
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
      return { rows: cursor.toArray().map(rowValue), rows_written: cursor.rowsWritten };
    }
    case 'set_alarm': await storage.setAlarm(args[0]); return null;
    case 'get_alarm': return (await storage.getAlarm()) ?? null;
    case 'delete_alarm': await storage.deleteAlarm(); return null;
    default: throw new TypeError(`state.storage has no method ${method}`);
  }
}

export async function durableObjectNamespace([name, method, ...args], { env }) {
  const ns = env[name];
  const stub = (id) => ns.get(ns.idFromString(id));
  switch (method) {
    case 'id_from_name': return ns.idFromName(args[0]).toString();
    case 'new_unique_id': return ns.newUniqueId().toString();
    case 'fetch': {
      const [id, url, init] = args;
      return responseValue(await stub(id).fetch(new URL(url, 'https://durable-object.kiln').href, opts({ method: init?.method, headers: init?.headers, body: init?.body })));
    }
    case 'call': return stub(args[0]).kilnCall(args[1], args[2] ?? []);
    default: throw new TypeError(`Durable Object namespace has no method ${method}`);
  }
}
