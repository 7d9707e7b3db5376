// Cron triggers offline: a five-field cron matcher (minute hour day-of-month
// month day-of-week, in UTC as on Workers) and firing an app's `schedule`
// blocks (`kiln cron`, app.cron() in tests).
export class CronError extends Error {}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], base: 1 },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], base: 0 },
];

function value(text, f, expr) {
  const upper = text.toUpperCase();
  const named = f.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + f.base;
  if (!/^\d+$/.test(text)) throw new CronError(`bad ${f.name} '${text}' in cron '${expr}'`);
  const n = Number(text);
  if (n < f.min || n > f.max) throw new CronError(`${f.name} ${n} is out of range ${f.min}-${f.max} in cron '${expr}'`);
  return n;
}

// One field -> the Set of values it allows (and whether it was `*`).
function field(text, f, expr) {
  const set = new Set();
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`bad ${f.name} '${part}' in cron '${expr}'`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new CronError(`step 0 in cron '${expr}'`);
    let lo, hi;
    if (m[1] === '*') [lo, hi] = [f.min, f.max];
    else if (m[1].includes('-')) {
      const [a, b] = m[1].split('-');
      [lo, hi] = [value(a, f, expr), value(b, f, expr)];
      if (lo > hi) throw new CronError(`range ${m[1]} runs backwards in cron '${expr}'`);
    } else {
      lo = value(m[1], f, expr);
      hi = m[2] === undefined ? lo : f.max;  // `5/15` = from 5 every 15
    }
    for (let v = lo; v <= hi; v += step) set.add(f.max === 7 && v === 7 ? 0 : v);
  }
  return { set, any: text === '*' || text === '*/1' };
}

// Parses an expression into a matcher: (date) -> true when it fires then.
export function parseCron(expr) {
  const parts = String(expr).trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`cron '${expr}' needs 5 fields (minute hour day-of-month month day-of-week), has ${parts.length}`);
  const [min, hour, dom, month, dow] = parts.map((p, i) => field(p, FIELDS[i], expr));
  return (date) => {
    const d = new Date(date);
    if (!min.set.has(d.getUTCMinutes()) || !hour.set.has(d.getUTCHours()) || !month.set.has(d.getUTCMonth() + 1)) return false;
    const byDom = dom.set.has(d.getUTCDate()), byDow = dow.set.has(d.getUTCDay());
    // Vixie cron: when both day fields are restricted, either one matches.
    if (!dom.any && !dow.any) return byDom || byDow;
    return byDom && byDow;
  };
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
