// The JS side of Kiln.await: each operation Ruby can await, by name. A
// binding adds its entries here; the await loop in runtime.js is shared.
// An operation gets the Ruby arguments and the request's context
// ({ env, ctx }) and returns a value (or a promise of one).
import { bindingOperations } from './bindings/index.js';
import { streamOperations } from './stream.js';
import { cryptoOperations } from './crypto.js';

export const operations = {
  sleep: ([seconds]) => new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000)),
  // Resolves at once with its argument: the bridge's own cost, for tests and bench/.
  echo: ([value]) => Promise.resolve(value ?? null),
  ...bindingOperations,
  ...streamOperations,
  ...cryptoOperations,
};

// overrides: operations of one Kiln instance (js/node/bindings/index.js under node).
export async function perform(name, args, context, overrides) {
  const op = overrides?.[name] ?? operations[name];
  if (!op) throw new TypeError(`unknown operation '${name}'`);
  return op(args, context);
}
