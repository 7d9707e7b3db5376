// D1, the `d1` op (docs/bindings/ops.md): what ruby/kiln/bindings/d1.rb asks of
// env.NAME. Offline, js/node/bindings/d1.js answers the same op from
// src/bindings/d1.cpp with the same values.
import { bytes } from './values.js';

function statement(db, [sql, args]) {
  const stmt = db.prepare(sql);
  return args && args.length ? stmt.bind(...args) : stmt;
}

// BLOB columns arrive as ArrayBuffer or as an Array of byte values (D1
// has no array type otherwise): both become bytes (a binary String in Ruby).
export const columnValue = (v) => (v instanceof ArrayBuffer ? bytes(v) : Array.isArray(v) ? Uint8Array.from(v) : v);
export const rowValue = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, columnValue(v)]));
const rows = (rs) => rs.map((r) => (Array.isArray(r) ? r.map(columnValue) : rowValue(r)));
const result = (r) => ({ results: rows(r.results ?? []), success: r.success, meta: r.meta ?? {} });

export async function d1([name, method, payload], { env }) {
  const db = env[name];
  switch (method) {
    case 'all': return result(await statement(db, payload).all());
    case 'run': return result(await statement(db, payload).run());
    case 'raw': return rows(await statement(db, payload).raw());
    case 'first': { const row = await statement(db, payload).first(); return row ? rowValue(row) : null; }
    case 'batch': return (await db.batch(payload.map((s) => statement(db, s)))).map(result);
    case 'exec': { const r = await db.exec(payload); return { count: r.count, duration: r.duration }; }
    default: throw new TypeError(`D1 has no method ${method}`);
  }
}
