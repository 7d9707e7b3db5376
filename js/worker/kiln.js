// Runs requests through the wasm runtime: JS Request -> encoded request ->
// C++/Ruby -> encoded response -> JS Response. While a request's fiber is
// parked on Kiln.await, other requests run; the one await loop lives here.
import { decode, decodeResponse, encode, encodeRequest } from './codec.js';
import { Drive, failure, operationTable, perform } from './operations.js';
import { AWAIT, BROKEN, DONE, FAILED, callWasm } from './wasm.js';

// A Ruby String that crossed as bytes (not UTF-8) as text.
const text = (s) => (typeof s === 'string' ? s : new TextDecoder().decode(s));

// The one 500 page (src/core/response.h kInternalErrorPage, which Ruby and
// the runtime send), for when the runtime itself failed: a run it gave up,
// or an app that did not boot (js/worker/entry.js).
export const INTERNAL_ERROR = Object.freeze({ type: 'text/html;charset=utf-8', body: '<h1>Internal Server Error</h1>', nosniff: 'nosniff' });
export const internalError = () => new Response(INTERNAL_ERROR.body, {
  status: 500, headers: { 'content-type': INTERNAL_ERROR.type, 'x-content-type-options': INTERNAL_ERROR.nosniff },
});

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
  static async create(options) {
    const started = performance.now();
    const kiln = new Kiln(options);
    await kiln.#instantiate(started);
    return kiln;
  }

  constructor(options) {
    this.options = options;
    this.printErr = options.printErr ?? console.error;
    this.module = null;
    // A promise while a fresh instance replaces a broken one (#broken).
    this.replacing = null;
  }

  // A wasm instance with the app booted in it, and what Kiln reads from the
  // app once after it loaded (its limits).
  async #instantiate(started = performance.now()) {
    this.booting = true;
    try {
      await this.#boot(started);
    } finally {
      this.booting = false;
    }
  }

  async #boot(started) {
    const { createKiln, wasmModule, bundle, vars = {}, bindings = {}, operations, preload, print = console.log, printErr = console.error } = this.options;
    const module = await createKiln({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance));
        return {};
      },
      locateFile: (path) => path,
      print: (line) => print(line),
      printErr: (line) => printErr(line),
    });
    const instantiated = performance.now();
    // this.* only once the app has booted: a fresh VM that fails to boot
    // leaves no half-booted instance behind (#ready then refuses).
    const table = operationTable(bindings, operations?.(module, this));
    const boot = this.#call(module, '_kiln_boot', null, new Uint8Array(bundle), encode({ vars, bindings, ...(preload ? { preload } : {}) }));
    if (boot.kind !== DONE) throw new BootError(new TextDecoder().decode(boot.payload));
    this.operations = table;
    this.module = module;
    // The split bench/run reports: wasm instantiate vs mruby boot + app load.
    const booted = performance.now();
    this.timing = { instantiateMs: instantiated - started, vmBootMs: booted - instantiated };
    this.bootMs = booted - started;
  }

  // What the app decided that JS enforces: set :max_body_size
  // (ruby/kiln/sinatra/middleware.rb, its one source), read once, at the
  // first request: not at boot, since the early boot runs at the Worker's
  // top level, where the first event's seeding of rand may not draw random
  // values. The same for every VM of this app (a fresh one included).
  limits() {
    return (this.limitsRead ??= this.event({ type: 'limits' }).catch((e) => {
      this.printErr(`kiln: cannot read the app's limits (${e.message}); bodies are limited by Ruby alone`);
      return { max_body_size: null };
    }));
  }

  // A call threw out of wasm (or the C++ side gave up on mruby's state): the
  // instance is not used again. A fresh one boots the app again; requests
  // arriving meanwhile wait for it, and requests parked on the old one fail
  // when they resume (#run checks the instance they started on).
  #broken(module, message) {
    // A boot that breaks is a boot error, not a loop of fresh VMs.
    if (this.booting || this.module !== module) return;
    this.printErr(`kiln: the runtime failed (${message}); starting a fresh VM`);
    this.module = null;
    this.replacing = this.#instantiate().finally(() => { this.replacing = null; });
    this.replacing.catch((e) => this.printErr(`kiln: the fresh VM failed to boot: ${e.message}`));
  }

  // Resolves once a VM can take a call. The caller calls into it in the
  // same turn (another request may break it at any await).
  async #ready() {
    while (this.replacing || !this.module) {
      if (!this.replacing) throw new Error('kiln: no VM (a fresh one failed to boot)');
      await this.replacing.catch(() => {});
    }
  }

  // The request's body as the app gets it, or {over: bytes} when it is
  // larger than max_body_size: refused on its Content-Length before any of
  // it is read, and a body without one (chunked) read with a running count
  // and cancelled once past the limit, so the isolate never holds more than
  // the limit of a body the app will not get.
  async #readBody(request) {
    if (!request.body) return { body: null };
    const limit = (await this.limits()).max_body_size ?? null;
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (limit !== null && declared > limit) {
      request.body.cancel().catch(() => {});
      return { over: declared };
    }
    const reader = request.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (limit !== null && total > limit) {
        reader.cancel().catch(() => {});
        return { over: total };
      }
      chunks.push(value);
    }
    if (chunks.length === 1) return { body: chunks[0] };
    const body = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { body.set(c, at); at += c.length; }
    return { body };
  }

  // context: { env, ctx } handed to operations (bindings need them); inside
  // a Durable Object also { durableObject: {className, id, state} }.
  async fetch(request, context = {}) {
    const { body = null, over } = await this.#readBody(request);
    const d = context.durableObject;
    // A refused body reaches Ruby as its size alone: the 413 is the app's
    // (ruby/kiln/sinatra/middleware.rb body_too_large).
    const extra = d || over ? { ...(d && { 'kiln.durable_object': { class: d.className, id: d.id } }), ...(over && { 'kiln.body_too_large': over }) } : null;
    const input = encodeRequest(request.method, request.url, request.headers, body, extra);
    while (this.replacing || !this.module) await this.#ready();
    const started = this.#call(this.module, '_kiln_start', null, input);
    // Most requests finish without awaiting anything: no loop, and no
    // stream can have opened (stream_open is an await).
    if (started.kind !== AWAIT) return this.#respond(started, request, body, context);
    // A streaming route (ruby/kiln/sinatra/stream.rb) or a WebSocket one
    // (websocket!) answers before its fiber ends: its stream_open or
    // websocket accept operation calls respond, and the loop runs on; the
    // stream (or socket) is closed when the fiber ends.
    let streamed = null;
    const opened = new Promise((resolve) => {
      context = { ...context, respond: (stream, response) => resolve(streamed = { stream, response }) };
    });
    const running = this.#run(started, context);
    const first = await Promise.race([running, opened]);
    if (first === streamed) {
      // The fiber writes the body (or talks on the socket) from here on; keep
      // the request alive until it ends (also after a client disconnect, so
      // the fiber always ends).
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
    if (step.kind === FAILED || step.kind === BROKEN) {
      // A run the runtime gave up (an abandoned runaway, a runtime bug, an
      // instance that broke: #broken replaces it).
      return this.#fail(new TextDecoder().decode(step.payload));
    }
    const { status, headers, body: bytes, extras } = decodeResponse(step.payload);
    if (extras) {
      // wait_until blocks run after the response, kept alive by waitUntil.
      if (extras.background != null) this.#keepAlive(this.event({ type: 'background', id: extras.background }, context), context);
      // accept_web_socket in a Durable Object: its accept_hibernatable op
      // left the 101 with the client end here (js/worker/bindings/websocket.js).
      if (extras.websocket) {
        if (context.upgrade) return context.upgrade(new Headers(headers));
        return this.#fail('a 101 response without accept_web_socket');
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
    while (this.replacing || !this.module) await this.#ready();
    const step = await this.#run(this.#call(this.module, '_kiln_event', null, encode(event)), context);
    if (step.kind === FAILED || step.kind === BROKEN) throw new Error(new TextDecoder().decode(step.payload));
    const [ok, value] = decode(step.payload);
    if (!ok) throw new Error(`${text(value.name)}: ${text(value.message)}`);
    return value;
  }

  // The one await loop: perform each operation the fiber parks on, resume it
  // with the outcome, until it finishes (or, with until, until it parks on
  // an op until(name, args) accepts: a Drive's inner loop).
  async #run(step, context, until = null, module = this.module) {
    while (step.kind === AWAIT) {
      let outcome;
      try {
        const [name, args] = decode(step.payload);
        if (until?.(name, args)) return step;
        const value = await perform(name, args, context, this.operations);
        if (value instanceof Drive) {
          step = await value.run(this.#driver(context), step);
          continue;
        }
        outcome = [true, value];
      } catch (e) {
        outcome = [false, failure(e)];
      }
      // Its ids mean nothing to a fresh instance.
      if (this.module !== module) return { kind: FAILED, request: step.request, payload: new TextEncoder().encode('the VM was replaced while this request awaited') };
      step = this.#call(module, '_kiln_resume', step.request, encode(outcome));
    }
    return step;
  }

  // What a Drive (js/worker/operations.js) gets to run the fiber itself.
  #driver(context) {
    return {
      // [name, args] the step awaits, or null once the fiber has ended.
      awaits: (step) => (step.kind === AWAIT ? decode(step.payload) : null),
      resume: (step, outcome) => this.#call(this.module, '_kiln_resume', step.request, encode(outcome)),
      run: (step, until) => this.#run(step, context, until),
    };
  }

  #keepAlive(promise, context) {
    const logged = promise.catch((e) => console.error(`kiln: background work failed: ${e.message}`));
    if (context.ctx?.waitUntil) context.ctx.waitUntil(logged);
    else (this.background ??= []).push(logged);
  }

  // One call into an instance (js/worker/wasm.js: the ABI, copies in and
  // out): name is its export; a broken instance is replaced.
  #call(module, name, id, ...inputs) {
    const step = callWasm(module, module[name], id, ...inputs);
    if (step.kind === BROKEN) this.#broken(module, new TextDecoder().decode(step.payload));
    return step;
  }
}
