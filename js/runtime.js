// Runs requests through the wasm runtime: JS Request -> encoded request ->
// C++/Ruby -> encoded response -> JS Response. While a request's fiber is
// parked on Kiln.await, other requests run; the one await loop lives here.
import { decode, encode, latin1Bytes, latin1String } from './codec.js';
import { perform } from './operations.js';

const DONE = 0, AWAIT = 1, FAILED = 2;
const NULL_BODY = new Set([101, 204, 205, 304]);

export class BootError extends Error {
  constructor(message) { super(message); this.name = 'BootError'; }
}

export class Kiln {
  // wasmModule: a compiled WebAssembly.Module; createKiln: the factory from
  // kiln.mjs; bundle: the app's bytecode (app.kbc); vars: wrangler [vars];
  // print/printErr: where the app's output lines go.
  static async create({ createKiln, wasmModule, bundle, vars = {}, print = console.log, printErr = console.error }) {
    const started = performance.now();
    const module = await createKiln({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance));
        return {};
      },
      locateFile: (path) => path,
      print: (line) => print(line),
      printErr: (line) => printErr(line),
    });
    const kiln = new Kiln(module);
    const boot = kiln.#call(module._kiln_boot, null, new Uint8Array(bundle), encode({ vars }));
    if (boot.kind === FAILED) throw new BootError(new TextDecoder().decode(boot.payload));
    kiln.bootMs = performance.now() - started;
    return kiln;
  }

  constructor(module) {
    this.module = module;
  }

  // context: { env, ctx } handed to operations (bindings need them).
  async fetch(request, context = {}) {
    const headers = [];
    for (const [name, value] of request.headers) headers.push([name, latin1Bytes(value)]);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    let step = this.#call(this.module._kiln_start, null, encode([request.method, request.url, headers, body]));
    while (step.kind === AWAIT) {
      let outcome;
      try {
        const [name, args] = decode(step.payload);
        outcome = [true, await perform(name, args, context)];
      } catch (e) {
        outcome = [false, { name: e?.name ?? 'Error', message: String(e?.message ?? e) }];
      }
      step = this.#call(this.module._kiln_resume, step.request, encode(outcome));
    }
    if (step.kind === FAILED) {
      console.error(`kiln: ${new TextDecoder().decode(step.payload)}`);
      return new Response('<h1>Internal Server Error</h1>', {
        status: 500, headers: { 'content-type': 'text/html;charset=utf-8' },
      });
    }
    const [status, pairs, bytes] = decode(step.payload);
    const out = new Headers();
    for (const [name, value] of pairs) out.append(name, latin1String(value));
    const empty = NULL_BODY.has(status) || request.method === 'HEAD';
    return new Response(empty ? null : bytes, { status, headers: out });
  }

  // Copies the inputs into wasm memory, calls, and copies the result out
  // (the runtime reuses its result buffer on the next call).
  #call(fn, id, ...inputs) {
    const m = this.module;
    const ptrs = inputs.map((bytes) => {
      const ptr = m._malloc(Math.max(bytes.length, 1));
      m.HEAPU8.set(bytes, ptr);
      return [ptr, bytes.length];
    });
    try {
      const args = ptrs.flat();
      const res = id === null ? fn(...args) : fn(id, ...args);
      const [kind, request, data, size] = m.HEAPU32.subarray(res >> 2, (res >> 2) + 4);
      return { kind, request, payload: m.HEAPU8.slice(data, data + size) };
    } finally {
      for (const [ptr] of ptrs) m._free(ptr);
    }
  }
}
