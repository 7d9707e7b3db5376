// The JS side of Kiln.await: each operation Ruby can await, by name. A
// binding adds its op to js/worker/bindings/index.js; the await loop in
// kiln.js is shared. docs/bindings/ops.md lists every op with its arguments,
// result and errors. An operation gets the Ruby arguments and the request's
// context ({ env, ctx }) and returns a value (or a promise of one).
import { bindingOperations } from './bindings/index.js';
import { streamOperations } from './stream.js';
import { cryptoOperations } from './crypto.js';

const bridgeOperations = {
  sleep: ([seconds]) => new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000)),
  // Resolves at once with its argument: the bridge's own cost, for tests and bench/.
  echo: ([value]) => Promise.resolve(value ?? null),
};

// One VM's table, built once at boot (Kiln.create): kinds: its {NAME: kind};
// instance: operations of that instance (the node emulation, js/node/bindings/index.js,
// and kiln test's test_fetch), over the Workers ones by name.
export function operationTable(kinds = {}, instance = {}) {
  return { ...bridgeOperations, ...streamOperations, ...cryptoOperations, ...instance, ...bindingOperations(kinds, instance) };
}

// Without bindings (bench/, tests).
export const operations = operationTable();

export async function perform(name, args, context, table = operations) {
  // Own entries only: 'toString' or 'constructor' is no operation.
  const op = Object.hasOwn(table, name) ? table[name] : undefined;
  if (typeof op !== 'function') throw new TypeError(`unknown operation '${name}'`);
  return op(args, context);
}
