// The offline emulation beyond KV and D1: wrangler.toml / .dev.vars reading
// (js/node/config.js, js/node/toml.js), Queues drained with wrangler's consumer
// semantics, cron matching and firing, Durable Object alarms, stubs and
// forward_to, and the CLI commands (kiln queue drain, kiln cron, kiln alarms).
// What each binding method returns is in conformance.test.mjs (also on workerd).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { configFromToml, parseDevVars } from '../../js/node/config.js';
import { cronMatches, parseCron } from '../../js/node/cron.js';
import { loadApp } from '../../js/node/load_app.js';
import { parseToml, TomlError } from '../../js/node/toml.js';
import { ROOT, tempApp } from '../support/helpers.mjs';

const WRANGLER = `name = "events"
main = "build/worker.mjs"

[vars]
GREETING = "from toml"
LIMIT = 3

[[durable_objects.bindings]]
name = "COUNTER"
class_name = "Counter"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["Counter"]

[[queues.producers]]
binding = "JOBS"
queue = "jobs"

[[queues.producers]]
binding = "OTHER"
queue = "other"

[[queues.consumers]]
queue = "jobs"
max_batch_size = 2
max_retries = 2
dead_letter_queue = "dead"
retry_delay = 0

[[queues.consumers]]
queue = "other"

[[queues.consumers]]
queue = "dead"

[triggers]
crons = ["*/5 * * * *", "0 9 * * MON-FRI"]
`;

const APP = `
SEEN = []
DEAD = []
CRONS = []

get('/vars') { [ENV['GREETING'], ENV['LIMIT'], ENV['SECRET']].inspect }
post('/send/:binding') do
  msg = JSON.parse(request.body.read)
  bindings[params[:binding]].send(msg['body'], delay_seconds: msg['delay'])
  'sent'
end
post('/batch') { bindings.JOBS.send_batch(JSON.parse(request.body.read)); 'sent' }
get('/seen') { content_type :json; { 'seen' => SEEN, 'dead' => DEAD, 'crons' => CRONS }.to_json }

def handle(batch)
  SEEN << { 'queue' => batch.queue, 'bodies' => batch.messages.map(&:body), 'attempts' => batch.messages.map(&:attempts) }
  batch.messages.each do |m|
    case m.body.is_a?(Hash) && m.body['do']
    when 'retry' then m.retry
    when 'retry_later' then m.retry(delay_seconds: 60)
    when 'raise' then raise 'consumer failed'
    when 'retry_all' then batch.retry_all
    when 'forward' then bindings.OTHER.send('forwarded')
    end
  end
end
consume_queue('jobs') { |batch| handle(batch) }
consume_queue('other') { |batch| handle(batch) }
consume_queue('dead') { |batch| batch.messages.each { |m| DEAD << m.body } }

schedule('*/5 * * * *') { |event| CRONS << ['five', event.cron, event.scheduled_time.to_i] }
schedule('0 9 * * MON-FRI') { |event| CRONS << ['weekday', event.cron] }

class Counter < Kiln::DurableObject
  get('/n') { (storage.get('n') || 0).to_s }
  post('/inc') { n = (storage.get('n') || 0) + 1; storage.put('n', n); n.to_s }
  def arm(at) = storage.set_alarm(at)
  def alarm
    storage.put('rang', (storage.get('rang') || 0) + 1)
    raise 'alarm failed' if storage.get('fail')
  end
  def fail! = storage.put('fail', true)
  def rang = [storage.get('rang'), storage.get_alarm]
  def error_hash = { 'error' => 'x' }
  get('/ws') { accept_web_socket }
end
post('/counter/:name/inc') { bindings.COUNTER.get_by_name(params[:name]).fetch('/inc', method: 'POST').body }
get('/counter/:name') { forward_to bindings.COUNTER.get_by_name(params[:name]), '/n' }
get('/counter/:name/ws') { forward_to bindings.COUNTER.get_by_name(params[:name]), '/ws' }
get('/error-hash/:name') { bindings.COUNTER.get_by_name(params[:name]).call(:error_hash).to_json }
post('/arm/:name/:at') { bindings.COUNTER.get_by_name(params[:name]).call(:arm, params[:at].to_i); 'armed' }
get('/rang/:name') { bindings.COUNTER.get_by_name(params[:name]).call(:rang).inspect }
post('/fail/:name') { bindings.COUNTER.get_by_name(params[:name]).call(:fail!); 'failing' }
`;

const newApp = (extra = {}) => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER, ...extra });
  build(dir, { log: null });
  return dir;
};
const get = async (app, p, init) => {
  const r = await app.fetch(new Request(`http://localhost${p}`, init));
  return [r.status, await r.text()];
};
const send = (app, binding, body, delay) => get(app, `/send/${binding}`, { method: 'POST', body: JSON.stringify({ body, delay }) });
const seen = async (app) => JSON.parse((await get(app, '/seen'))[1]);
const quiet = () => {
  const lines = [];
  return { printErr: (l) => lines.push(l), lines };
};

test('toml: smol-toml behind parseToml: plain objects, dates as text, FILE:LINE in errors', () => {
  const t = parseToml(`a = "x\\u00e9" # c\nb = [1, 2.5,\n  "s", # c\n]\n[t.u]\nk = { x = 1, "y z" = 'lit\\n' }\n[[arr]]\nn = 1\n[[arr]]\nn = 2\nm = """\nline\n"""\n`);
  assert.deepEqual(t, { a: 'xé', b: [1, 2.5, 's'], t: { u: { k: { x: 1, 'y z': 'lit\\n' } } }, arr: [{ n: 1 }, { n: 2, m: 'line\n' }] });
  assert.deepEqual(parseToml('d = 2024-01-01\nt = 1979-05-27T07:32:00Z\n'), { d: '2024-01-01', t: '1979-05-27T07:32:00.000Z' });
  assert.equal(Object.getPrototypeOf(parseToml('["__proto__"]\nx = 1\n')), Object.prototype, 'a __proto__ key is data');
  // The old reader's own wording differed; the line number is the contract.
  assert.throws(() => parseToml('a = 1\na = 2\n', 'w.toml'), TomlError);
  assert.throws(() => parseToml('a = 1\na = 2\n', 'w.toml'), /w\.toml:2: trying to redefine/);
  assert.throws(() => parseToml('a = "open\n', 'w.toml'), /w\.toml:1: control characters are not allowed in strings/);
  assert.throws(() => parseToml('[x\n', 'w.toml'), /w\.toml:1: /);
  // Invalid TOML the hand-written reader accepted (smol-toml is right): a
  // table defined twice, an inline table extended later, an integer that a
  // number cannot hold.
  assert.throws(() => parseToml('[a]\nx = 1\n[a]\ny = 2\n', 'w.toml'), /w\.toml:3: /);
  assert.throws(() => parseToml('a = { b = 1 }\n[a]\nc = 2\n', 'w.toml'), /w\.toml:2: /);
  assert.throws(() => parseToml('n = 9007199254740993\n', 'w.toml'), /w\.toml:1: integer value cannot be represented losslessly/);
});

test('config: bindings, consumers with defaults, crons, vars; .dev.vars', () => {
  const c = configFromToml(WRANGLER);
  assert.deepEqual(c.bindings, { COUNTER: 'durable_object', JOBS: 'queue', OTHER: 'queue' });
  assert.deepEqual(configFromToml('[[r2_buckets]]\nbinding = "F"\nbucket_name = "f"\n').bindings, { F: 'r2' });
  assert.deepEqual(c.durableObjects, { COUNTER: 'Counter' });
  assert.deepEqual(c.queues, { JOBS: 'jobs', OTHER: 'other' });
  assert.deepEqual(c.consumers.jobs, { max_batch_size: 2, max_retries: 2, dead_letter_queue: 'dead', retry_delay: 0 });
  assert.deepEqual(c.consumers.other, { max_batch_size: 10, max_retries: 3, dead_letter_queue: null, retry_delay: 0 });
  assert.deepEqual(c.crons, ['*/5 * * * *', '0 9 * * MON-FRI']);
  assert.deepEqual(c.vars, { GREETING: 'from toml', LIMIT: '3' });
  const envs = '[vars]\nA = "top"\n[triggers]\ncrons = ["0 0 * * *"]\n[[kv_namespaces]]\nbinding = "K"\n[env.production.vars]\nA = "prod"\n[env.staging]\nname = "s"\n';
  assert.deepEqual(configFromToml(envs, { env: 'production' }).vars, { A: 'prod' });
  assert.deepEqual(configFromToml(envs, { env: 'staging' }).vars, {}, 'vars and bindings are not inherited');
  assert.deepEqual(configFromToml(envs, { env: 'staging' }).bindings, {});
  assert.deepEqual(configFromToml(envs, { env: 'staging' }).crons, ['0 0 * * *'], 'triggers are');
  assert.deepEqual(configFromToml(envs, { env: 'development' }).vars, { A: 'top' }, 'no such section: the top level');
  assert.deepEqual(parseDevVars('# c\nA=1\nexport B = "two\\nlines"\nC=\'lit $x\'\nD=plain # note\n\nnot a line\n'),
    { A: '1', B: 'two\nlines', C: 'lit $x', D: 'plain' });
});

test('vars: [vars] and .dev.vars reach ENV; .dev.vars wins', async () => {
  const dir = newApp({ '.dev.vars': 'SECRET=s3cret\nGREETING=from dev vars\n' });
  const app = await loadApp(dir, { fresh: true });
  assert.deepEqual(await get(app, '/vars'), [200, '["from dev vars", "3", "s3cret"]']);
});

test('queues: drain delivers in batches of max_batch_size, in send order, acked', async () => {
  const dir = newApp();
  const app = await loadApp(dir, { fresh: true });
  for (let i = 1; i <= 5; i++) await send(app, 'JOBS', i);
  assert.equal((await get(app, '/batch', { method: 'POST', body: '["a", {"b": 1}]' }))[0], 200);
  const r = await app.drainQueues();
  assert.deepEqual(r.jobs, { batches: 4, delivered: 7, acked: 7, retried: 0, deadLettered: 0, dropped: 0, pending: 0, delayed: 0 });
  const s = await seen(app);
  assert.deepEqual(s.seen.map((b) => b.bodies), [[1, 2], [3, 4], [5, 'a'], [{ b: 1 }]]);
  assert.deepEqual((await app.drainQueues()).jobs.delivered, 0, 'acked messages are gone');
  // What a consumer sends is delivered in the same drain.
  await send(app, 'JOBS', { do: 'forward' });
  const f = await app.drainQueues();
  assert.deepEqual([f.jobs.acked, f.other.acked, f.other.pending], [1, 1, 0]);
  assert.deepEqual((await seen(app)).seen.at(-1), { queue: 'other', bodies: ['forwarded'], attempts: [1] });
});

test('queues: retries up to max_retries, then the dead-letter queue', async () => {
  const dir = newApp();
  const { printErr, lines } = quiet();
  const app = await loadApp(dir, { fresh: true, printErr });
  await send(app, 'JOBS', { do: 'retry' });
  await send(app, 'JOBS', 'fine');
  const r = await app.drainQueues();
  assert.deepEqual([r.jobs.acked, r.jobs.retried, r.jobs.deadLettered], [1, 2, 1]);
  const s = await seen(app);
  assert.deepEqual(s.seen.filter((b) => b.queue === 'jobs').map((b) => b.attempts), [[1, 1], [2], [3]]);
  assert.deepEqual(s.dead, [{ do: 'retry' }]);
  assert.ok(lines.some((l) => /moved to dead-letter queue "dead" after 3 failed attempts/.test(l)), lines.join('\n'));
});

test('queues: an exception retries the batch; without a dead-letter queue the message is dropped, and said', async () => {
  const dir = newApp();
  const { printErr, lines } = quiet();
  const app = await loadApp(dir, { fresh: true, printErr });
  await send(app, 'OTHER', { do: 'raise' });
  const r = await app.drainQueues({ queue: 'other' });
  assert.deepEqual([r.other.delivered, r.other.dropped], [4, 1]);  // max_retries 3: four attempts
  assert.ok(lines.some((l) => /consume_queue "other" failed, the batch is retried: .*consumer failed/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /dropped after 4 failed attempts \(no dead_letter_queue\)/.test(l)), lines.join('\n'));
});

test('queues: delay_seconds and retry delays are respected; ignoreDelay delivers at once', async () => {
  const dir = newApp();
  const app = await loadApp(dir, { fresh: true });
  await send(app, 'JOBS', 'later', 30);
  const now = Date.now();
  let r = await app.drainQueues({ now });
  assert.deepEqual([r.jobs.delivered, r.jobs.delayed], [0, 1]);
  r = await app.drainQueues({ now: now + 31_000 });
  assert.deepEqual([r.jobs.delivered, r.jobs.delayed], [1, 0]);

  await send(app, 'JOBS', { do: 'retry_later' });
  r = await app.drainQueues({ now: now + 32_000 });
  assert.deepEqual([r.jobs.delivered, r.jobs.retried, r.jobs.delayed], [1, 1, 1]);
  r = await app.drainQueues({ now: now + 32_000 + 59_000 });
  assert.equal(r.jobs.delivered, 0);
  r = await app.drainQueues({ now: now + 32_000 + 61_000 });
  assert.deepEqual([r.jobs.delivered, r.jobs.retried], [1, 1]);

  await send(app, 'OTHER', 'much later', 3600);
  r = await app.drainQueues({ queue: 'other', ignoreDelay: true });
  assert.deepEqual([r.other.delivered, r.other.acked], [1, 1]);
});

test('queues: retry_all retries the batch; messages persist in .kiln across loads', async () => {
  const dir = newApp();
  const first = await loadApp(dir, { fresh: true, printErr: () => {} });
  await send(first, 'JOBS', { do: 'retry_all' });
  await send(first, 'JOBS', 'with it');
  const second = await loadApp(dir);
  const r = await second.drainQueues({ queue: 'jobs' });
  assert.deepEqual([r.jobs.batches, r.jobs.deadLettered], [3, 2]);
});

test('cron: fields, ranges, steps, lists, names, day-of-month OR day-of-week', () => {
  const at = (s) => new Date(`${s}Z`);
  assert.ok(cronMatches('*/5 * * * *', at('2026-01-05T10:15')));
  assert.ok(cronMatches('*/5 * * * *', at('2026-01-05T10:15:30')), 'the minute matches, whatever the seconds');
  assert.ok(!cronMatches('*/5 * * * *', at('2026-01-05T10:16')));
  assert.ok(cronMatches('0 9 * * MON-FRI', at('2026-01-05T09:00')));   // a Monday
  assert.ok(!cronMatches('0 9 * * MON-FRI', at('2026-01-04T09:00')));  // a Sunday
  assert.ok(cronMatches('15,45 8-10/2 * JAN,jul *', at('2026-07-01T10:45')));
  assert.ok(!cronMatches('15,45 8-10/2 * JAN,jul *', at('2026-07-01T09:45')));
  assert.ok(cronMatches('5/20 * * * *', at('2026-01-01T00:45')));
  assert.ok(cronMatches('0 0 1 * MON', at('2026-01-05T00:00')), 'restricted dom and dow: either');
  assert.ok(cronMatches('0 0 1 * MON', at('2026-01-01T00:00')));
  assert.ok(!cronMatches('0 0 1 * MON', at('2026-01-02T00:00')));
  // Only a bare * leaves a day field unrestricted (saffron's rule; the old
  // matcher also took */1 for *): */1 matches every day, so OR fires on a Tuesday.
  assert.ok(cronMatches('0 0 */1 * MON', at('2026-01-06T00:00')));
  for (const [bad, msg] of [['* * * *', /needs 5 fields/], ['60 * * * *', /minute 60 is out of range 0-59/], ['* * * FOO *', /bad month 'FOO'/],
    ['5-1 * * * *', /runs backwards/], ['*/0 * * * *', /step 0/], ['* * 32 * *', /day of month 32 is out of range 1-31/]]) assert.throws(() => parseCron(bad), msg);
});

// Workers' cron is saffron's (Cloudflare's parser), not Vixie cron's: these
// are its documented examples and rules, which croner is configured to follow.
test("cron: Workers' syntax: weekdays 1-7 = SUN-SAT, L, W, #, UTC; what Workers refuses is refused", () => {
  const at = (s) => new Date(`${s}Z`);
  assert.ok(cronMatches('0 17 * * 1', at('2026-01-04T17:00')), '1 is Sunday');
  assert.ok(cronMatches('0 17 * * sun', at('2026-01-04T17:00')));
  assert.ok(cronMatches('0 0 * * 7', at('2026-01-03T00:00')), '7 is Saturday');
  assert.ok(!cronMatches('0 0 * * 7', at('2026-01-04T00:00')));
  assert.ok(cronMatches('10 7 * * 2-6', at('2026-01-05T07:10')) && cronMatches('10 7 * * 2-6', at('2026-01-09T07:10')), '2-6: Monday to Friday');
  assert.ok(!cronMatches('10 7 * * 2-6', at('2026-01-04T07:10')) && !cronMatches('10 7 * * 2-6', at('2026-01-10T07:10')));
  assert.ok(cronMatches('0 0 L * *', at('2026-02-28T00:00')) && !cronMatches('0 0 L * *', at('2026-02-27T00:00')), 'L: the last day of the month');
  assert.ok(cronMatches('59 23 LW * *', at('2026-01-30T23:59')) && !cronMatches('59 23 LW * *', at('2026-01-31T23:59')), 'LW: its last weekday');
  assert.ok(cronMatches('0 0 15W * *', at('2026-03-16T00:00')), '15W: the weekday nearest the 15th (a Sunday: Monday)');
  for (const last of ['6L', 'friL']) {
    assert.ok(cronMatches(`0 18 * * ${last}`, at('2026-01-30T18:00')), `${last}: the last Friday`);
    assert.ok(!cronMatches(`0 18 * * ${last}`, at('2026-01-23T18:00')));
  }
  assert.ok(cronMatches('0 0 * * L', at('2026-01-03T00:00')) && !cronMatches('0 0 * * L', at('2026-01-04T00:00')), 'L alone in day of week: Saturday');
  assert.ok(cronMatches('0 9 * * MON#1', at('2026-01-05T09:00')) && cronMatches('0 9 * * 2#1', at('2026-01-05T09:00')));
  assert.ok(!cronMatches('0 9 * * MON#1', at('2026-01-12T09:00')), '#: the Nth weekday of the month');
  assert.ok(cronMatches('@daily', at('2026-01-02T00:00')) && !cronMatches('@daily', at('2026-01-02T00:01')), 'nicknames (offline only)');
  assert.ok(cronMatches('@hourly', at('2026-01-02T07:00')) && cronMatches('@weekly', at('2026-01-04T00:00')) && !cronMatches('@weekly', at('2026-01-03T00:00')));
  const tz = process.env.TZ;
  process.env.TZ = 'Asia/Tokyo';
  try {
    assert.ok(cronMatches('0 9 * * MON', at('2026-01-05T09:00')), 'UTC, whatever the local time zone');
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  }
  for (const [bad, msg] of [['0 0 * * 0', /day of week 0 is out of range 1-7 \(1 = Sunday/], ['0 0 * * 8', /day of week 8 is out of range/],
    ['0 0 ? * *', /'\?' is not Workers cron syntax/], ['0 0 1 * +MON', /'\+' is not Workers cron syntax/],
    ['0 0 0 * * *', /needs 5 fields .* has 6/], ['0 0 L-2 * *', /not emulated offline/], ['@reboot', /@reboot/]]) assert.throws(() => parseCron(bad), msg);
});

test('cron: app.cron runs the matching schedule blocks; cronsAt fires the configured crons due then', async () => {
  const dir = newApp();
  const app = await loadApp(dir, { fresh: true, printErr: () => {} });
  const time = Date.parse('2026-01-05T09:00:00Z');
  assert.deepEqual(await app.cron('*/5 * * * *', { time }), { cron: '*/5 * * * *', ran: 1 });
  assert.deepEqual(await app.cron('1 2 3 4 5'), { cron: '1 2 3 4 5', ran: 0 });
  assert.deepEqual(await app.cronsAt(new Date('2026-01-05T09:00:30Z')), [{ cron: '*/5 * * * *', ran: 1 }, { cron: '0 9 * * MON-FRI', ran: 1 }]);
  assert.deepEqual(await app.cronsAt(new Date('2026-01-04T09:01:00Z')), []);
  assert.deepEqual((await seen(app)).crons, [['five', '*/5 * * * *', time / 1000], ['five', '*/5 * * * *', time / 1000], ['weekday', '0 9 * * MON-FRI']]);
});

test('durable objects: stubs reach the Ruby object, state persists per name; forward_to', async () => {
  const dir = newApp();
  const app = await loadApp(dir, { fresh: true });
  assert.deepEqual(await get(app, '/counter/a/inc', { method: 'POST' }), [200, '1']);
  assert.deepEqual(await get(app, '/counter/a/inc', { method: 'POST' }), [200, '2']);
  assert.deepEqual(await get(app, '/counter/b/inc', { method: 'POST' }), [200, '1']);
  assert.deepEqual(await get(app, '/counter/a'), [200, '2']);  // forward_to, at /n
  const forwarded = await app.fetch(new Request('http://localhost/counter/a'));
  assert.deepEqual([...forwarded.headers.keys()].filter((k) => k.startsWith('x-kiln')), []);
  const again = await loadApp(dir);
  assert.deepEqual(await get(again, '/counter/a'), [200, '2']);
  assert.ok(fs.readdirSync(path.join(dir, '.kiln')).filter((f) => f.startsWith('do-Counter-')).length === 2);
});

test('durable objects: an RPC method returning {\'error\' => ...} resolves with that Hash; one that raises rejects', async () => {
  const app = await loadApp(newApp(), { fresh: true });
  assert.deepEqual(await get(app, '/error-hash/e'), [200, '{"error":"x"}']);
  const id = 'a'.repeat(64);
  const call = { type: 'do_call', class: 'Counter', id, method: 'nope', args: [] };
  await assert.rejects(app.event(call, { durableObject: { className: 'Counter', id } }), /^Error: NoMethodError: Counter has no public method nope$/);
});

test('durable objects: accept_web_socket offline is a logged 500, not a throw (there is no socket to accept)', async () => {
  const { printErr, lines } = quiet();
  const app = await loadApp(newApp(), { fresh: true, printErr });
  const r = await app.fetch(new Request('http://localhost/counter/w/ws'));
  assert.equal(r.status, 500);
  assert.ok(lines.some((l) => l.includes('accept_web_socket')), lines.join('\n'));
});

test('durable objects: alarms fire on demand (fireAlarms) and on the clock', async () => {
  const dir = newApp();
  const app = await loadApp(dir, { fresh: true });
  const later = Date.now() + 3_600_000;
  await get(app, `/arm/x/${later}`, { method: 'POST' });
  assert.deepEqual(await get(app, '/rang/x'), [200, `[nil, ${later}]`]);
  assert.deepEqual(await app.fireAlarms(), { ran: 0, failed: 0 });
  assert.deepEqual(await app.fireAlarms({ now: later }), { ran: 1, failed: 0 });
  assert.deepEqual(await get(app, '/rang/x'), [200, '[1, nil]']);

  // A failing alarm() is retried after 2, 4, 8... s, six times.
  const { printErr, lines } = quiet();
  const failing = await loadApp(dir, { printErr });
  await get(failing, '/fail/f', { method: 'POST' });
  await get(failing, `/arm/f/${later}`, { method: 'POST' });
  let t = later;
  for (let n = 1; n <= 7; n++) {
    assert.deepEqual(await failing.fireAlarms({ now: t }), { ran: 1, failed: 1 });
    const next = n <= 6 ? t + 1000 * 2 ** n : null;
    assert.deepEqual(await get(failing, '/rang/f'), [200, `[${n}, ${next ?? 'nil'}]`]);
    t = next;
  }
  assert.match(lines[0], /alarm of Counter [0-9a-f]{64} failed, retried in 2 s: .*alarm failed/);

  await get(app, `/arm/y/${Date.now() + 50}`, { method: 'POST' });
  for (let i = 0; i < 100 && (await get(app, '/rang/y'))[1] !== '[1, nil]'; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(await get(app, '/rang/y'), [200, '[1, nil]']);
});

const cli = (...args) => spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), ...args], { encoding: 'utf8' });

test('kiln queue drain / kiln cron / kiln alarms: offline, on the state kiln request left', () => {
  const dir = newApp();
  const req = (...a) => { const r = cli('request', path.join(dir, 'app.rb'), ...a); assert.equal(r.status, 0, r.stderr); return JSON.parse(r.stdout); };
  req('POST', '/send/JOBS', '-d', '{"body":"hi"}', '-H', 'Content-Type: application/json', '--fresh');
  req('POST', '/send/JOBS', '-d', '{"body":{"do":"retry"}}', '-H', 'Content-Type: application/json');
  let r = cli('queue', 'drain', dir);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual([report.jobs.acked, report.jobs.deadLettered, report.dead.acked], [1, 1, 1]);
  assert.match(r.stderr, /moved to dead-letter queue "dead"/);

  r = cli('cron', '*/5 * * * *', dir, '--at', '2026-01-05T09:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { fired: [{ cron: '*/5 * * * *', ran: 1 }] });
  r = cli('cron', dir, '--at', '2026-01-05T09:00Z');
  assert.deepEqual(JSON.parse(r.stdout).fired.map((f) => f.cron), ['*/5 * * * *', '0 9 * * MON-FRI']);
  r = cli('cron', '61 * * * *', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /minute 61 is out of range/);

  req('POST', '/arm/z/1000');
  r = cli('alarms', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ran: 1, failed: 0 });
  assert.equal(req('GET', '/rang/z').body, '[1, nil]');

  for (const c of [['queue', '--help'], ['cron', '--help'], ['alarms', '--help']]) {
    r = cli(...c);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: kiln /);
  }
  assert.equal(cli('queue', 'flush', dir).status, 2);
});
