// Where kiln.wasm's bytes go: relinks build/wasm with --profiling-funcs (a
// name section, same code) into a temp dir, attributes each function body
// and data symbol to the object it came from (mruby core, each gem, Kiln,
// or libc/libc++/runtime), and prints raw and gzip bytes per group.
//
// usage: node bench/wasm_sizes.mjs      (after scripts/build wasm)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/util.mjs';

const MRUBY = path.join(ROOT, '.deps/mruby-build/wasm32');
const KILN_OBJS = path.join(ROOT, 'build/wasm/CMakeFiles');

function relink() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-wasm-sizes-'));
  const dir = path.join(ROOT, 'build/wasm');
  const cmd = fs.readFileSync(path.join(dir, 'CMakeFiles/kiln.dir/link.txt'), 'utf8').trim()
    .replace(/-o \S+kiln\.mjs/, `--profiling-funcs -o ${path.join(tmp, 'kiln.mjs')}`);
  execFileSync('sh', ['-c', cmd], { cwd: dir, env: { ...process.env, NODE_PATH: '/usr/share/nodejs' }, stdio: 'inherit' });
  return path.join(tmp, 'kiln.wasm');
}

function objects(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) objects(p, out);
    else if (e.name.endsWith('.o')) out.push(p);
  }
  return out;
}

function groupOf(obj) {
  if (obj.startsWith(KILN_OBJS)) {
    if (/kiln_dsl/.test(obj)) return 'Kiln DSL bytecode (ruby/kiln)';
    return `Kiln ${path.basename(obj).replace(/\.o$/, '')}`;
  }
  const rel = path.relative(MRUBY, obj);
  const gem = /^mrbgems\/(mruby-[\w-]+)\//.exec(rel);
  if (gem) return `gem ${gem[1]}`;
  if (rel.startsWith('mrblib/')) return 'mruby core mrblib (bytecode)';
  return 'mruby core (src/)';
}

// function name -> group, and group -> data bytes, from every object linked in.
function symbolTable() {
  const table = new Map(), dataBytes = new Map();
  const objs = [...objects(MRUBY), ...objects(KILN_OBJS).filter((o) => !/kiln_tests|test/.test(o))];
  for (const obj of objs) {
    const group = groupOf(obj);
    // The name section has C++ names demangled: index both spellings.
    for (const flags of [[], ['-C']]) {
      const out = execFileSync('llvm-nm', [...flags, '--defined-only', obj], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      for (const line of out.split('\n')) {
        const m = /^\s*[0-9a-f]*\s+[tTwW]\s+(.+)$/.exec(line);
        if (m && !table.has(m[1])) table.set(m[1], group);
      }
    }
    // Data: the object's DATA section (before the linker drops unused parts).
    const sections = execFileSync('llvm-objdump', ['-h', obj], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const data = /^\s*\d+\s+DATA\s+([0-9a-f]+)/m.exec(sections);
    if (data) dataBytes.set(group, (dataBytes.get(group) ?? 0) + parseInt(data[1], 16));
  }
  return { table, dataBytes };
}

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    byte: () => buf[pos++],
    leb() { let v = 0, shift = 0, b; do { b = buf[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return v; },
    str() { const n = r.leb(); const s = buf.subarray(pos, pos + n).toString('utf8'); pos += n; return s; },
  };
  return r;
}

function parseWasm(buf) {
  const r = reader(buf);
  r.pos = 8;
  const sections = [], bodies = [], names = new Map();
  let importedFuncs = 0;
  while (r.pos < buf.length) {
    const id = r.byte(), size = r.leb(), start = r.pos, end = start + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'][id] ?? `#${id}`;
    if (id === 0) label = `custom "${r.str()}"`;
    sections.push({ label, size });
    if (id === 2) {
      for (let n = r.leb(); n > 0; n--) {
        r.str(); r.str();
        const kind = r.byte();
        if (kind === 0) { importedFuncs++; r.leb(); }
        else if (kind === 1) { r.byte(); const f = r.byte(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 2) { const f = r.byte(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 3) { r.byte(); r.byte(); }
        else if (kind === 4) { r.byte(); r.leb(); }
      }
    } else if (id === 10) {
      for (let n = r.leb(), i = 0; i < n; i++) {
        const len = r.leb();
        bodies.push({ index: importedFuncs + i, bytes: buf.subarray(r.pos, r.pos + len) });
        r.pos += len;
      }
    } else if (label === 'custom "name"') {
      while (r.pos < end) {
        const sub = r.byte(), subSize = r.leb(), subEnd = r.pos + subSize;
        if (sub === 1) for (let n = r.leb(); n > 0; n--) { const idx = r.leb(); names.set(idx, r.str()); }
        r.pos = subEnd;
      }
    }
    r.pos = end;
  }
  return { sections, bodies, names };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function main() {
  const wasm = relink();
  const buf = fs.readFileSync(wasm);
  const { sections, bodies, names } = parseWasm(buf);
  const { table, dataBytes } = symbolTable();
  const groups = new Map();
  const entry = (group) => groups.get(group) ?? groups.set(group, { code: [], data: dataBytes.get(group) ?? 0 }).get(group);
  for (const { index, bytes } of bodies) {
    const name = names.get(index) ?? `#${index}`;
    entry(table.get(name) ?? table.get(name.replace(/\(.*$/, '')) ?? 'libc / libc++ / emscripten runtime').code.push(bytes);
  }
  for (const group of dataBytes.keys()) entry(group);
  console.log(`kiln.wasm with names: ${kib(buf.length)} (${kib(gzipSync(buf, { level: 9 }).length)} gzip)\n`);
  console.log('| section | bytes |\n| --- | --- |');
  for (const s of sections) console.log(`| ${s.label} | ${kib(s.size)} |`);
  const rows = [...groups].map(([group, g]) => {
    const code = Buffer.concat(g.code);
    return { group, funcs: g.code.length, code: code.length, codeGzip: code.length ? gzipSync(code, { level: 9 }).length : 0, data: g.data };
  }).sort((a, b) => b.code + b.data - (a.code + a.data));
  console.log('\n| group | functions | code | code gzip (alone) | data (pre-link) |\n| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.group} | ${r.funcs} | ${kib(r.code)} | ${kib(r.codeGzip)} | ${kib(r.data)} |`);
}

main();
