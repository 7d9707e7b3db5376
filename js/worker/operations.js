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

// What an operation answers when it must run the fiber itself, rather than
// once with a value: a storage transaction (workerd's transactionSync takes
// a synchronous callback, so the fiber's storage awaits are answered inside
// it) or blockConcurrencyWhile (the fiber's awaits run inside its callback).
// run(driver, step) -> (a promise of) the fiber's next step, never throws;
// driver (js/worker/kiln.js) resumes the fiber, names what a step awaits
// and runs the ordinary await loop up to a given op.
export class Drive {
  constructor(run) { this.run = run; }
}

// An exception as the outcome Ruby's Kiln.await raises (Kiln::JSError, or
// Kiln::AwaitError for the name 'Kiln::AwaitError').
export const failure = (e) => ({ name: e?.name ?? 'Error', message: String(e?.message ?? e) });

export async function perform(name, args, context, table = operations) {
  // Own entries only: 'toString' or 'constructor' is no operation.
  const op = Object.hasOwn(table, name) ? table[name] : undefined;
  if (typeof op !== 'function') throw new TypeError(`unknown operation '${name}'`);
  return op(args, context);
}
