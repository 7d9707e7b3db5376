// `kiln request APP_FILE METHOD PATH ...`: builds the app (incrementally),
// runs one request through the wasm runtime under node and describes the
// response as one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandArgs, UsageError } from '../args.js';

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

const OPTIONS = {
  query: { type: 'string', short: 'q', arg: 'QUERY', help: "the query string, without '?' (PATH may hold ?query too)" },
  header: {
    type: 'string', short: 'H', arg: "'Name: value'", multiple: true,
    help: 'a request header (repeatable); Host sets the URL\'s host (default localhost; the scheme is http)',
  },
  data: { type: 'string', short: 'd', arg: 'BODY', multiple: true, help: 'the request body (a form unless -H sets Content-Type)' },
  'data-file': { type: 'string', arg: 'FILE', multiple: true, help: 'the request body, read from FILE as bytes' },
  env: { type: 'string', short: 'e', arg: 'ENVIRONMENT', help: 'KILN_ENV for the app (default development)' },
  ws: {
    type: 'string', arg: 'MESSAGE', multiple: true,
    help: 'upgrade to a WebSocket (emulated), send MESSAGE as a text frame (repeatable, in order), then report what the app sent back and close',
  },
  fresh: {
    type: 'boolean',
    help: 'wipe APP_DIR/.kiln first: the state of the KV, D1, R2, Durable Object and Queue bindings of the configuration, emulated on SQLite offline',
  },
};

// parseCommandArgs' result -> { appFile, method, path, query, headers, body, env, fresh }
export function requestOptions({ positionals, values }) {
  const headers = (values.header ?? []).map((header) => {
    const colon = header.indexOf(':');
    if (colon < 1) throw new UsageError(`-H expects 'Name: value', got '${header}'`);
    return [header.slice(0, colon).trim(), header.slice(colon + 1).trim()];
  });
  const bodies = [...(values.data ?? []).map((d) => Buffer.from(d, 'utf8')), ...(values['data-file'] ?? []).map((file) => {
    if (!fs.existsSync(file)) throw new UsageError(`--data-file: no such file ${file}`);
    return fs.readFileSync(file);
  })];
  if (bodies.length > 1) throw new UsageError('give the body once: -d or --data-file');
  if (positionals.length !== 3) throw new UsageError('expected APP_FILE METHOD PATH');
  const [appFile, method, target] = positionals;
  if (!target.startsWith('/')) throw new UsageError(`PATH must start with '/', got '${target}'`);
  return {
    appFile, method: method.toUpperCase(), path: target, query: values.query ?? null, headers,
    body: bodies[0] ?? null, env: values.env ?? 'development', fresh: Boolean(values.fresh), ws: values.ws ?? null,
  };
}

// argv after `request` -> requestOptions
export const parseRequestArgs = (argv) => requestOptions(parseCommandArgs(argv, OPTIONS));

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
export async function describeResponse(response, upgrade = null) {
  if (upgrade) return { status: 101, headers: Object.fromEntries(upgrade.headers) };
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
// request. BuildError / BootError propagate: the app could not run. The
// build and the runtime are imported here, not at the top: `kiln --help`
// loads neither.
export async function runRequest(opts, { stderr = (line) => console.error(line) } = {}) {
  const appFile = path.resolve(opts.appFile);
  const appDir = path.dirname(appFile);
  const main = path.basename(appFile);
  if (opts.ws) opts = { ...opts, headers: [...opts.headers, ['upgrade', 'websocket'], ['connection', 'Upgrade']] };
  const request = makeRequest(opts);
  const [{ build }, { loadApp }, { ClientSocket, upgraded }] = await Promise.all([
    import('../build/build.js'), import('../../node/load_app.js'), import('../../node/bindings/websocket.js'),
  ]);
  const { outDir } = build(appDir, { main, log: null });
  // The app's own output goes to stderr: stdout carries only the JSON line.
  // The bindings are emulated on SQLite in APP_DIR/.kiln (kept across runs).
  const app = await loadApp(appDir, { outDir, vars: { KILN_ENV: opts.env }, print: stderr, printErr: stderr, fresh: opts.fresh });
  const response = await app.fetch(request);
  const upgrade = upgraded(response);
  const out = await describeResponse(response, upgrade);
  if (upgrade && opts.ws) Object.assign(out, await talk(new ClientSocket(upgrade.webSocket), opts.ws));
  return out;
}

// --ws: sends each message (once the app's handler for the previous one
// ran), takes what arrives until 200 ms pass quietly, then closes.
async function talk(client, messages) {
  const received = [];
  const take = async () => {
    for (let m; (m = await client.next(200)) !== null;) received.push(typeof m === 'string' ? m : { base64: Buffer.from(m).toString('base64') });
  };
  for (const m of messages) {
    if (client.closed) break;
    await client.send(m);
  }
  await take();
  if (!client.closed) await client.close(1000, '');
  return { messages: received, close: [client.closeCode, client.closeReason ?? ''] };
}

export const command = {
  name: 'request',
  summary: 'run one request through the app offline, print JSON',
  usage: `request APP_FILE METHOD PATH [-q QUERY] [-H 'Name: value']...
        [-d BODY | --data-file FILE] [--ws MESSAGE]... [-e ENVIRONMENT] [--fresh]`,
  description: `
Builds APP_FILE (incrementally; its directory is the app directory, the
build goes to APP_DIR/build/ for app.rb, APP_DIR/build/<name>/ otherwise),
runs one request through the same wasm runtime under node (no workerd) and
prints one line of JSON:

  {"status":200,"headers":{"content-type":"text/html;charset=utf-8"},"body":"..."}

Header names are lower-case; a repeated Set-Cookie is joined with "\\n".
A body that is not valid UTF-8 is given as "body_base64" instead of "body".
The app's own output (puts, logs) goes to stderr. With --ws the request
is a WebSocket upgrade; an upgraded one is reported as status 101 with the
messages the app sent (binary ones as {"base64": ...}) and the close code:

  {"status":101,"headers":{...},"messages":["echo: hi"],"close":[1000,""]}`,
  options: OPTIONS,
  footer: `
Exits 0 when the app answered (a 500 included), 1 when it cannot be built
or loaded (the reason on stderr, with file:line), 2 on a usage error.`,
  async run(args) {
    console.log(JSON.stringify(await runRequest(requestOptions(args))));
    return 0;
  },
};
