// Queues (producer), the `queue` op (docs/bindings/ops.md): what
// ruby/kiln/bindings/queue.rb asks of env.NAME. The consumer side is the
// Worker's queue() handler (js/worker/entry.js). Offline: js/node/bindings/queue.js.
import { opts } from './values.js';

export async function queue([name, method, payload, options], { env }) {
  const q = env[name];
  if (method === 'send') { await q.send(payload, opts({ delaySeconds: options?.delay_seconds })); return null; }
  if (method === 'send_batch') { await q.sendBatch(payload.map((body) => ({ body }))); return null; }
  throw new TypeError(`Queue has no method ${method}`);
}
