// `kiln queue drain`, `kiln cron` and `kiln alarms`: the app's non-HTTP
// events, run offline under node against the emulated state in APP_DIR/.kiln.
// The build, the runtime and the cron matcher are imported when a command
// runs (`kiln --help` loads none of them).
import path from 'node:path';
import { atMost, UsageError } from '../args.js';

// The app's configuration file by name, for messages (wrangler.toml when it has none).
const configName = (app) => path.basename(app.config.file ?? 'wrangler.toml');

// A time option: ISO 8601 or epoch milliseconds.
function parseTime(text, flag) {
  const t = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} needs a time (ISO 8601, e.g. 2026-01-05T09:00Z, or epoch ms), not '${text}'`);
  return t;
}

async function load(appDir, env) {
  const [{ build }, { loadApp }] = await Promise.all([import('../build/build.js'), import('../../node/load_app.js')]);
  build(appDir, { log: null });
  // The app's own output goes to stderr; stdout carries the JSON report.
  const stderr = (line) => console.error(line);
  return loadApp(appDir, { vars: { KILN_ENV: env ?? 'development' }, print: stderr, printErr: stderr });
}

// opts: {appDir, queue, now, all, env} -> the drain report.
export async function runQueueDrain({ appDir = '.', queue, now, all = false, env }) {
  const app = await load(appDir, env);
  if (!Object.keys(app.config.consumers).length) throw new UsageError(`${configName(app)} declares no [[queues.consumers]]`);
  if (!app.drainQueues) throw new UsageError('this app has no emulated Queues');
  return app.drainQueues({ queue, now: now === undefined ? undefined : parseTime(now, '--now'), ignoreDelay: all });
}

// opts: {appDir, cron, at, env}: fires one expression, or with `at` every
// configured cron matching that time.
export async function runCron({ appDir = '.', cron, at, env }) {
  const { CronError, parseCron } = await import('../../node/cron.js');
  try {
    if (cron !== undefined) parseCron(cron);
  } catch (e) {
    if (e instanceof CronError) throw new UsageError(e.message);
    throw e;
  }
  const app = await load(appDir, env);
  if (cron === undefined) return { fired: await app.cronsAt(at === undefined ? Date.now() : parseTime(at, '--at')) };
  if (!app.config.crons.includes(cron)) console.error(`kiln cron: note: '${cron}' is not in ${configName(app)} [triggers] crons (it would never fire on Workers)`);
  return { fired: [await app.cron(cron, at === undefined ? {} : { time: parseTime(at, '--at') })] };
}

export async function runAlarms({ appDir = '.', at, env }) {
  const app = await load(appDir, env);
  if (!app.fireAlarms) throw new UsageError(`${configName(app)} declares no durable_objects bindings`);
  return app.fireAlarms(at === undefined ? {} : { now: parseTime(at, '--at') });
}

const ENV = { type: 'string', short: 'e', arg: 'ENV', help: 'KILN_ENV for the app (default development)' };
const AT = { type: 'string', arg: 'TIME', help: 'ISO 8601 (e.g. 2026-01-05T09:00Z) or epoch ms (default: now)' };
const print = (report) => {
  console.log(JSON.stringify(report));
  return 0;
};

export const queue = {
  name: 'queue',
  summary: 'deliver queued messages to consume_queue blocks offline',
  usage: 'queue drain [APP_DIR] [--queue NAME] [--now TIME] [--all] [-e ENV]',
  description: `
Builds APP_DIR (default: .) and delivers the messages its Queues hold in
APP_DIR/.kiln (sent by earlier 'kiln request' runs or tests) to the app's
consume_queue blocks, with the settings of the configuration's
[[queues.consumers]]: max_batch_size (default 10), max_retries (default 3),
dead_letter_queue, retry_delay (seconds). A batch is acked unless the block
retries messages (message.retry, batch.retry_all) or raises (the whole batch
is retried). A message that fails max_retries + 1 times moves to the
dead_letter_queue, or is dropped without one (said on stderr). Drains until
no message is due; prints a JSON report per queue (batches, delivered,
acked, retried, deadLettered, dropped, pending, delayed).`,
  options: {
    queue: { type: 'string', arg: 'NAME', help: 'only this queue (default: every queue with a consumer)' },
    now: { type: 'string', arg: 'TIME', help: 'the clock for delays (ISO 8601 or epoch ms; default: now)' },
    all: { type: 'boolean', help: 'deliver delayed messages (delay_seconds, retry delays) too' },
    env: ENV,
  },
  async run({ positionals: [sub, ...positionals], values }) {
    if (sub !== 'drain') throw new UsageError(sub ? `unknown queue command '${sub}'` : 'give a queue command (drain)');
    atMost(positionals, 1, 'one APP_DIR');
    return print(await runQueueDrain({ appDir: positionals[0], queue: values.queue, now: values.now, all: Boolean(values.all), env: values.env }));
  },
};

export const cron = {
  name: 'cron',
  summary: "fire the app's schedule EXPR blocks offline",
  usage: 'cron [EXPR] [APP_DIR] [--at TIME] [-e ENV]',
  description: `
Builds APP_DIR (default: .) and fires the cron trigger EXPR: every
\`schedule EXPR\` block of the app runs, with scheduled_time = --at (default
now). Without EXPR, fires every cron of the configuration's [triggers] crons
that matches the minute of --at. Prints {"fired":[{"cron", "ran"}]} (ran:
how many blocks ran). Bindings are the emulated ones.

EXPR is Workers' cron syntax, in UTC: five fields, minute hour day-of-month
month day-of-week, e.g. '*/5 * * * *'; day of week 1-7 is Sunday-Saturday
(not 0-6), or SUN-SAT; L, W and # as in '0 0 L * *' (the last day of the
month), '59 23 LW * *' (its last weekday), '0 18 * * 6L' (its last Friday),
'0 9 * * MON#1' (its first Monday). When day of month and day of week are
both restricted, a day matching either fires. @daily, @hourly, @weekly,
@monthly and @yearly work offline; Workers' parser has no such names, so
spell them out in the configuration.`,
  options: { at: AT, env: ENV },
  async run({ positionals, values }) {
    atMost(positionals, 2, 'EXPR and APP_DIR (quote EXPR)');
    // One positional: an expression has spaces (or is an @name), a directory does not.
    const one = positionals[0] ?? '';
    const [expr, appDir] = positionals.length === 2 || one.includes(' ') || one.startsWith('@') ? positionals : [undefined, one || undefined];
    return print(await runCron({ appDir, cron: expr, at: values.at, env: values.env }));
  },
};

export const alarms = {
  name: 'alarms',
  summary: 'run the due Durable Object alarms offline',
  usage: 'alarms [APP_DIR] [--at TIME] [-e ENV]',
  description: `
Builds APP_DIR (default: .) and runs the alarm() of every Durable Object
whose alarm (state.storage.set_alarm) is due at --at, as workerd would.
Prints {"ran":N,"failed":N}. While a process that loaded the app runs
(tests, kiln request), alarms also fire on time.`,
  options: { at: AT, env: ENV },
  async run({ positionals, values }) {
    atMost(positionals, 1, 'one APP_DIR');
    return print(await runAlarms({ appDir: positionals[0], at: values.at, env: values.env }));
  },
};
