// Queues under node: the `queue` op of js/worker/bindings/queue.js (send,
// send_batch; docs/bindings/ops.md) stores messages in SQLite (src/bindings/queue.cpp); drain
// delivers them to the app's consume_queue blocks with the settings of
// wrangler.toml's [[queues.consumers]] (js/node/config.js), as workerd would:
// batches of max_batch_size, ack / retry per message or for the batch, an
// exception retries the batch, max_retries then the dead-letter queue or a drop.
import { decode, encode } from '../../worker/codec.js';

const MAX_BATCHES = 10_000;  // one drain's bound, against consumers feeding themselves

// call: the emulation's one wasm entry; producers: {BINDING: queue};
// consumers: {queue: settings}; kiln: the instance the consumers run in.
export function queues(call, producers, consumers, kiln, { printErr = console.error } = {}) {
  const queueOf = (name) => {
    if (!(name in producers)) throw new ReferenceError(`no binding named ${name} (declare it in wrangler.toml)`);
    return producers[name];
  };

  // Delivers every due message (at `now`, ms) of `queue` (default: every
  // consumer's); ignoreDelay: treat delayed messages and retry delays as due.
  // Returns { QUEUE: {batches, delivered, acked, retried, deadLettered,
  // dropped, pending, delayed} }.
  async function drainQueues({ now, queue, ignoreDelay = false } = {}) {
    // A fixed `now`, or the clock (messages a consumer sends are due at once).
    const clock = () => Math.floor(now ?? Date.now());
    const dueBy = () => (ignoreDelay ? Number.MAX_SAFE_INTEGER : clock());
    let budget = MAX_BATCHES;
    const names = queue ? [queue] : Object.keys(consumers);
    for (const q of names) if (!consumers[q]) throw new Error(`no [[queues.consumers]] for queue "${q}" in wrangler.toml`);
    const report = Object.fromEntries(names.map((q) => [q, { batches: 0, delivered: 0, acked: 0, retried: 0, deadLettered: 0, dropped: 0 }]));
    // Dead-lettered messages may land on a queue drained earlier: repeat
    // until a pass delivers nothing.
    for (let progress = true; progress;) {
      progress = false;
      for (const q of names) {
        const s = consumers[q];
        for (;;) {
          const batch = budget > 0 ? call(['queue', q, 'take', s.max_batch_size, dueBy()]) : [];
          if (!batch.length) break;
          budget--;
          progress = true;
          await deliver(q, s, batch, report[q], clock());
        }
      }
    }
    if (budget <= 0) printErr(`kiln: drain stopped after ${MAX_BATCHES} batches (do consumers keep sending to their own queue?)`);
    for (const q of names) [report[q].pending, report[q].delayed] = call(['queue', q, 'pending', clock()]);
    return report;
  }

  async function deliver(q, s, batch, r, now) {
    const messages = batch.map(([id, body, attempts, timestamp]) => ({ id, body: decode(body), attempts, timestamp }));
    let decisions;
    try {
      const outcome = await kiln.event({ type: 'queue', queue: q, messages });
      const explicit = new Map((outcome?.messages ?? []).map(([id, what, delay]) => [id, [what, delay ?? null]]));
      const [all, allDelay] = outcome?.all ?? [];
      // A message's own ack/retry wins over ack_all/retry_all; neither: acked.
      decisions = messages.map(({ id }) => [id, ...(explicit.get(id) ?? (all ? [all, allDelay ?? null] : ['ack', null]))]);
    } catch (e) {
      printErr(`kiln: consume_queue "${q}" failed, the batch is retried: ${e.message}`);
      decisions = messages.map(({ id }) => [id, 'retry', null]);
    }
    const [acked, retried, dead, dropped] = call(['queue', q, 'settle', decisions, s.max_retries, s.dead_letter_queue ?? null, s.retry_delay ?? 0, now]);
    const attempts = s.max_retries + 1;
    for (const id of dead) printErr(`kiln: message ${id} of queue "${q}" moved to dead-letter queue "${s.dead_letter_queue}" after ${attempts} failed attempt${attempts === 1 ? '' : 's'}`);
    for (const id of dropped) printErr(`kiln: message ${id} of queue "${q}" dropped after ${attempts} failed attempt${attempts === 1 ? '' : 's'} (no dead_letter_queue)`);
    Object.assign(r, {
      batches: r.batches + 1, delivered: r.delivered + messages.length, acked: r.acked + acked,
      retried: r.retried + retried, deadLettered: r.deadLettered + dead.length, dropped: r.dropped + dropped.length,
    });
  }

  kiln.drainQueues = drainQueues;

  return {
    queue([name, method, payload, options]) {
      const q = queueOf(name);
      if (method === 'send') call(['queue', q, 'send', [[encode(payload ?? null), options?.delay_seconds ?? null]], Date.now()]);
      else if (method === 'send_batch') {
        if (!Array.isArray(payload)) throw new TypeError('send_batch needs an Array of message bodies');
        call(['queue', q, 'send_batch', payload.map((body) => [encode(body ?? null), null]), Date.now()]);
      } else throw new TypeError(`Queue has no method ${method}`);
      return null;
    },
  };
}
