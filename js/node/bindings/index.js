// The offline bindings under node: the ops of js/worker/bindings/index.js
// that the node-only runtime (dist/kiln-node.wasm) answers itself, on real
// SQLite files (R2 bodies: plain files) in APP_DIR/.kiln/ (src/bindings/).
// docs/bindings/ops.md lists each op and what is emulated. Each op here is
// argument checks plus one emulator call; the op table checks binding kinds
// (js/worker/bindings/kinds.js) before either half runs, and the emulator
// answers the same values as the Workers half, so Ruby sees no difference.
import { cacheOperations } from './cache.js';
import { d1Operations } from './d1.js';
import { durableObjects } from './durable_object.js';
import { openEmulator } from './emulator.js';
import { kvOperations } from './kv.js';
import { queues } from './queue.js';
import { r2Operations } from './r2.js';
import { websocket } from './websocket.js';

export { emulatedKinds, resetEmulation, stateDir } from './emulator.js';

// The emulated ops of one instance (module) on the state directory dir;
// with config (js/node/config.js) and the Kiln instance also Durable Objects
// and Queues (which run the app's objects and consumers on that instance).
export function emulatedOperations(module, dir, { config, kiln, printErr } = {}) {
  const call = openEmulator(module, dir);
  const objects = config && Object.keys(config.durableObjects).length ? durableObjects(call, config.durableObjects, kiln, { printErr }) : {};
  const queued = config ? queues(call, config.queues, config.consumers, kiln, { printErr }) : {};
  return { ...objects, ...queued, ...kvOperations(call), ...d1Operations(call), ...r2Operations(call), ...cacheOperations(call), websocket };
}
