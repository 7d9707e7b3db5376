// Kiln's value encoding, JS half (src/core/codec.h is the C++ half and the spec).
// The only way values cross between JS and the mruby VM.
const NIL = 0, FALSE = 1, TRUE = 2, INT = 3, FLOAT = 4, STR = 5, BYTES = 6, ARRAY = 7, HASH = 8;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

class Writer {
  constructor() {
    this.buf = new Uint8Array(256);
    this.view = new DataView(this.buf.buffer);
    this.len = 0;
  }
  reserve(n) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  tag(t) { this.reserve(1); this.buf[this.len++] = t; }
  // A safe integer as two 32-bit halves (a BigInt per integer is slow).
  int64(v) {
    this.reserve(8);
    const hi = Math.floor(v / 4294967296);
    this.view.setUint32(this.len, v - hi * 4294967296, true);
    this.view.setInt32(this.len + 4, hi, true);
    this.len += 8;
  }
  u32(n) { this.reserve(4); this.view.setUint32(this.len, n, true); this.len += 4; }
  // UTF-8 straight into the buffer (no intermediate array per string).
  string(v) {
    this.tag(STR);
    this.reserve(4 + v.length * 3);
    const { written } = utf8.encodeInto(v, this.buf.subarray(this.len + 4));
    this.view.setUint32(this.len, written, true);
    this.len += 4 + written;
  }
  // A JS byte string (HTTP header values), one byte per char.
  latin1(v) {
    this.tag(BYTES); this.u32(v.length); this.reserve(v.length);
    for (let i = 0; i < v.length; i++) this.buf[this.len + i] = v.charCodeAt(i) & 0xff;
    this.len += v.length;
  }
  blob(t, bytes) { this.tag(t); this.u32(bytes.length); this.reserve(bytes.length); this.buf.set(bytes, this.len); this.len += bytes.length; }
  value(v, depth = 0) {
    if (depth > 64) throw new TypeError('value nested deeper than 64 levels');
    if (v === null || v === undefined) return this.tag(NIL);
    switch (typeof v) {
      case 'boolean': return this.tag(v ? TRUE : FALSE);
      case 'number':
        if (Number.isSafeInteger(v)) { this.tag(INT); this.int64(v); return; }
        this.tag(FLOAT); this.reserve(8); this.view.setFloat64(this.len, v, true); this.len += 8; return;
      case 'bigint': this.tag(INT); this.reserve(8); this.view.setBigInt64(this.len, v, true); this.len += 8; return;
      case 'string': return this.string(v);
    }
    if (v instanceof Uint8Array) return this.blob(BYTES, v);
    if (v instanceof ArrayBuffer) return this.blob(BYTES, new Uint8Array(v));
    if (ArrayBuffer.isView(v)) return this.blob(BYTES, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (Array.isArray(v)) { this.tag(ARRAY); this.u32(v.length); for (const x of v) this.value(x, depth + 1); return; }
    if (v instanceof Date) return this.value(v.getTime() / 1000, depth);
    if (v instanceof Map) { this.tag(HASH); this.u32(v.size); for (const [k, x] of v) { this.value(k, depth + 1); this.value(x, depth + 1); } return; }
    if (typeof v === 'object') {
      const keys = Object.keys(v);
      this.tag(HASH); this.u32(keys.length);
      for (const k of keys) { this.value(k, depth + 1); this.value(v[k], depth + 1); }
      return;
    }
    throw new TypeError(`can't pass ${typeof v} to Ruby`);
  }
  bytes() { return this.buf.subarray(0, this.len); }
}

// One Writer reused by encode (each call copies its bytes out): a fresh
// 256-byte buffer and DataView per await was most of the JS garbage.
let shared = null;

export function encode(value) {
  const w = shared ?? new Writer();
  shared = null;  // (a getter that encodes while we do gets its own)
  w.len = 0;
  try {
    w.value(value);
    return w.buf.slice(0, w.len);
  } finally {
    shared = w;
  }
}

// A request as build_env (src/core/request_env.cpp) reads it: [method, url,
// [[name, latin1 value]...], body bytes or nil, extra env?], written in one
// pass (header values are byte strings, sent as bytes).
export function encodeRequest(method, url, headers, body, extra) {
  const w = new Writer();
  w.tag(ARRAY); w.u32(extra ? 5 : 4);
  w.string(method); w.string(url);
  const pairs = [...headers];
  w.tag(ARRAY); w.u32(pairs.length);
  for (const [name, value] of pairs) { w.tag(ARRAY); w.u32(2); w.string(name); w.latin1(value); }
  w.value(body);
  if (extra) w.value(extra);
  return w.bytes();
}

// A decoded Hash's entry. A Ruby Hash may have any key: '__proto__' is
// defined as an own property (plain assignment would set the prototype).
function setKey(o, k, v) {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
  }
  need(n) { if (this.pos + n > this.bytes.length) throw new RangeError('truncated Kiln value'); }
  u32() { this.need(4); const n = this.view.getUint32(this.pos, true); this.pos += 4; return n; }
  tag() { this.need(1); return this.bytes[this.pos++]; }
  // A Number when safe, else a BigInt.
  int64() {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true), hi = this.view.getInt32(this.pos + 4, true);
    if (hi > -0x200000 && hi < 0x200000) { this.pos += 8; return hi * 4294967296 + lo; }
    const n = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER ? Number(n) : n;
  }
  // The bytes of a STR or BYTES value, as a view (no copy).
  blob() {
    const t = this.tag();
    if (t !== STR && t !== BYTES) throw new RangeError(`expected bytes, got Kiln value tag ${t}`);
    const n = this.u32(); this.need(n);
    return this.bytes.subarray(this.pos, this.pos += n);
  }
  value() {
    const t = this.tag();
    switch (t) {
      case NIL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case INT: return this.int64();
      case FLOAT: { this.need(8); const n = this.view.getFloat64(this.pos, true); this.pos += 8; return n; }
      case STR: { const n = this.u32(); this.need(n); return utf8Decoder.decode(this.bytes.subarray(this.pos, this.pos += n)); }
      case BYTES: { const n = this.u32(); this.need(n); return this.bytes.slice(this.pos, this.pos += n); }
      case ARRAY: { const n = this.u32(); const a = []; for (let i = 0; i < n; i++) a.push(this.value()); return a; }
      case HASH: { const n = this.u32(); const o = {}; for (let i = 0; i < n; i++) { const k = this.value(); setKey(o, k, this.value()); } return o; }
      default: throw new RangeError(`unknown Kiln value tag ${t}`);
    }
  }
}

// Decodes one value. Strings -> JS strings, bytes -> Uint8Array (a copy, so
// it outlives the wasm memory it came from), hashes -> plain objects. A
// Ruby Kiln::Bytes always arrives as bytes, a plain String as a string when
// it is valid UTF-8; the other way, a Uint8Array / ArrayBuffer / view
// becomes a Kiln::Bytes in Ruby and a string a String.
export function decode(bytes) {
  return new Reader(bytes).value();
}

// A response as write_response (src/core/response.h) writes it: [status,
// [[name, value bytes]...], body bytes or nil (no body), extras or nil] ->
// { status, headers: [[name, Latin-1 value]...] (one pair a header line, as
// the runtime wrote them: it never sends a value with a line break), body: a
// view of `bytes` (which must be the caller's own copy; null: no body),
// extras: null or { background?: id, forward?: {namespace, id, path},
// websocket?: true } }. One pass, no intermediate values. A streamed response's head
// (Kiln.__response_head, js/worker/stream.js stream_open) is the same shape.
export function decodeResponse(bytes) {
  const r = new Reader(bytes);
  if (r.tag() !== ARRAY || r.u32() !== 4 || r.tag() !== INT) throw new RangeError('malformed Kiln response');
  const status = Number(r.int64());
  if (r.tag() !== ARRAY) throw new RangeError('malformed Kiln response headers');
  const headers = [];
  for (let n = r.u32(); n > 0; n--) {
    if (r.tag() !== ARRAY || r.u32() !== 2) throw new RangeError('malformed Kiln response header');
    const name = utf8Decoder.decode(r.blob());
    headers.push([name, latin1String(r.blob())]);
  }
  const body = r.bytes[r.pos] === NIL ? (r.pos++, null) : r.blob();
  const extras = r.value();
  return { status, headers, body, extras };
}

// HTTP header values are byte strings: one char per byte.
export function latin1String(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  return s;
}

