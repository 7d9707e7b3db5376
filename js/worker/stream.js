// Streamed response bodies (ruby/kiln/sinatra/stream.rb): the operations a
// streaming route's fiber awaits, through the one await loop like any other.
// stream_open hands workerd a Response whose body is a ReadableStream and
// answers at once; stream_write answers once the chunk is queued and the
// reader wants more (backpressure), or false when the client has gone.
// The other direction: a JS ReadableStream a binding returned (a Workers AI
// stream) is registered here and Ruby reads it chunk by chunk, stream_read.
import { decodeResponse } from './codec.js';

const utf8 = new TextEncoder();
const open = new Map();  // id -> ResponseStream, while open
let nextId = 1;

export class ResponseStream {
  constructor() {
    this.id = nextId++;
    this.closed = false;
    this.waiters = [];  // resolved on the reader's next pull, or on close
    this.closers = [];  // stream_wait: called on close
    this.readable = new ReadableStream({
      start: (controller) => { this.controller = controller; },
      pull: () => this.#wake(true),
      cancel: () => this.#end(false),
    }, { highWaterMark: 1 });
    open.set(this.id, this);
  }

  // Resolves true when the reader can take more, false if the stream closed.
  write(chunk) {
    if (this.closed) return false;
    this.controller.enqueue(typeof chunk === 'string' ? utf8.encode(chunk) : chunk);
    if (this.controller.desiredSize > 0) return true;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close() { this.#end(true); }

  #wake(value) {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(value);
  }

  #end(closeController) {
    if (this.closed) return;
    this.closed = true;
    open.delete(this.id);
    if (closeController) this.controller.close();
    this.#wake(false);
    for (const c of this.closers.splice(0)) c();
  }
}

const stream = (id) => open.get(id);

// Registers a ReadableStream for Ruby to read, with the request (context):
// one left unread goes with its request. The result crosses as this marker
// (a Kiln::EventReader on the Ruby side).
export function readable(body, context) {
  const id = nextId++;
  (context.readers ??= new Map()).set(id, body.getReader());
  return { 'kiln.readable': id };
}

export const streamOperations = {
  // [head] -> the stream's id. head: the status and headers as
  // write_response encodes them (Kiln.__response_head, src/core/response.cpp,
  // checked there the same way), decoded as any response; it crosses as a
  // String, a JS string when its bytes happen to be UTF-8. context.respond
  // is set by Kiln#fetch for the request being answered.
  stream_open([head], context) {
    if (!context.respond) throw new TypeError('stream is only available in an HTTP request');
    const { status, headers } = decodeResponse(typeof head === 'string' ? utf8.encode(head) : head);
    const s = new ResponseStream();
    context.respond(s, new Response(s.readable, { status, headers }));
    return s.id;
  },
  stream_write: ([id, chunk]) => stream(id)?.write(chunk) ?? false,
  stream_close([id]) { stream(id)?.close(); return null; },
  stream_closed: ([id]) => !stream(id),
  // stream(:keep_open): parks the fiber until out.close or the client
  // leaves (true), or `seconds` pass (false; Ruby waits again). The timer is
  // what workerd needs: a request waiting on nothing but another request's
  // promise is cancelled as hung.
  stream_wait([id, seconds]) {
    const s = stream(id);
    if (!s) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { s.closers.splice(s.closers.indexOf(done), 1); resolve(false); }, seconds * 1000);
      const done = () => { clearTimeout(timer); resolve(true); };
      s.closers.push(done);
    });
  },

  // The next chunk of a registered ReadableStream (bytes), nil at its end.
  async stream_read([id], { readers }) {
    const reader = readers?.get(id);
    if (!reader) return null;
    const { done, value } = await reader.read();
    if (!done) return typeof value === 'string' ? value : new Uint8Array(value);
    readers.delete(id);
    return null;
  },
  // Ruby stopped reading early (break out of each): let the source go.
  async stream_cancel([id], { readers }) {
    const reader = readers?.get(id);
    readers?.delete(id);
    await reader?.cancel();
    return null;
  },
};
