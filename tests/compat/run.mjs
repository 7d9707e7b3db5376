#!/usr/bin/env node
// The Sinatra compatibility corpus: every tests/compat/cases/*.rb is a small
// classic-style app whose header comment lists requests and the responses
// Sinatra 4.2 gives for them (derived from Sinatra's own tests). All cases
// run in this one process through js/build.js + js/node.js, in the
// production environment with Host: example.org, like Sinatra's mock
// requests. A cookie jar per case carries Set-Cookie to later requests.
//
//   node tests/compat/run.mjs            report; exit 0 (the corpus measures)
//   node tests/compat/run.mjs --strict   exit 1 if any request fails
//   node tests/compat/run.mjs --check    exit 1 on a failure not listed in
//                                        known_failures.txt, or a listed one
//                                        that passes (keep the list honest)
//   node tests/compat/run.mjs --write-known-failures   regenerate the list
//   node tests/compat/run.mjs routing_1 params         only these cases
//
// Writes tests/compat/results.md: every failing request, expected vs actual.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, BuildError } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { describeResponse, makeRequest } from '../../js/cli/commands/request.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.join(HERE, 'cases');
const KNOWN = path.join(HERE, 'known_failures.txt');
const RESULTS = path.join(HERE, 'results.md');
const REQUEST_TIMEOUT_MS = 5000;

// --- case files -------------------------------------------------------------

// The header: "# compat: group/slug (source: ...)" then, per request,
// "# request: METHOD PATH" followed by request-header / request-body and
// expect-* lines. It ends at the first line that is not a comment.
export function parseCase(file, text) {
  const name = path.basename(file, '.rb');
  const kase = { name, file, group: name.replace(/_\d+$/, ''), title: name, requests: [] };
  let req = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = line.match(/^#\s*([a-z-]+):(?: (.*))?$/);
    if (!m) continue;
    const [, key, value = ''] = m;
    if (key === 'compat') {
      kase.title = value;
      kase.group = value.split('/')[0].trim() || kase.group;
      continue;
    }
    if (key === 'request') {
      const [method, target] = value.trim().split(/\s+/, 2);
      req = { id: `${name}#${kase.requests.length + 1}`, method, target, headers: [], body: null, expect: { headers: [], contains: [], present: [], absent: [] } };
      kase.requests.push(req);
      continue;
    }
    if (!req) throw new Error(`${name}: '${key}' before any '# request:'`);
    const e = req.expect;
    const header = () => {
      const i = value.indexOf(':');
      if (i < 1) throw new Error(`${name}: '${key}: ${value}' needs 'Name: value'`);
      return [value.slice(0, i).trim(), value.slice(i + 1).trim()];
    };
    switch (key) {
      case 'request-header': req.headers.push(header()); break;
      case 'request-body': req.body = value; break;
      case 'expect-status': e.status = Number(value); break;
      case 'expect-body': e.body = value; break;
      case 'expect-body-json': e.body = JSON.parse(value); break;
      case 'expect-header': e.headers.push(header()); break;
      case 'expect-header-contains': e.contains.push(header()); break;
      case 'expect-header-present': e.present.push(value.trim()); break;
      case 'expect-no-header': e.absent.push(value.trim()); break;
      default: throw new Error(`${name}: unknown directive '${key}'`);
    }
  }
  if (kase.requests.length === 0) throw new Error(`${name}: no '# request:' lines`);
  return kase;
}

function listCases(only) {
  const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true });
  return fs.readdirSync(CASES).filter((f) => f.endsWith('.rb')).sort(natural)
    .filter((f) => only.length === 0 || only.some((o) => f === `${o}.rb` || f.startsWith(`${o}_`)))
    .map((f) => parseCase(f, fs.readFileSync(path.join(CASES, f), 'utf8')));
}

// --- running ----------------------------------------------------------------

// Names and values of Set-Cookie lines kept for the next requests of a case.
class CookieJar {
  #cookies = new Map();
  store(setCookie) {
    for (const line of (setCookie ?? '').split('\n').filter(Boolean)) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=').slice(1).join('=')) < Date.now());
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function compare(expect, actual) {
  const problems = [];
  if (expect.status !== undefined && actual.status !== expect.status) problems.push(`status ${actual.status}, expected ${expect.status}`);
  if (expect.body !== undefined && actual.body !== expect.body) problems.push('body differs');
  const h = actual.headers ?? {};
  for (const [name, value] of expect.headers) {
    if (h[name.toLowerCase()] !== value) problems.push(`header ${name}: ${JSON.stringify(h[name.toLowerCase()] ?? null)}, expected ${JSON.stringify(value)}`);
  }
  for (const [name, part] of expect.contains) {
    if (!(h[name.toLowerCase()] ?? '').includes(part)) problems.push(`header ${name} lacks ${JSON.stringify(part)}`);
  }
  for (const name of expect.present) if (h[name.toLowerCase()] === undefined) problems.push(`header ${name} missing`);
  for (const name of expect.absent) if (h[name.toLowerCase()] !== undefined) problems.push(`header ${name} present: ${JSON.stringify(h[name.toLowerCase()])}`);
  return problems;
}

const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error(`no response in ${ms} ms`)), ms).unref());

// The app's log lines (errors in production) are collected per case, not
// printed: results.md shows them next to the failures they explain.
async function quietly(logs, fn) {
  const saved = [console.log, console.error, console.warn];
  console.log = console.error = console.warn = (...args) => logs.push(args.join(' '));
  try {
    return await fn();
  } finally {
    [console.log, console.error, console.warn] = saved;
  }
}

async function runCase(kase) {
  const logs = [];
  const fail = (reason) => kase.requests.map((r) => ({ req: r, ok: false, problems: [reason], actual: null, logs }));
  let app;
  try {
    const { outDir } = build(CASES, { main: kase.file, files: [], log: null });
    const sink = (line) => logs.push(line);
    app = await quietly(logs, () => loadApp(CASES, { outDir, vars: { KILN_ENV: 'production' }, print: sink, printErr: sink }));
  } catch (e) {
    if (e instanceof BuildError) return fail(`build error: ${e.message}`);
    return fail(`${e.name === 'BootError' ? 'boot error' : 'load error'}: ${e.message}`);
  }
  const jar = new CookieJar();
  const results = [];
  for (const req of kase.requests) {
    const before = logs.length;
    let actual = null;
    let problems;
    try {
      const headers = [...req.headers];
      if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', 'example.org']);
      const cookies = jar.header();
      if (cookies && !headers.some(([n]) => n.toLowerCase() === 'cookie')) headers.push(['Cookie', cookies]);
      const request = makeRequest({ method: req.method, path: req.target, query: null, headers, body: req.body === null ? null : Buffer.from(req.body) });
      const response = await quietly(logs, () => Promise.race([app.fetch(request), timeout(REQUEST_TIMEOUT_MS)]));
      actual = await describeResponse(response);
      jar.store(actual.headers['set-cookie']);
      problems = compare(req.expect, actual);
    } catch (e) {
      problems = [`${e.name}: ${e.message}`];
    }
    results.push({ req, ok: problems.length === 0, problems, actual, logs: logs.slice(before) });
  }
  return results;
}

// --- reporting --------------------------------------------------------------

const clip = (s, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeExpected(e) {
  const out = [];
  if (e.status !== undefined) out.push(`status ${e.status}`);
  if (e.body !== undefined) out.push(`body ${JSON.stringify(e.body)}`);
  for (const [n, v] of e.headers) out.push(`${n}: ${v}`);
  for (const [n, v] of e.contains) out.push(`${n} contains ${JSON.stringify(v)}`);
  for (const n of e.present) out.push(`${n} present`);
  for (const n of e.absent) out.push(`no ${n}`);
  return out;
}

function writeResults(cases, outcomes, summary) {
  const lines = ['# Sinatra compatibility corpus: failures', '',
    'Generated by `node tests/compat/run.mjs`; do not edit. Each case is a file in',
    '`tests/compat/cases/`; the expected values are Sinatra 4.2\'s (production, Host: example.org).', '',
    summary, ''];
  for (const kase of cases) {
    const failed = outcomes.get(kase.name).filter((r) => !r.ok);
    if (failed.length === 0) continue;
    lines.push(`## ${kase.name}: ${kase.title}`, '');
    for (const r of failed) {
      const req = r.req;
      const extra = [...req.headers.map(([n, v]) => `${n}: ${v}`), ...(req.body !== null ? [`body ${JSON.stringify(req.body)}`] : [])];
      lines.push(`### ${req.id} \`${req.method} ${req.target}\`${extra.length ? ` (${extra.join(', ')})` : ''}`, '');
      lines.push(`- problems: ${r.problems.join('; ')}`);
      lines.push(`- expected: ${describeExpected(req.expect).join(', ')}`);
      if (r.actual) {
        const body = r.actual.body !== undefined ? JSON.stringify(clip(r.actual.body)) : `base64 ${clip(r.actual.body_base64)}`;
        lines.push(`- actual: status ${r.actual.status}, body ${body}`);
        lines.push(`- actual headers: ${Object.entries(r.actual.headers).map(([n, v]) => `${n}: ${JSON.stringify(v)}`).join(', ')}`);
      }
      const logs = r.logs.filter((l) => l.trim()).slice(0, 3).map((l) => clip(l.split('\n')[0], 300));
      if (logs.length) lines.push(`- app log: ${logs.map((l) => `\`${l.replaceAll('`', "'")}\``).join(' / ')}`);
      lines.push('');
    }
  }
  fs.writeFileSync(RESULTS, lines.join('\n'));
}

function readKnown() {
  if (!fs.existsSync(KNOWN)) return new Set();
  // One id per line ("routing_12#1"), then optionally a comment after spaces.
  return new Set(fs.readFileSync(KNOWN, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/)[0]));
}

function writeKnown(cases, outcomes) {
  const lines = ['# Requests of the compat corpus expected to fail today (one id a line:',
    '# <case file>#<request number>). `node tests/compat/run.mjs --check` fails when a',
    '# request not listed here fails (a regression) or a listed one passes (remove it).',
    '# Regenerate with --write-known-failures after implementing something.'];
  for (const kase of cases) {
    for (const r of outcomes.get(kase.name)) if (!r.ok) lines.push(`${r.req.id}  # ${kase.title.split('  (')[0]}`);
  }
  fs.writeFileSync(KNOWN, `${lines.join('\n')}\n`);
}

async function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const only = argv.filter((a) => !a.startsWith('--'));
  for (const f of flags) if (!['--strict', '--check', '--write-known-failures'].includes(f)) throw new Error(`unknown option ${f}`);
  const cases = listCases(only);
  const outcomes = new Map();
  const groups = new Map();
  const started = performance.now();
  for (const kase of cases) {
    const results = await runCase(kase);
    outcomes.set(kase.name, results);
    const g = groups.get(kase.group) ?? { passed: 0, failed: 0 };
    for (const r of results) r.ok ? g.passed++ : g.failed++;
    groups.set(kase.group, g);
  }
  let passed = 0, failed = 0;
  const width = Math.max(...[...groups.keys()].map((k) => k.length));
  for (const [group, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${group.padEnd(width)}  ${String(g.passed).padStart(4)} passed ${String(g.failed).padStart(4)} failed`);
    passed += g.passed;
    failed += g.failed;
  }
  const summary = `${passed} passed, ${failed} failed (${cases.length} cases)`;
  console.log(`${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (only.length === 0) writeResults(cases, outcomes, summary);
  if (flags.has('--write-known-failures')) {
    if (only.length) throw new Error('--write-known-failures needs the whole corpus');
    writeKnown(cases, outcomes);
    console.log(`wrote ${path.relative(process.cwd(), KNOWN)}`);
  }
  if (flags.has('--check')) {
    const known = readKnown();
    const all = [...outcomes.values()].flat();
    const regressions = all.filter((r) => !r.ok && !known.has(r.req.id));
    const fixed = all.filter((r) => r.ok && known.has(r.req.id));
    for (const r of regressions) console.log(`REGRESSION ${r.req.id}: ${r.problems.join('; ')}`);
    for (const r of fixed) console.log(`NOW PASSES ${r.req.id}: remove it from known_failures.txt`);
    if (regressions.length || fixed.length) return 1;
    console.log('check: every failure is a known one');
  }
  if (flags.has('--strict') && failed > 0) return 1;
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
