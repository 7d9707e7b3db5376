// `kiln request APP_FILE METHOD PATH ...`: builds the app (incrementally),
// runs one request through the wasm runtime under node and describes the
// response as one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import { build } from '../build/build.js';
import { loadApp } from '../../node/load_app.js';

export class UsageError extends Error {}

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

// argv after `request` -> { appFile, method, path, query, headers, body, env, fresh }
export function parseRequestArgs(argv) {
  const positional = [];
  const opts = { headers: [], env: 'development', query: null, body: null, fresh: false };
  const value = (i, flag) => {
    if (i >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-q' || arg === '--query') opts.query = value(++i, arg);
    else if (arg === '-H' || arg === '--header') {
      const header = value(++i, arg);
      const colon = header.indexOf(':');
      if (colon < 1) throw new UsageError(`-H expects 'Name: value', got '${header}'`);
      opts.headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (arg === '-d' || arg === '--data') opts.body = setBody(opts.body, Buffer.from(value(++i, arg), 'utf8'));
    else if (arg === '--data-file') {
      const file = value(++i, arg);
      if (!fs.existsSync(file)) throw new UsageError(`--data-file: no such file ${file}`);
      opts.body = setBody(opts.body, fs.readFileSync(file));
    } else if (arg === '-e' || arg === '--env') opts.env = value(++i, arg);
    else if (arg === '--fresh') opts.fresh = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length !== 3) throw new UsageError('expected APP_FILE METHOD PATH');
  const [appFile, method, target] = positional;
  if (!target.startsWith('/')) throw new UsageError(`PATH must start with '/', got '${target}'`);
  return { ...opts, appFile, method: method.toUpperCase(), path: target };
}

function setBody(previous, bytes) {
  if (previous) throw new UsageError('give the body once: -d or --data-file');
  return bytes;
}

// A Request as a client would send it: the URL's host is the Host header
// (default localhost), a body without Content-Type is a form, like curl -d.
export function makeRequest({ method, path: target, query, headers, body }) {
  if (body && NO_BODY_METHODS.has(method)) throw new UsageError(`a ${method} request cannot have a body`);
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] || 'localhost';
  let url = `http://${host}${target}`;
  if (query) url += (target.includes('?') ? '&' : '?') + query;
  const h = new Headers();
  for (const [name, value] of headers) h.append(name, value);
  if (body && !h.has('content-type')) h.set('content-type', 'application/x-www-form-urlencoded');
  return new Request(url, { method, headers: h, body });
}

// { status, headers: {lower-case name: value}, body | body_base64 }; the
// values of a repeated Set-Cookie are joined with "\n", as Rack does.
export async function describeResponse(response) {
  const headers = {};
  for (const [name, value] of response.headers) {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie().join('\n') : value;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const out = { status: response.status, headers };
  try {
    out.body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    out.body_base64 = Buffer.from(bytes).toString('base64');
  }
  return out;
}

// Builds APP_FILE (its directory is the app directory) and answers one
// request. BuildError / BootError propagate: the app could not run.
export async function runRequest(opts, { stderr = (line) => console.error(line) } = {}) {
  const appFile = path.resolve(opts.appFile);
  const appDir = path.dirname(appFile);
  const main = path.basename(appFile);
  const request = makeRequest(opts);
  const { outDir } = build(appDir, { main, log: null });
  // The app's own output goes to stderr: stdout carries only the JSON line.
  // KV, D1 and R2 bindings are emulated on SQLite in APP_DIR/.kiln (kept across runs).
  const app = await loadApp(appDir, { outDir, vars: { KILN_ENV: opts.env }, print: stderr, printErr: stderr, fresh: opts.fresh });
  return describeResponse(await app.fetch(request));
}
