// 3. Throughput and latency on bare workerd at a fixed concurrency, with
// wrk (preferred) or autocannon from bench/node_modules. Every run is
// bounded in time (duration + a hard kill) and in count (a request cap).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, HOST, have, run, stats } from './util.mjs';
import { rawGet } from './workerd.mjs';

const MAX_REQUESTS = 5_000_000;

// wrk stops a thread once it has seen this many responses.
const WRK_CAP = `local cap = ${MAX_REQUESTS}
local n = 0
function response(status, headers, body)
  n = n + 1
  if n >= cap then wrk.thread:stop() end
end
`;

function ms(value, unit) {
  return Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
}

function parseWrk(out) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s)/m.exec(out);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)/m.exec(out);
  if (!rps || !p50 || !p99) throw new Error(`could not parse wrk output:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const errors = /Socket errors: (.*)/.exec(out);
  const requests = /(\d+) requests in/.exec(out);
  return { requests: requests ? Number(requests[1]) : 0, rps: Number(rps[1]), p50: ms(p50[1], p50[2]), p99: ms(p99[1], p99[2]), non2xx: non2xx ? Number(non2xx[1]) : 0, socketErrors: errors?.[1] ?? null };
}

// BENCH_LOAD_TOOL=autocannon forces the fallback (to compare the two).
export function loadGenerator(log) {
  if (have('wrk') && process.env.BENCH_LOAD_TOOL !== 'autocannon') return 'wrk';
  if (!fs.existsSync(path.join(BENCH, 'node_modules/autocannon'))) {
    throw new Error('no load generator: install wrk (apt-get install wrk) or run npm ci --prefix bench');
  }
  log('wrk not used (install it with apt-get install wrk); falling back to autocannon, which is slower and may cap req/s');
  return 'autocannon';
}

async function once(tool, url, { connections, seconds }) {
  if (tool === 'wrk') {
    const script = path.join(os.tmpdir(), 'kiln-bench-cap.lua');
    fs.writeFileSync(script, WRK_CAP);
    const out = run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { timeoutMs: (seconds + 30) * 1000 });
    return parseWrk(out);
  }
  const { default: autocannon } = await import(path.join(BENCH, 'node_modules/autocannon/autocannon.js'));
  const r = await autocannon({ url, connections, duration: seconds, maxOverallRequests: MAX_REQUESTS });
  return { requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, socketErrors: r.errors ? String(r.errors) : null };
}

// servers: { name: { url } }; routes: { key: path }. Interleaves targets so
// drift on the shared machine hits every one alike.
export async function measureLoad({ servers, routes, connections, seconds, warmupSeconds, repeats, log }) {
  const tool = loadGenerator(log);
  const samples = {};
  let requests = 0;  // all of them, warm-ups included
  for (const [route, pathname] of Object.entries(routes)) {
    for (const [name, { url, port }] of Object.entries(servers)) {
      if (!url.startsWith(`http://${HOST}:`)) throw new Error(`refusing to load ${url}: only ${HOST}`);
      const check = await rawGet(port, pathname);
      if (check.status !== 200) throw new Error(`${name} ${pathname}: status ${check.status}: ${check.body.slice(0, 500)}`);
      requests += (await once(tool, url + pathname, { connections, seconds: warmupSeconds })).requests;  // JIT warm-up
    }
    for (let r = 0; r < repeats; r++) {
      for (const [name, { url }] of Object.entries(servers)) {
        const s = await once(tool, url + pathname, { connections, seconds });
        if (s.non2xx || !s.rps) throw new Error(`${name} ${pathname}: ${s.non2xx} non-2xx responses`);
        ((samples[route] ??= {})[name] ??= []).push(s);
        requests += s.requests;
        log(`load ${route} ${name} #${r + 1}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
      }
    }
  }
  const result = { tool, connections, seconds, repeats, requests, routes: {} };
  for (const [route, byName] of Object.entries(samples)) {
    const row = {};
    for (const [name, list] of Object.entries(byName)) {
      row[name] = { rps: stats(list.map((s) => s.rps)), p50: stats(list.map((s) => s.p50)), p99: stats(list.map((s) => s.p99)) };
    }
    for (const base of ['js', 'hono']) {
      if (row.kiln && row[base]) row.kiln[`vs_${base}`] = row.kiln.rps.median / row[base].rps.median;
    }
    result.routes[route] = { path: routes[route], ...row };
  }
  return result;
}
