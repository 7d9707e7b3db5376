// WebSockets under node: the platform js/worker/bindings/websocket.js runs on
// offline (kiln test, kiln request, loadApp), emulated in memory. What it
// stands in for, and how:
//   - WebSocketPair: two EmulatedWebSocket ends; a message is delivered to
//     the other end asynchronously, and send() returns a promise of "the
//     receiver's handler ran" (the test DSL's send_text waits on it).
//   - The 101: undici's Response refuses status 101, so an upgrade is a
//     bodiless Response remembered here (upgraded(response) finds its client
//     end); forward_to passes the very object through.
//   - workerd's limits: a message over 32 MiB closes the socket with 1009;
//     an attachment over 16 KiB (V8-serialized) throws workerd's message.
//   - A Durable Object's hibernation API (hibernatableState): accepted
//     sockets, tags, auto-responses, and events delivered one at a time per
//     object, as workerd's input gate does (a handler's exception leaves the
//     socket open, as there); the object's Ruby instance may be
//     dropped between them (kiln test's hibernate!).
import v8 from 'node:v8';
import { replyToClose, socketEvent, websocketOp } from '../../worker/bindings/websocket.js';

// workerd's limits, as wrangler dev's workerd enforces them (measured by
// tests/conformance: the docs' older figures were 1 MiB and 2 KiB).
export const MAX_MESSAGE = 32 << 20;         // a received message
export const MAX_ATTACHMENT = 16384;         // MAX_ATTACHMENT_SIZE, V8-serialized
const MAX_TAGS = 10, MAX_TAG_LENGTH = 256;   // acceptWebSocket's

const size = (data) => (typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
const copy = (data) => (typeof data === 'string' ? data : new Uint8Array(data).slice());
const event = (type, props) => Object.assign(new Event(type), props);

export class EmulatedWebSocket extends EventTarget {
  constructor() {
    super();
    this.peer = null;
    this.accepted = false;  // server ends: events wait for accept() / acceptWebSocket
    this.held = [];         // [deliver] until then
    this.sentClose = false;
    this.gotClose = false;
    this.attachment = v8.serialize(null);
    this.owner = null;      // the hibernatableState that accepted it
    this.inbox = Promise.resolve();
  }

  get readyState() { return this.sentClose && this.gotClose ? 3 : this.sentClose || this.gotClose ? 2 : 1; }

  accept() { this.#open(); }

  #open() {
    this.accepted = true;
    for (const deliver of this.held.splice(0)) deliver();
  }

  // Resolves once the receiving end's handler ran (or the frame was dropped).
  send(data) {
    if (this.sentClose) throw new TypeError("Can't call WebSocket send() after close().");
    if (size(data) > MAX_MESSAGE) {
      // The receiver refuses it, as workerd's does: 1009, and an error there.
      const peer = this.peer;
      return peer.#arrive(() => {
        const closed = peer.#error(new Error(`Message is too large: ${size(data)} bytes`));
        try { peer.close(1009, 'Message is too large'); } catch { /* closed */ }
        return closed;
      });
    }
    return this.peer.#arrive(() => this.peer.#message(copy(data)));
  }

  close(code = 1000, reason = '') {
    if (this.sentClose) return Promise.resolve();
    this.sentClose = true;
    return this.peer.#arrive(() => this.peer.#closed(code, reason));
  }

  serializeAttachment(value) {
    const bytes = v8.serialize(value);
    if (bytes.length > MAX_ATTACHMENT) {
      throw new Error(`A WebSocket 'attachment' cannot be larger than ${MAX_ATTACHMENT} bytes.'attachment' was ${bytes.length} bytes.`);
    }
    this.attachment = bytes;
  }

  deserializeAttachment() { return v8.deserialize(this.attachment); }

  // A frame for this end: after the current JS turn, in order (each waits
  // for the previous one's handler, as one connection's frames do), and
  // held until this end is accepted (workerd buffers them meanwhile).
  #arrive(deliver) {
    return new Promise((resolve) => {
      const run = () => { this.inbox = this.inbox.then(deliver).then(resolve, resolve); };
      if (this.accepted) run(); else this.held.push(run);
    });
  }

  #message(data) {
    if (this.gotClose) return undefined;
    if (this.owner) return this.owner.message(this, data);
    return new Promise((handled) => this.dispatchEvent(event('message', { data, handled })));
  }

  #closed(code, reason) {
    if (this.gotClose) return undefined;
    this.gotClose = true;
    if (this.owner) return this.owner.closed(this, code, reason);
    return new Promise((handled) => { this.dispatchEvent(event('close', { code, reason, wasClean: true, handled })); handled(); });
  }

  #error(error) {
    if (this.owner) return this.owner.error(this, error);
    this.dispatchEvent(event('error', { error, message: error.message }));
    return undefined;
  }

  // acceptWebSocket: this end's events go to the object from now on.
  adopt(owner) {
    this.owner = owner;
    this.#open();
  }
}

export function emulatedPair() {
  const client = new EmulatedWebSocket(), server = new EmulatedWebSocket();
  client.peer = server;
  server.peer = client;
  return [client, server];  // the client end's frames wait for its listener (ClientSocket)
}

// Upgrade responses: Response -> {webSocket, headers}.
const upgrades = new WeakMap();
export const upgraded = (response) => upgrades.get(response) ?? null;

export const emulatedPlatform = {
  pair: emulatedPair,
  upgrade(client, headers) {
    const response = new Response(null, { status: 200, headers });
    upgrades.set(response, { webSocket: client, status: 101, headers: new Headers(headers) });
    return response;
  },
  autoResponse: (request, response) => ({ request, response }),
  // Outbound sockets need a client: node's own (node 22+) or the ws package.
  async connect(url, headers) {
    const Client = globalThis.WebSocket ?? (await import('ws').catch(() => null))?.WebSocket;
    if (!Client) throw new Error('Kiln::WebSocket.connect offline needs node 22 or the ws package');
    const ws = new Client(url, globalThis.WebSocket ? undefined : { headers });
    ws.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', (e) => reject(new Error(`WebSocket connect to ${url}: ${e.message ?? 'error'}`)), { once: true });
    });
    return ws;
  },
};

export const websocket = websocketOp(emulatedPlatform);

// A Durable Object's hibernation API (ctx.acceptWebSocket and friends) for
// one object. deliver(type, ws, payload) runs the Ruby event (a promise).
export function hibernatableState(deliver) {
  const sockets = new Map();  // ws -> tags
  let auto = null;
  let gate = Promise.resolve();
  // One event at a time per object. A failing handler's exception is
  // logged by the runtime (ruby/kiln/boot/entry.rb) and the socket stays
  // open, as on workerd; the error goes to the sender's send() (kiln test
  // raises it in the test).
  const serialized = (ws, type, payload) => {
    const run = gate.then(() => deliver(type, ws, payload)).catch((e) => e);
    gate = run;
    return run;
  };
  return {
    acceptWebSocket(ws, tags = []) {
      if (tags.length > MAX_TAGS) throw new RangeError(`a WebSocket cannot have more than ${MAX_TAGS} tags`);
      for (const t of tags) if (t.length > MAX_TAG_LENGTH) throw new RangeError(`a WebSocket tag cannot be longer than ${MAX_TAG_LENGTH} characters`);
      sockets.set(ws, [...tags]);
      ws.adopt(this);
    },
    getWebSockets(tag) {
      return [...sockets].filter(([ws, tags]) => ws.readyState !== 3 && (tag === undefined || tags.includes(tag))).map(([ws]) => ws);
    },
    getTags: (ws) => sockets.get(ws) ?? [],
    setWebSocketAutoResponse(pair) { auto = pair ?? null; },
    getWebSocketAutoResponse: () => auto,
    // Events from EmulatedWebSocket (as workerd's JS class gets them, js/worker/entry.js).
    message(ws, data) {
      if (auto && data === auto.request) { ws.send(auto.response); return undefined; }
      return serialized(ws, 'do_ws_message', { message: data });
    },
    closed(ws, code, reason) {
      return serialized(ws, 'do_ws_close', { code, reason, clean: true }).then(() => {
        replyToClose(ws, code, reason);
        sockets.delete(ws);
      });
    },
    error(ws, error) {
      return serialized(ws, 'do_ws_error', { error: error.message }).then(() => sockets.delete(ws));
    },
    socketEvent: (ws) => socketEvent(ws, { getTags: (w) => sockets.get(w) ?? [] }),
    closeAll() {
      for (const ws of sockets.keys()) { try { ws.close(1001, 'Going Away'); } catch { /* closed */ } }
      sockets.clear();
      auto = null;
    },
  };
}

// A client for an upgrade (tests, loadApp().webSocket): messages queue until
// next() takes them; send() resolves once the server's handler ran.
export class ClientSocket {
  constructor(ws) {
    this.ws = ws;
    this.queue = [];
    this.waiters = [];
    this.closeCode = null;
    this.closeReason = null;
    ws.addEventListener('message', (e) => { this.queue.push(e.data); e.handled?.(); this.#wake(); });
    ws.addEventListener('close', (e) => {
      this.closeCode ??= e.code;
      this.closeReason ??= e.reason;
      replyToClose(ws, e.code, e.reason);
      this.#wake();
    });
    ws.accept?.();  // what the app sent before the 101 arrives now
  }

  #wake() { for (const w of this.waiters.splice(0)) w(); }

  get closed() { return this.closeCode !== null; }

  send(data) { return this.ws.send(data); }

  // The next message (string or Uint8Array); null once closed or after timeout ms.
  async next(timeout = 1000) {
    const deadline = Date.now() + timeout;
    while (!this.queue.length && !this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise((resolve) => { const t = setTimeout(resolve, left); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
    return this.queue.length ? this.queue.shift() : null;
  }

  // Closes and waits for the server's answer (its web_socket_close ran).
  async close(code = 1000, reason = '') {
    if (this.ws.sentClose) return;
    await this.ws.close(code, reason);
    this.closeCode ??= code;
    this.closeReason ??= reason;
  }
}
