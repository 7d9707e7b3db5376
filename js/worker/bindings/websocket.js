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
    if (!response.webSocket) throw new Error(`WebSocket connect to ${url}: HTTP ${response.status}`);
    return response.webSocket;
  },
};

// A message as Ruby gets it: a string (text frame) or bytes (Kiln::Bytes).
const messageValue = (data) => (typeof data === 'string' ? data : new Uint8Array(data));

// A code close() accepts (1005 and 1006, no code and abnormal, are only
// ever received), else 1000.
const sendableCode = (code) => (code >= 3000 && code <= 4999) || (code >= 1000 && code <= 1014 && code !== 1005 && code !== 1006) ? code : 1000;

// Answers the peer's close frame (unless this end closed first): workerd
// before web_socket_auto_reply_to_close leaves that to the app.
export function replyToClose(ws, code, reason) {
  try { ws.close(sendableCode(code), reason); } catch { /* already closed */ }
}

// A Worker route's or outbound socket (one reader: its route's fiber): its
// messages queue until Ruby's receive takes them, those that arrived before
// a close included. event.handled (offline only) hears when the reader
// asks for the next one: "the handler ran" for the test DSL.
class Connection {
  constructor(ws, id) {
    Object.assign(this, { ws, id, queue: [], closed: null });
    connections.set(id, this);
    ws.addEventListener('message', (e) => { this.queue.push([messageValue(e.data), e.handled]); this.wake?.(); });
    ws.addEventListener('close', (e) => { replyToClose(ws, e.code, e.reason); this.end(e.code, e.reason); });
    ws.addEventListener('error', () => this.end(1006, ''));
    ws.accept?.();
  }

  // [message] or [nil, code, reason] once closed and read to the end.
  async receive() {
    this.taken?.();
    while (!this.queue.length && !this.closed) await new Promise((resolve) => { this.wake = resolve; });
    if (!this.queue.length) { connections.delete(this.id); return [null, ...this.closed]; }
    const [message, handled] = this.queue.shift();
    this.taken = handled;
    return [message];
  }

  end(code, reason) {
    if (this.closed) return;
    this.closed = [code, reason ?? ''];
    this.wake?.();
  }

  // The route's fiber ended (Kiln#fetch): its socket goes with it.
  close() {
    if (!this.closed) replyToClose(this.ws, 1000, '');
    this.end(1000, '');
    connections.delete(this.id);
    for (const [, handled] of [...this.queue.splice(0), [null, this.taken]]) handled?.();
  }
}

// What a Durable Object's WebSocket event says about its socket.
export function socketEvent(ws, state) {
  const a = ws.deserializeAttachment();
  return { ws: a?.kiln ?? null, tags: state.getTags?.(ws) ?? [], attachment: a?.data ?? null };
}

const text = (data) => (typeof data === 'string' ? data : new TextDecoder().decode(data));
const bytes = (data) => (typeof data === 'string' ? utf8.encode(data) : data);

export function websocketOp(platform) {
  return async function websocket([method, id, ...args], context) {
    const state = context.durableObject?.state;
    // The object's state, for the methods that need one (a TypeError outside).
    const object = () => state?.acceptWebSocket ? state : (() => { throw new TypeError(`WebSocket ${method}: only inside a Durable Object`); })();
    // A hibernatable socket is found by the id in its attachment.
    const c = connections.get(id);
    const ws = c?.ws ?? state?.getWebSockets?.().find((w) => w.deserializeAttachment()?.kiln === id);
    const open = () => ws ?? (() => { throw new Error('that WebSocket is closed'); })();
    switch (method) {
      // websocket!: the 101 goes now (as a stream's head); the fiber runs on.
      // id: the subprotocol to answer with, or nil.
      case 'accept': {
        if (!context.respond) throw new TypeError('websocket! is only available in an HTTP request');
        const [client, server] = platform.pair();
        const conn = new Connection(server, crypto.randomUUID());
        context.respond(conn, platform.upgrade(client, id ? { 'sec-websocket-protocol': id } : {}));
        return conn.id;
      }
      // id: the URL; args[0]: the headers.
      case 'connect': return new Connection(await platform.connect(id, args[0] ?? {}), crypto.randomUUID()).id;
      // id: the tags; args[0]: the attachment.
      case 'accept_hibernatable': {
        const [client, server] = platform.pair();
        const key = crypto.randomUUID();
        object().acceptWebSocket(server, id ?? []);
        server.serializeAttachment({ kiln: key, data: args[0] ?? null });
        // Kiln#respond answers the route's 101 with it (the websocket extra).
        context.upgrade = (headers) => platform.upgrade(client, headers);
        return key;
      }
      case 'receive':
        if (c) return c.receive();
        if (ws) throw new TypeError('a hibernatable WebSocket has no receive (see web_socket_message)');
        return [null, 1006, ''];
      case 'send': open().send(args[1] ? bytes(args[0]) : text(args[0])); return null;
      case 'close': ws?.close(args[0] ?? 1000, args[1] ?? ''); return null;
      case 'closed': return c ? !!c.closed : !ws;
      case 'set_attachment': open().serializeAttachment({ kiln: id, data: args[0] ?? null }); return null;
      // id: the tag, or nil.
      case 'list': return object().getWebSockets(id ?? undefined).map((w) => socketEvent(w, state)).filter((s) => s.ws);
      // id: the request text, or nil (none); args[0]: the response text.
      case 'auto_response': object().setWebSocketAutoResponse(id == null ? undefined : platform.autoResponse(id, args[0] ?? '')); return null;
      default: throw new TypeError(`WebSocket has no method ${method}`);
    }
  };
}

export const websocket = websocketOp(workerdPlatform);
