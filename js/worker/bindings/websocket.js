// WebSockets, the `websocket` op (docs/bindings/ops.md) for ruby/kiln/websocket.rb.
// A socket crosses the bridge as an id:
//   - a Worker route's (accept) or an outbound one (connect) is read with
//     `receive`: a Connection here queues its messages, per isolate;
//   - a Durable Object's hibernatable one (accept_hibernatable) carries its id
//     in its attachment ({kiln: id, data}), so it is found again through
//     state.getWebSockets() after hibernation; its messages arrive as events
//     (js/worker/entry.js durableObjectClass, socketEvent below).
// The platform (WebSocketPair, the 101 Response, fetch with Upgrade) is
// workerd's here; offline, js/node/bindings/websocket.js passes its emulated
// one to websocketOp, so both run this same code.

const utf8 = new TextEncoder();
const connections = new Map();  // id -> Connection, while open

export const workerdPlatform = {
  pair: () => Object.values(new WebSocketPair()),
  // The 101 workerd sends with the client end (never `new Response` under node).
  upgrade: (client, headers) => new Response(null, { status: 101, webSocket: client, headers }),
  autoResponse: (request, response) => new WebSocketRequestResponsePair(request, response),
  async connect(url, headers) {
    const response = await fetch(url, { headers: { ...headers, upgrade: 'websocket' } });
    if (!response.webSocket) throw new Error(`WebSocket connect to ${url} failed: HTTP ${response.status}`);
    return response.webSocket;
  },
};

// A message as Ruby gets it: a string (text frame) or bytes (Kiln::Bytes).
const messageValue = (data) => (typeof data === 'string' ? data : new Uint8Array(data));

// A code close() accepts: 1005/1006 (no code, abnormal) are only ever received.
const sendableCode = (code) => (code === 1000 || (code >= 3000 && code <= 4999) || (code >= 1001 && code <= 1014 && code !== 1005 && code !== 1006) ? code : 1000);

// Answers the peer's close frame (unless this end closed first): workerd
// before web_socket_auto_reply_to_close leaves that to the app.
export function replyToClose(ws, code, reason) {
  try { ws.close(sendableCode(code), reason); } catch { /* already closed */ }
}

// A Worker route's or outbound socket: its messages queue until Ruby's
// receive takes them; onTaken (offline) hears when the next one is asked for.
class Connection {
  constructor(ws, id) {
    this.ws = ws;
    this.id = id;
    this.queue = [];
    this.waiters = [];
    this.closed = null;  // [code, reason] once closed
    connections.set(id, this);
    ws.addEventListener('message', (e) => this.#push(messageValue(e.data), e));
    ws.addEventListener('close', (e) => { replyToClose(ws, e.code, e.reason); this.#end(e.code, e.reason); });
    ws.addEventListener('error', () => this.#end(1006, ''));
    ws.accept?.();
  }

  // [message] or [nil, code, reason] once closed.
  receive() {
    this.taken?.();
    this.taken = null;
    if (this.queue.length) return this.#take();
    if (this.closed) return [null, ...this.closed];
    return new Promise((resolve) => this.waiters.push(resolve)).then(() => this.receive());
  }

  #take() {
    const { message, event } = this.queue.shift();
    this.taken = event.handled;  // the emulation's "the handler ran" (js/node/bindings/websocket.js)
    return [message];
  }

  #push(message, event) {
    this.queue.push({ message, event });
    this.#wake();
  }

  #wake() { for (const w of this.waiters.splice(0)) w(); }

  #end(code, reason) {
    if (this.closed) return;
    this.closed = [code, reason ?? ''];
    connections.delete(this.id);
    for (const { event } of this.queue.splice(0)) event.handled?.();
    this.taken?.();
    this.#wake();
  }

  // The route's fiber ended (Kiln#fetch): its socket goes with it.
  close() {
    if (!this.closed) replyToClose(this.ws, 1000, '');
    this.#end(1000, '');
  }
}

// The hibernatable socket with that id in this object (or null).
function hibernated(state, id) {
  return state?.getWebSockets().find((ws) => ws.deserializeAttachment()?.kiln === id) ?? null;
}

// What a Durable Object's WebSocket event says about its socket.
export function socketEvent(ws, state) {
  const a = ws.deserializeAttachment();
  return { ws: a?.kiln ?? null, tags: state.getTags?.(ws) ?? [], attachment: a?.data ?? null };
}

export function websocketOp(platform) {
  const socket = (id, state) => {
    const ws = connections.get(id)?.ws ?? hibernated(state, id);
    if (!ws) throw new Error('that WebSocket is closed');
    return ws;
  };
  return async function websocket([method, ...args], context) {
    const state = context.durableObject?.state;
    switch (method) {
      // websocket!: the 101 goes now (as a stream's head); the fiber runs on.
      case 'accept': {
        if (!context.respond) throw new TypeError('websocket! is only available in an HTTP request');
        const [client, server] = platform.pair();
        const c = new Connection(server, crypto.randomUUID());
        context.respond(c, platform.upgrade(client, args[0] ? { 'sec-websocket-protocol': args[0] } : {}));
        return c.id;
      }
      case 'connect': return new Connection(await platform.connect(args[0], args[1] ?? {}), crypto.randomUUID()).id;
      case 'accept_hibernatable': {
        if (!state?.acceptWebSocket) throw new TypeError('accept_web_socket is only available inside a Durable Object');
        const [tags, attachment] = args;
        const [client, server] = platform.pair();
        const id = crypto.randomUUID();
        state.acceptWebSocket(server, tags ?? []);
        server.serializeAttachment({ kiln: id, data: attachment ?? null });
        // Kiln#respond answers the route's 101 with it (the websocket extra).
        context.upgrade = (headers) => platform.upgrade(client, headers);
        return id;
      }
      case 'receive': {
        const c = connections.get(args[0]);
        if (c) return c.receive();
        if (hibernated(state, args[0])) throw new TypeError('a hibernatable WebSocket has no receive: its messages arrive in web_socket_message');
        return [null, 1006, ''];
      }
      case 'send': {
        const [id, data, binary] = args;
        const ws = socket(id, state);
        ws.send(binary ? (typeof data === 'string' ? utf8.encode(data) : data) : (typeof data === 'string' ? data : new TextDecoder().decode(data)));
        return null;
      }
      case 'close': {
        const c = connections.get(args[0]);
        const ws = c?.ws ?? hibernated(state, args[0]);
        if (ws) ws.close(args[1] ?? 1000, args[2] ?? '');
        return null;
      }
      case 'closed': return !connections.has(args[0]) && !hibernated(state, args[0]);
      case 'set_attachment': {
        const ws = socket(args[0], state);
        ws.serializeAttachment({ kiln: args[0], data: args[1] ?? null });
        return null;
      }
      case 'list': {
        if (!state?.getWebSockets) throw new TypeError('state.web_sockets is only available inside a Durable Object');
        return state.getWebSockets(args[0] ?? undefined).map((ws) => socketEvent(ws, state)).filter((s) => s.ws);
      }
      case 'auto_response': {
        if (!state?.setWebSocketAutoResponse) throw new TypeError('set_web_socket_auto_response is only available inside a Durable Object');
        state.setWebSocketAutoResponse(args[0] == null ? undefined : platform.autoResponse(args[0], args[1] ?? ''));
        return null;
      }
      default: throw new TypeError(`WebSocket has no method ${method}`);
    }
  };
}

export const websocket = websocketOp(workerdPlatform);
