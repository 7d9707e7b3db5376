// The op table of Kiln's bindings: each op Ruby can await on a binding, by
// name, and the binding kind its first argument must name. docs/bindings/ops.md
// is the written protocol (arguments, results, errors, what is emulated);
// each op's Workers half is ./<binding>.js, its offline half under node
// js/node/bindings/<binding>.js (over src/bindings/<binding>.cpp). Both answer
// the same plain values (js/worker/codec.js), so Ruby sees the same Hashes,
// Arrays and bytes either way.
import { ai } from './ai.js';
import { cache } from './cache.js';
import { d1 } from './d1.js';
import { durableObject, durableObjectNamespace } from './durable_object.js';
import { fetchOp } from './fetch.js';
import { checkKind } from './kinds.js';
import { kv } from './kv.js';
import { queue } from './queue.js';
import { r2 } from './r2.js';
import { websocket } from './websocket.js';

export { bindingKinds } from './kinds.js';

// op name -> [kind of the binding named by args[0], or null: no binding; the Workers op]
const OPS = {
  kv: ['kv', kv],
  d1: ['d1', d1],
  r2: ['r2', r2],
  queue: ['queue', queue],
  durable_object: [null, durableObject],
  durable_object_namespace: ['durable_object', durableObjectNamespace],
  ai: ['ai', ai],
  fetch: [null, fetchOp],
  cache: [null, cache],
  websocket: [null, websocket],
};

// The binding ops of one VM, built once at boot: kinds is the {NAME: kind}
// it was booted with; emulated (the node emulation, js/node/bindings/index.js)
// replaces Workers ops by name. An op that names a binding checks its kind
// first, whichever half answers.
export function bindingOperations(kinds = {}, emulated = {}) {
  const table = {};
  for (const [name, [kind, workers]] of Object.entries(OPS)) {
    const op = emulated[name] ?? workers;
    table[name] = kind ? (args, context) => { checkKind(kinds, args[0], kind); return op(args, context); } : op;
  }
  return table;
}
