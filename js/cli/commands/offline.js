// `kiln queue drain`, `kiln cron` and `kiln alarms`: the app's non-HTTP
// events, run offline under node against the emulated state in APP_DIR/.kiln.
import { build } from '../build/build.js';
import { CronError, parseCron } from '../../node/cron.js';
import { loadApp } from '../../node/load_app.js';
import { UsageError } from './request.js';

// A time option: ISO 8601 or epoch milliseconds.
function parseTime(text, flag) {
  const t = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} needs a time (ISO 8601, e.g. 2026-01-05T09:00Z, or epoch ms), not '${text}'`);
  return t;
}

async function load(appDir, env) {
  build(appDir, { log: null });
  // The app's own output goes to stderr; stdout carries the JSON report.
  const stderr = (line) => console.error(line);
  return loadApp(appDir, { vars: { KILN_ENV: env ?? 'development' }, print: stderr, printErr: stderr });
}

// opts: {appDir, queue, now, all, env} -> the drain report.
export async function runQueueDrain({ appDir = '.', queue, now, all = false, env }) {
  const app = await load(appDir, env);
  if (!Object.keys(app.config.consumers).length) throw new UsageError('wrangler.toml declares no [[queues.consumers]]');
  if (!app.drainQueues) throw new UsageError('this app has no emulated Queues');
  return app.drainQueues({ queue, now: now === undefined ? undefined : parseTime(now, '--now'), ignoreDelay: all });
}

// opts: {appDir, cron, at, env}: fires one expression, or with `at` every
// configured cron matching that time.
export async function runCron({ appDir = '.', cron, at, env }) {
  try {
    if (cron !== undefined) parseCron(cron);
  } catch (e) {
    if (e instanceof CronError) throw new UsageError(e.message);
    throw e;
  }
  const app = await load(appDir, env);
  if (cron === undefined) return { fired: await app.cronsAt(at === undefined ? Date.now() : parseTime(at, '--at')) };
  if (!app.config.crons.includes(cron)) console.error(`kiln cron: note: '${cron}' is not in wrangler.toml [triggers] crons (it would never fire on Workers)`);
  return { fired: [await app.cron(cron, at === undefined ? {} : { time: parseTime(at, '--at') })] };
}

export async function runAlarms({ appDir = '.', at, env }) {
  const app = await load(appDir, env);
  if (!app.fireAlarms) throw new UsageError('wrangler.toml declares no durable_objects bindings');
  return app.fireAlarms(at === undefined ? {} : { now: parseTime(at, '--at') });
}
