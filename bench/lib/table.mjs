// The markdown report of one bench/run (results.json rendered).
const f = (n, d = 1) => (n == null || Number.isNaN(n) ? '—' : Number(n).toFixed(d));
const kib = (n) => `${f(n / 1024)} KiB`;
const x = (r) => `${f(r, 2)}×`;
// "median (min–max)" of a stats() object.
const m = (s, d = 1) => (s ? `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})` : '—');
const row = (cells) => `| ${cells.join(' | ')} |\n`;
const head = (cells) => row(cells) + row(cells.map(() => '---'));

function headline(r) {
  let out = head(['figure', 'Kiln', 'baseline', 'Kiln ÷ baseline', 'target']);
  if (r.size) {
    out += row(['upload size, gzip (examples/hello)', kib(r.size.total.gzip), '—', '—',
      `≤ 250 KiB: ${r.size.met ? 'met' : '**missed**'}`]);
  }
  if (r.coldStart) {
    const c = r.coldStart, w = c.workers;
    out += row(['cold start: spawn workerd → first 200, ms', f(w.kiln.coldMs.median), `plain JS ${f(w.js.coldMs.median)}`,
      `${x(c.ratio)}; Kiln − JS ${f(c.differenceMs)} ms`, `Kiln − JS ≤ ${c.targetMs} ms: ${c.differenceMs <= c.targetMs ? 'met' : '**missed**'}`]);
    out += row(['cold start: first request once workerd listens, ms', f(w.kiln.firstRequestMs.median, 2),
      `plain JS ${f(w.js.firstRequestMs.median, 2)}`, x(w.kiln.firstRequestMs.median / w.js.firstRequestMs.median), '—']);
  }
  if (r.load) {
    for (const [route, v] of Object.entries(r.load.routes)) {
      const bases = ['js', 'hono'].filter((b) => v[b]);
      const label = { js: 'JS', hono: 'Hono' };
      const where = route === 'kv' ? 'on workerd (Miniflare KV)' : 'on workerd';
      out += row([`GET ${v.path} ${where}, req/s`, f(v.kiln.rps.median, 0),
        bases.map((b) => `${label[b]} ${f(v[b].rps.median, 0)}`).join(' · '),
        bases.map((b) => x(v.kiln[`vs_${b}`])).join(' · '), '—']);
    }
  }
  if (r.cpu) {
    const base = r.cpu.baseline === 'host' ? 'native host lib (debug)' : 'native release, same defines';
    const verdict = (ratio) => (ratio <= r.cpu.targetRatio ? 'met' : '**missed**');
    for (const [name, v] of Object.entries(r.cpu.workloads)) {
      const wd = v.workerdMs != null;
      out += row([`Ruby CPU ${name}, ms (wasm${wd ? ' node · workerd' : ' under node'} vs ${base})`,
        wd ? `${f(v.wasmMs.median)} · ${f(v.workerdMs.median)}` : f(v.wasmMs.median), `native ${f(v.native[r.cpu.baseline].median)}`,
        wd ? `${x(v.ratio)} · ${x(v.workerdRatio)}` : x(v.ratio),
        `≤ 3×: ${verdict(v.ratio)}${wd ? ` · ${verdict(v.workerdRatio)}` : ''}`]);
    }
  }
  if (r.await) {
    out += row(['one immediate Kiln.await, µs', f(r.await.kilnUsPerAwait.median, 2), `JS await ${f(r.await.jsUsPerAwait.median, 3)}`, x(r.await.ratio), '—']);
  }
  if (r.memory) {
    const last = r.memory.points.at(-1);
    out += row([`memory after ${last.requests} requests (node)`, `wasm ${kib(last.wasmBytes)}, JS heap ${kib(last.jsHeapUsed)}`, '—', '—',
      `bounded: wasm +${kib(r.memory.wasmGrowthLastStep)} over the last 9 000`]);
  }
  return out;
}

function details(r) {
  let out = '';
  if (r.size) {
    out += '\n### 1. Upload size (`wrangler deploy --dry-run` of examples/hello, gzip -9 per file)\n\n';
    out += head(['part', 'raw', 'gzip']);
    for (const [part, v] of Object.entries(r.size.parts)) out += row([part, kib(v.raw), kib(v.gzip)]);
    out += row(['**total**', kib(r.size.total.raw), kib(r.size.total.gzip)]);
    if (r.size.wrangler) out += `\nwrangler's own report: ${r.size.wrangler.rawKiB} KiB / gzip ${r.size.wrangler.gzipKiB} KiB.\n`;
  }
  if (r.coldStart) {
    const c = r.coldStart, n = c.underNode, w = c.workers, b = c.breakdown;
    out += `\n### 2. Cold start (${w.kiln.coldMs.n} fresh workerd processes each; median (min–max) ms)\n\n`;
    out += head(['worker', 'spawn → first 200', 'spawn → listening', 'first request', 'second request']);
    const names = {
      kiln: 'Kiln hello (VM booted at the top level)', kilnAtRequest: 'Kiln hello, KILN_BOOT=request (VM booted in the first request)', js: 'plain JS hello',
      kilnLiftoffOnly: 'experiment: Kiln hello, workerd with V8 `--liftoff-only` (no tier-up)', kilnEager: 'experiment: Kiln hello, V8 `--no-wasm-lazy-compilation`',
    };
    for (const [k, label] of Object.entries(names).filter(([k]) => w[k])) {
      out += row([label, m(w[k].coldMs), m(w[k].listenMs), m(w[k].firstRequestMs, 2), m(w[k].secondRequestMs, 2)]);
    }
    out += '\nWhere the time goes (differences of the medians above; workerd listens once the worker\'s top-level code has run):\n\n';
    out += head(['step', 'ms']);
    out += row(['workerd start with the plain JS worker, to listening', f(b.workerdWithJs)]);
    out += row(["+ Kiln's module: wasm validation (V8 compiles lazily), emscripten + Kiln JS (KILN_BOOT=request − JS)", f(b.kilnModule)]);
    out += row(['+ wasm instantiate, mruby boot, Kiln DSL, app load at the top level (Kiln − KILN_BOOT=request)', f(b.topLevelBoot)]);
    out += row(['first request, VM already booted', f(w.kiln.firstRequestMs.median, 2)]);
    out += row(['first request booting the VM (KILN_BOOT=request)', f(w.kilnAtRequest.firstRequestMs.median, 2)]);
    out += row(['… of which wasm instantiate (server-timing, 1 ms steps)', m(c.inWorkerd.instantiateMs, 2)]);
    out += row(['… of which mruby boot + Kiln DSL + app load (server-timing)', m(c.inWorkerd.vmBootMs, 2)]);
    out += `\nUnder node (${n.vmBootMs.n} boots in one process; median (min–max) ms):\n\n`;
    out += head(['what', 'ms']);
    out += row(['WebAssembly.compile of kiln.wasm (lazy: validation)', m(n.wasmCompileMs, 2)]);
    out += row(['instantiate', m(n.instantiateMs, 2)]);
    out += row(['mruby boot + Kiln DSL (app with no routes)', m(n.vmBootMs, 2)]);
    out += row(['mruby boot + Kiln DSL + hello app', m(n.bootTotalMs, 2)]);
    out += '\nUnder node, one fresh process per run, by V8 flags (median ms; the first request after a boot, node\'s Request/Response warmed up first):\n\n';
    out += head(['V8 flags', 'compile', 'instantiate', 'first boot', 'first request', 'second request', 'second boot (warm code)']);
    for (const [name, v] of Object.entries(n.freshProcess)) {
      out += row([`${name}${v.flags.length ? ` (\`${v.flags.join(' ')}\`)` : ''}`, f(v.compileMs.median, 2), f(v.instantiateMs.median, 2),
        f(v.firstBootMs.median, 2), f(v.firstRequestMs.median, 2), f(v.secondRequestMs.median, 2), f(v.warmBootMs.median, 2)]);
    }
    const lc = n.lazyCompiled;
    out += `\nCompiled lazily for a boot and two requests (V8's trace, \`--liftoff-only\`): ${lc.functions} functions, ${kib(lc.wasmBytes)} of the ${kib(lc.codeSectionBytes)} of function bodies in kiln.wasm` +
      ` (${kib(lc.machineCodeBytes)} of machine code); the largest, a ${kib(lc.largest.body)} body (the interpreter loop, \`mrb_vm_exec\`), took ${lc.largest.ms} ms alone.` +
      ' First boot minus second boot with `--liftoff-only` is the lazy compilation; the default adds TurboFan tier-up of the hot functions on background threads, which on a busy 2-core machine competes with the boot itself.\n';
  }
  if (r.load) {
    const l = r.load;
    out += `\n### 3. Throughput on bare workerd (${l.tool}, ${l.connections} connections, ${l.seconds} s × ${l.repeats}; median (min–max))\n\n`;
    out += head(['route', 'worker', 'req/s', 'p50 ms', 'p99 ms']);
    for (const v of Object.values(l.routes)) {
      for (const name of ['kiln', 'js', 'hono'].filter((n) => v[n])) {
        out += row([`GET ${v.path}`, name, m(v[name].rps, 0), m(v[name].p50, 2), m(v[name].p99, 2)]);
      }
    }
    out += '\n`/page` is an ERB page (layout + a 20-row table, escaped); Hono\'s uses its html`` template.';
    if (l.kv) {
      out += ` \`/kv\` reads 3 keys in turn from a KV namespace (seeded, ~100 bytes each; both workers checked to return the 3 values): both workers in one workerd run by Miniflare ${l.kv.miniflare} (its KV: a Durable Object on SQLite), loaded on their own workerd sockets, no node in the path` +
        `${l.kv.nodeBlocked ? ' (node\'s event loop is blocked while wrk runs)' : ''}; node's own CPU time over that load: ${f(l.kv.nodeCpuMs)} ms for ${l.kv.requests} requests.`;
    }
    out += '\n';
  }
  if (r.cpu) {
    const c = r.cpu, variants = Object.keys(c.natives), wd = c.requestOverheadMs.workerd != null;
    out += `\n### 4. Ruby CPU (same bytecode; CPU time, median (min–max) ms; wasm minus an empty request: ${f(c.requestOverheadMs.node, 3)} ms under node` +
      `${wd ? `, ${f(c.requestOverheadMs.workerd, 3)} ms on workerd` : ''})\n\n`;
    out += head(['workload', 'Kiln wasm (node)', ...(wd ? ['Kiln wasm (workerd)'] : []), ...variants.map((v) => `native ${v}`),
      ...variants.map((v) => `node ÷ ${v}`), ...(wd ? [`workerd ÷ ${c.baseline}`] : [])]);
    for (const [name, v] of Object.entries(c.workloads)) {
      out += row([name, m(v.wasmMs), ...(wd ? [m(v.workerdMs)] : []), ...variants.map((n) => m(v.native[n])),
        ...variants.map((n) => x(v.ratios[n])), ...(wd ? [x(v.workerdRatio)] : [])]);
    }
    out += '\nNative builds (driver: ' + c.driver + '; all from the same patched mruby 3.1.0 source and gem list):\n\n';
    for (const [n, { label, defines }] of Object.entries(c.natives)) out += `- ${n}: ${label}; defines ${defines.join(' ')}\n`;
    if (c.baseline === 'host') out += '\n--quick: the headline ratio is against the host debug library (-O1, MRB_DEBUG), not a release build: it flatters the wasm. The full run builds and uses the release baselines.\n';
    out += `\nThe wasm: mruby core -O2 (hot files) and -Os (the rest), gems -Oz, MRB_NO_BOXING + 1024-entry method cache (scripts/mruby_config.rb). All CPU time: the native driver's own (\`CLOCK_PROCESS_CPUTIME_ID\`), node's \`process.cpuUsage()\` around the request, and on bare workerd (its V8) the CPU time of workerd's threads (/proc) over a sequential \`GET /cpu/:name\`, each minus the same for \`GET /\`.\n`;
  }
  if (r.await) {
    const a = r.await;
    out += `\n### 5. Await overhead (${a.n} awaits per request; median (min–max) µs per await)\n\n`;
    out += head(['what', 'µs']);
    out += row(['Kiln.await(:echo, i) in a route', m(a.kilnUsPerAwait, 3)]);
    out += row(["await perform('echo', [i]) in plain JS", m(a.jsUsPerAwait, 3)]);
  }
  if (r.memory) {
    out += `\n### 6. Memory under node (mixed routes; ${r.memory.gcExposed ? 'after a full GC' : 'no GC forced'})\n\n`;
    out += head(['requests', 'wasm linear memory', 'JS heap used', 'process RSS']);
    for (const p of r.memory.points) out += row([p.requests, kib(p.wasmBytes), kib(p.jsHeapUsed), kib(p.rss)]);
  }
  return out;
}

export function renderTable(r) {
  const mc = r.machine;
  return `## Kiln benchmarks (${r.mode} run, ${r.date.slice(0, 10)})\n\n` +
    `Machine: ${mc.cpus} × ${mc.cpuModel}, node ${mc.node}, ${mc.workerd}; load average ` +
    `${mc.loadAvgAtStart.map((l) => f(l, 2)).join(' ')} at start (shared machine: absolute figures move with it). ` +
    'Ratios compare Kiln with a baseline measured in the same run.\n\n' +
    headline(r) + details(r);
}
