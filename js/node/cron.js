// Cron triggers offline: which minutes a Workers cron expression fires on
// (croner does the matching) and firing an app's `schedule` blocks
// (`kiln cron`, app.cron() in tests).
//
// Workers' cron syntax is that of saffron, Cloudflare's parser: five fields
// (minute hour day-of-month month day-of-week), in UTC; day of week 1-7 =
// Sunday-Saturday (not cron's 0-6: 0 is refused at deploy) or SUN-SAT; L, W
// and # (`L` and `LW` in day of month, `6L` = the last Friday, `MON#2`); and
// when day of month and day of week are both restricted (neither is `*`), a
// day matching either fires (Vixie cron's OR). croner is configured to match
// that; what croner would accept and Workers refuses (`?`, `+`, a sixth
// field, weekday 0) is refused here too. Not emulated: `L-N` (N days before
// the last). The @yearly/@monthly/@weekly/@daily/@hourly nicknames are
// croner's, accepted offline; saffron has no nicknames, so wrangler.toml
// should spell them out.
import { Cron } from 'croner';

export class CronError extends Error {}

const OPTIONS = {
  timezone: 'Etc/UTC',
  mode: '5-part',
  alternativeWeekdays: true,  // 1 = Sunday ... 7 = Saturday, as on Workers
  sloppyRanges: true,         // `5/15`: from 5 every 15, which saffron accepts
  domAndDow: false,           // day of month OR day of week
};
const FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const RANGES = { minute: '0-59', hour: '0-23', 'day of month': '1-31', month: '1-12', 'day of week': '1-7' };
// croner's field names, and what it subtracts from the value it reports.
const CRONER_FIELDS = { minute: ['minute', 0], hour: ['hour', 0], day: ['day of month', 1], month: ['month', 1] };

// croner's messages, in the words of the fields above.
const REWORDED = [
  [/Invalid value for (minute|hour|day|month): (-?\d+)/, (f, n) => {
    const [name, offset] = CRONER_FIELDS[f];
    return `${name} ${Number(n) + offset} is out of range ${RANGES[name]}`;
  }],
  [/From value is larger than to value: '([^']*)'/, (r) => `range ${r} runs backwards`],
  [/illegal stepping: 0/, () => 'step 0'],
  [/configuration entry (\d) \(([^)]*)\) contains illegal characters/, (i, t) => `bad ${FIELDS[Number(i) - 1]} '${t}'`],
];

const fail = (expr, msg) => { throw new CronError(`${msg} in cron '${expr}'`); };

// What Workers refuses and croner would take; `L` alone in day of week is
// saffron's Saturday (croner has no such form).
function platformFields(expr, text) {
  if (text.startsWith('@')) return text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new CronError(`cron '${expr}' needs 5 fields (minute hour day-of-month month day-of-week), has ${parts.length}`);
  parts.forEach((p, i) => { if (/[?+]/.test(p)) fail(expr, `'${p.match(/[?+]/)[0]}' is not Workers cron syntax (${FIELDS[i]} '${p}')`); });
  if (/^L-\d/i.test(parts[2])) fail(expr, `day of month '${parts[2]}' (L-N) is not emulated offline`);
  if (parts[4].toUpperCase() === 'L') parts[4] = '7';
  // Weekday numbers (not steps after `/`, not the N of `#N`) must be 1-7.
  for (const n of parts[4].replace(/[/#]\d+/g, '').match(/\d+/g) ?? []) {
    if (Number(n) < 1 || Number(n) > 7) fail(expr, `day of week ${n} is out of range 1-7 (1 = Sunday ... 7 = Saturday on Workers; or SUN-SAT)`);
  }
  return parts.join(' ');
}

// Parses an expression into a matcher: (date) -> true when it fires in that
// minute (UTC).
export function parseCron(expr) {
  const text = platformFields(expr, String(expr).trim());
  let cron;
  try {
    cron = new Cron(text, OPTIONS);
  } catch (e) {
    const message = String(e.message).replace(/^CronPattern: /, '');
    for (const [re, say] of REWORDED) {
      const m = message.match(re);
      if (m) fail(expr, say(...m.slice(1)));
    }
    fail(expr, message);
  }
  return (date) => cron.match(new Date(Math.floor(new Date(date).getTime() / 60000) * 60000));
}

export const cronMatches = (expr, date) => parseCron(expr)(date);

// Fires one cron trigger on a loaded app: its `schedule EXPR` blocks run.
// Returns { cron, ran } (ran: how many blocks).
export async function fireCron(app, expr, { time = Date.now() } = {}) {
  parseCron(expr);
  const result = await app.event({ type: 'scheduled', cron: String(expr), scheduled_time: new Date(time).getTime() });
  return { cron: String(expr), ran: result?.ran ?? 0 };
}

// Fires every configured cron (wrangler.toml [triggers] crons) that matches
// `time` (its minute). Returns [{cron, ran}...].
export async function fireCronsAt(app, crons, time) {
  const minute = Math.floor(new Date(time).getTime() / 60000) * 60000;
  const fired = [];
  for (const expr of crons) if (parseCron(expr)(minute)) fired.push(await fireCron(app, expr, { time: minute }));
  return fired;
}
