// The `websocket` group of expected.json: WebSocket behaviours observed by a
// client (tests/conformance/app/app.rb has the endpoints). open(path) gives
// a client of the same shape on both backends: { protocol, send(data),
// next() -> ['text', s] | ['binary', s] | ['close', code, reason] | ['timeout'],
// close(code, reason) }. Checks run in order, as the app's groups do.
const decoder = new TextDecoder();

export async function webSocketChecks(open, fetchPath) {
  const out = {};
  const check = async (name, fn) => {
    try { out[name] = await fn(); } catch (e) { out[name] = { error: String(e.message ?? e) }; }
  };
  const two = async (c) => [await c.next(), await c.next()];

  await check('Worker route: 426 without Upgrade', async () => {
    const r = await fetchPath('/ws/echo');
    return [r.status, r.headers.get('upgrade'), (await r.text()).trim()];
  });
  const echo = await open('/ws/echo', 'echo.v1');
  await check('Worker route: the subprotocol', () => echo.protocol);
  await check('Worker route: text stays text', async () => { await echo.send('hé'); return two(echo); });
  await check('Worker route: a valid UTF-8 binary frame stays binary', async () => { await echo.send(new TextEncoder().encode('abc')); return two(echo); });
  await check('Worker route: client close', async () => { await echo.close(4002, 'enough'); return echo.next(); });

  const a = await open('/ws/room/r1?tags=red,all', 'conf.v1');
  const b = await open('/ws/room/r1?tags=blue,all', 'conf.v1');
  await check('Durable Object: the 101 echoes the subprotocol', () => a.protocol);
  await check('Durable Object: text stays text', async () => { await a.send('hé'); return two(a); });
  await check('Durable Object: a valid UTF-8 binary frame arrives as binary', async () => { await a.send(new TextEncoder().encode('abc')); return two(a); });
  await check('Durable Object: a binary frame that is not UTF-8', async () => { await a.send(new Uint8Array([0xff, 0, 0x80])); return two(a); });
  await check('Durable Object: web_sockets by tag', async () => {
    const r = [];
    for (const m of ['tags red', 'tags blue', 'tags all', 'tags none', 'all']) { await b.send(m); r.push(await b.next()); }
    return r;
  });
  await check('Durable Object: the attachment', async () => { await a.send('attach'); return a.next(); });
  await check('Durable Object: an attachment of 16000 bytes', async () => { await a.send('big 16000'); return a.next(); });
  await check('Durable Object: an attachment over 16 KiB', async () => { await a.send('big 17000'); return a.next(); });
  await check('Durable Object: auto-response', async () => { await a.send('ping'); return a.next(); });
  await check('Durable Object: server close code', async () => { await b.send('close'); return b.next(); });
  await check('Durable Object: client close code reaches web_socket_close', async () => {
    await a.close(4003, 'client bye');
    for (let i = 0; i < 50; i++) {
      const r = await fetchPath('/ws/last_close/r1');
      const v = JSON.parse(await r.text());
      if (v) return v;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  });
  const big = await open('/ws/room/r2?tags=x', 'conf.v1');
  await check('Durable Object: a message of 16 MiB', async () => {
    await big.send('x'.repeat(16 << 20));
    const [info, [type, echoed]] = await two(big);
    return [info, type, echoed.length];
  });
  await check('Durable Object: a message over 32 MiB closes with 1009', async () => {
    await big.send('x'.repeat((32 << 20) + 1));
    return big.next(20000);
  });
  return out;
}

// A frame as the checks record it: a binary one's bytes in hex.
export const frame = (data, binary) => (binary ? ['binary', Buffer.from(data).toString('hex')] : ['text', typeof data === 'string' ? data : decoder.decode(data)]);

// The ws package (wrangler dev) in that shape.
export async function wsClient(url, protocol) {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(url, protocol ? [protocol] : []);
  const queue = [];
  let wake = null;
  const push = (x) => { queue.push(x); wake?.(); };
  ws.on('message', (data, binary) => push(frame(binary ? new Uint8Array(data) : data.toString(), binary)));
  ws.on('close', (code, reason) => push(['close', code, reason.toString()]));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return {
    protocol: ws.protocol,
    send: (d) => new Promise((resolve) => ws.send(d, resolve)),
    async next(timeout = 5000) {
      if (!queue.length) await new Promise((resolve) => { wake = resolve; setTimeout(resolve, timeout); });
      wake = null;
      return queue.shift() ?? ['timeout'];
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

// loadApp().webSocket (the emulation) in that shape.
export async function emulatedClient(app, url, protocol) {
  const c = await app.webSocket(url, { headers: protocol ? { 'sec-websocket-protocol': protocol } : {} });
  if (c instanceof Response) throw new Error(`not upgraded: ${c.status} ${await c.text()}`);
  let closed = false;
  return {
    protocol: c.headers.get('sec-websocket-protocol') ?? '',
    send: (d) => c.send(d),
    async next(timeout = 5000) {
      const m = await c.next(timeout);
      if (m !== null) return frame(m, typeof m !== 'string');
      if (c.closed && !closed) { closed = true; return ['close', c.closeCode, c.closeReason ?? '']; }
      return ['timeout'];
    },
    close: (code, reason) => c.close(code, reason),
  };
}
