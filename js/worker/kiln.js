// Runs requests through the wasm runtime: JS Request -> encoded request ->
// C++/Ruby -> encoded response -> JS Response. While a request's fiber is
// parked on Kiln.await, other requests run; the one await loop lives here.
import { decode, decodeResponse, encode, encodeRequest } from './codec.js';
import { operationTable, perform } from './operations.js';
import { AWAIT, FAILED, callWasm } from './wasm.js';

// A Ruby String that crossed as bytes (not UTF-8) as text.
const text = (s) => (typeof s === 'string' ? s : new TextDecoder().decode(s));

// The one 500 page (src/core/response.h kInternalErrorPage, which Ruby and
// the runtime send), for when the runtime itself failed: a run it gave up,
// or an app that did not boot (js/worker/entry.js).
export const INTERNAL_ERROR = Object.freeze({ type: 'text/html;charset=utf-8', body: '<h1>Internal Server Error</h1>' });
export const internalError = () => new Response(INTERNAL_ERROR.body, { status: 500, headers: { 'content-type': INTERNAL_ERROR.type } });

export class BootError extends Error {
  constructor(message) { super(message); this.name = 'BootError'; }
}

export class Kiln {
  // wasmModule: a compiled WebAssembly.Module; createKiln: the factory from
  // kiln.mjs; bundle: the app's bytecode (app.kbc); vars: wrangler [vars];
  // bindings: {NAME: kind} (js/worker/bindings/kinds.js), decided once here:
  // the op table checks every binding call against them; print/printErr:
  // where the app's output lines go; operations(module): extra operations
  // answered by the instance itself (the node emulation of bindings), given
  // the module and this Kiln (emulated Durable Objects run on it);
  // preload: bundle paths run before the main file (kiln test's DSL).
  static async create({ createKiln, wasmModule, bundle, vars = {}, bindings = {}, operations, preload, print = console.log, printErr = console.error }) {
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
    kiln.printErr = printErr;
    const instantiated = performance.now();
    kiln.operations = operationTable(bindings, operations?.(module, kiln));
    const boot = kiln.#call(module._kiln_boot, null, new Uint8Array(bundle), encode({ vars, bindings, ...(preload ? { preload } : {}) }));
    if (boot.kind === FAILED) throw new BootError(new TextDecoder().decode(boot.payload));
    const booted = performance.now();
    kiln.bootMs = booted - started;
    // The split bench/run reports: wasm instantiate vs mruby boot + app load.
    kiln.timing = { instantiateMs: instantiated - started, vmBootMs: booted - instantiated };
    return kiln;
  }

  constructor(module) {
    this.module = module;
    this.printErr = console.error;
  }

  // context: { env, ctx } handed to operations (bindings need them); inside
  // a Durable Object also { durableObject: {className, id, state} }.
  async fetch(request, context = {}) {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const d = context.durableObject;
    const extra = d ? { 'kiln.durable_object': { class: d.className, id: d.id } } : null;
    const input = encodeRequest(request.method, request.url, request.headers, body, extra);
    const started = this.#call(this.module._kiln_start, null, input);
    // Most requests finish without awaiting anything: no loop, and no
    // stream can have opened (stream_open is an await).
    if (started.kind !== AWAIT) return this.#respond(started, request, body, context);
    // A streaming route (ruby/kiln/sinatra/stream.rb) answers before its fiber ends:
    // its stream_open operation calls respond, and the loop runs on.
    let streamed = null;
    const opened = new Promise((resolve) => {
      context = { ...context, respond: (stream, response) => resolve(streamed = { stream, response }) };
    });
    const running = this.#run(started, context);
    const first = await Promise.race([running, opened]);
    if (first === streamed) {
      // The fiber writes the body from here on; keep the request alive until
      // it ends (also after a client disconnect, so the fiber always ends).
      this.#keepAlive(running.then((step) => {
        streamed.stream.close();
        this.#respond(step, request, body, context);
      }), context);
      return streamed.response;
    }
    return this.#respond(first, request, body, context);
  }

  // The Response for a finished request's step (ignored after a stream).
  #respond(step, request, body, context) {
    if (step.kind === FAILED) {
      // A run the runtime gave up (an abandoned runaway, a runtime bug).
      return this.#fail(new TextDecoder().decode(step.payload));
    }
    const { status, headers, body: bytes, extras } = decodeResponse(step.payload);
    if (extras) {
      // wait_until blocks run after the response, kept alive by waitUntil.
      if (extras.background != null) this.#keepAlive(this.event({ type: 'background', id: extras.background }, context), context);
      // accept_web_socket in a Durable Object: the JS side owns the socket.
      if (extras.websocket) {
        if (context.acceptWebSocket) return context.acceptWebSocket(new Headers(headers));
        return this.#fail('accept_web_socket: WebSockets are accepted in a Durable Object on workerd only (kiln dev)');
      }
      if (extras.forward) return this.#forward(extras.forward, request, body, context);
    }
    // Exactly what Ruby decided (Response#finish): a null body is no body
    // (HEAD, 204...), which `new Response` requires for those statuses. The
    // pairs as they are: Response builds its Headers from them once.
    return new Response(bytes, { status, headers });
  }

  // forward_to(stub): the Durable Object answers this request itself. Under
  // node the emulation's own stubs (this.stub) stand in for env's.
  #forward({ namespace, id, path }, request, body, context) {
    const ns = context.env?.[namespace];
    const stub = ns ? ns.get(ns.idFromString(id)) : this.stub?.(namespace, id);
    if (!stub) return this.#fail(`forward_to: no Durable Object namespace ${namespace}`);
    const target = path ? new URL(path, request.url).href : request.url;
    return stub.fetch(new Request(target, { method: request.method, headers: request.headers, body }));
  }

  // The one 500, logged where the app's own errors go.
  #fail(message) {
    this.printErr(`kiln: ${message}`);
    return internalError();
  }

  // Runs a non-HTTP event ({type: 'scheduled' | 'queue' | 'background', ...})
  // and returns the handler's value; a handler error rejects. The fiber
  // answers [true, value] or [false, {name, message}] (ruby/kiln/boot/entry.rb
  // event_fiber), as an await's outcome.
  async event(event, context = {}) {
    const step = await this.#run(this.#call(this.module._kiln_event, null, encode(event)), context);
    if (step.kind === FAILED) throw new Error(new TextDecoder().decode(step.payload));
    const [ok, value] = decode(step.payload);
    if (!ok) throw new Error(`${text(value.name)}: ${text(value.message)}`);
    return value;
  }

  // The one await loop: perform each operation the fiber parks on, resume it
  // with the outcome, until it finishes.
  async #run(step, context) {
    while (step.kind === AWAIT) {
      let outcome;
      try {
        const [name, args] = decode(step.payload);
        outcome = [true, await perform(name, args, context, this.operations)];
      } catch (e) {
        outcome = [false, { name: e?.name ?? 'Error', message: String(e?.message ?? e) }];
      }
      step = this.#call(this.module._kiln_resume, step.request, encode(outcome));
    }
    return step;
  }

  #keepAlive(promise, context) {
    const logged = promise.catch((e) => console.error(`kiln: background work failed: ${e.message}`));
    if (context.ctx?.waitUntil) context.ctx.waitUntil(logged);
    else (this.background ??= []).push(logged);
  }

  // One call into the instance (js/worker/wasm.js: the ABI, copies in and out).
  #call(fn, id, ...inputs) {
    return callWasm(this.module, fn, id, ...inputs);
  }
}
