// Durable Objects, two ops (docs/bindings/ops.md) for ruby/kiln/bindings/durable_object.rb:
// `durable_object` (inside an object: its storage, SQL, alarms and transactions;
// its WebSockets are the `websocket` op, ./websocket.js) and
// `durable_object_namespace` (env.NAME: ids and stubs). The JS class workerd
// instantiates is js/worker/entry.js durableObjectClass. Offline:
// js/node/bindings/durable_object.js (storage in src/bindings/durable_object.cpp),
// which shares transaction() and blockConcurrency() below.
import { Drive, failure } from '../operations.js';
import { columnValue } from './d1.js';
import { opts, responseValue } from './values.js';

// What may run inside state.storage.transaction: the ops that are
// synchronous on workerd (SQL; the key-value API through storage.kv).
export const TRANSACTIONAL = new Set(['sql', 'sql_many', 'database_size', 'get', 'put', 'delete', 'list', 'transaction']);

// Kiln::Bytes arrive as Uint8Array; workerd's SQL binds an ArrayBuffer as BLOB.
const sqlParam = (v) => (v instanceof Uint8Array ? v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) : v);

// One statement's cursor as the `sql` op answers it (Ruby's SQL::Cursor).
function sqlValue(sql, query, params) {
  const cursor = sql.exec(query, ...(params ?? []).map(sqlParam));
  const rows = [];
  for (const row of cursor.raw()) rows.push(row.map(columnValue));
  return { columns: cursor.columnNames, rows, rows_read: cursor.rowsRead, rows_written: cursor.rowsWritten };
}

// state.storage.transaction { }: the fiber runs inside transactionSync(fn).
// transactionSync(body) runs body in a transaction (savepoint when nested),
// commits when it returns and rolls back when it throws; syncOp(args)
// answers a storage op synchronously. Inside, the fiber's storage awaits are
// answered at once; any other await is refused with Kiln::AwaitError (the
// callback cannot wait for a promise). Ruby ends the block with
// transaction_end(commit): true commits, false (the block raised, and Ruby
// re-raises) rolls back.
export function transaction(transactionSync, syncOp) {
  const drive = (driver, step) => {
    let end = null;
    const body = () => {
      let s = driver.resume(step, [true, null]);
      for (;;) {
        const awaited = driver.awaits(s);
        // The fiber ended inside (a runtime abort: Ruby always ends the block).
        if (!awaited) { end = s; throw new Rollback(); }
        const [name, args] = awaited;
        const method = name === 'durable_object' ? args[0] : null;
        if (method === 'transaction_end') {
          end = s;
          if (args[1] === true) return;
          throw new Rollback();
        }
        if (method === 'transaction') { s = drive(driver, s); continue; }
        let outcome;
        if (TRANSACTIONAL.has(method)) {
          try { outcome = [true, syncOp(args)]; } catch (e) { outcome = [false, failure(e)]; }
        } else {
          outcome = [false, { name: 'Kiln::AwaitError', message: `cannot await ${name}${method ? ` ${method}` : ''} inside state.storage.transaction: only storage (sql, get, put, delete, list) runs in a transaction; do other work before or after the block` }];
        }
        s = driver.resume(s, outcome);
      }
    };
    let error = null;
    try {
      transactionSync(body);
    } catch (e) {
      if (!(e instanceof Rollback)) error = e;
    }
    if (end === null) return driver.resume(step, [false, failure(error)]);  // it never began
    if (!driver.awaits(end)) return end;  // the fiber ended inside
    return driver.resume(end, error ? [false, failure(error)] : [true, null]);
  };
  return new Drive(drive);
}

class Rollback extends Error {}

// state.block_concurrency_while { }: the fiber runs, awaits and all, inside
// gate(callback) (ctx.blockConcurrencyWhile) until it awaits
// block_concurrency_end; no other event reaches the object meanwhile.
export function blockConcurrency(gate) {
  return new Drive(async (driver, step) => {
    let end = step;
    const ended = (name, args) => name === 'durable_object' && args[0] === 'block_concurrency_end';
    try {
      await gate(async () => { end = await driver.run(driver.resume(step, [true, null]), ended); });
    } catch (e) {
      return driver.awaits(end) ? driver.resume(end, [false, failure(e)]) : end;
    }
    return driver.awaits(end) ? driver.resume(end, [true, null]) : end;
  });
}

// The synchronous storage ops (also what a transaction may run).
function syncStorage(storage, [method, ...args]) {
  switch (method) {
    case 'sql': return sqlValue(storage.sql, args[0], args[1]);
    case 'sql_many': {
      const [query, rows] = args;
      let written = 0;
      storage.transactionSync(() => { for (const row of rows) written += storage.sql.exec(query, ...row.map(sqlParam)).rowsWritten; });
      return written;
    }
    case 'database_size': return storage.sql.databaseSize;
  }
  // Inside a transaction the key-value API is storage.kv's synchronous one.
  const { kv } = storage;
  if (!kv) throw new TypeError(`state.storage.${method} cannot run inside a transaction here (no synchronous storage.kv)`);
  switch (method) {
    case 'get': return Array.isArray(args[0]) ? Object.fromEntries(args[0].flatMap((k) => { const v = kv.get(k); return v === undefined ? [] : [[k, v]]; })) : kv.get(args[0]) ?? null;
    case 'put': {
      if (typeof args[0] === 'object' && args[0] !== null) for (const [k, v] of Object.entries(args[0])) kv.put(k, v);
      else kv.put(args[0], args[1]);
      return null;
    }
    case 'delete': return Array.isArray(args[0]) ? args[0].filter((k) => kv.delete(k)).length : kv.delete(args[0]);
    case 'list': return Object.fromEntries(kv.list(opts({ prefix: args[0]?.prefix, limit: args[0]?.limit, start: args[0]?.start, end: args[0]?.end, reverse: args[0]?.reverse })));
    default: throw new TypeError(`state.storage has no method ${method}`);
  }
}

export function durableObject([method, ...args], { durableObject }) {
  if (!durableObject) throw new TypeError('state.storage is only available inside a Durable Object');
  const { storage } = durableObject.state;
  switch (method) {
    case 'get': return storage.get(args[0]).then((v) => (v instanceof Map ? Object.fromEntries(v) : v ?? null));
    case 'put': return (typeof args[0] === 'object' && args[0] !== null ? storage.put(args[0]) : storage.put(args[0], args[1])).then(() => null);
    case 'delete': return storage.delete(args[0]);
    case 'delete_all': return storage.deleteAll().then(() => null);
    case 'list': return storage.list(opts({ prefix: args[0]?.prefix, limit: args[0]?.limit, start: args[0]?.start, end: args[0]?.end, reverse: args[0]?.reverse })).then((m) => Object.fromEntries(m));
    case 'sql': case 'sql_many': case 'database_size': return syncStorage(storage, [method, ...args]);
    case 'transaction':
      // A key-value-backed object has only the async storage.transaction,
      // which cannot hold a Ruby block's awaits: say so rather than pretend.
      if (typeof storage.transactionSync !== 'function') throw new TypeError('state.storage.transaction needs a SQLite-backed Durable Object (new_sqlite_classes in the migration)');
      return transaction((fn) => storage.transactionSync(fn), (a) => syncStorage(storage, a));
    case 'block_concurrency_while': return blockConcurrency((fn) => durableObject.state.blockConcurrencyWhile(fn));
    case 'transaction_end': case 'block_concurrency_end': throw new TypeError(`${method} outside its block`);
    case 'set_alarm': return storage.setAlarm(args[0]).then(() => null);
    case 'get_alarm': return storage.getAlarm().then((t) => t ?? null);
    case 'delete_alarm': return storage.deleteAlarm().then(() => null);
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
