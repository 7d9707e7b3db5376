// Reading streamed responses in tests: chunks with the time each arrived,
// and a Server-Sent Events parser (the EventSource rules, whatwg html 9.2).

// [{text, at: Date.now() when read}] until the body ends.
export async function readChunks(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push({ text: decoder.decode(value, { stream: true }), at: Date.now() });
  }
}

// text -> [{event, id, data, retry?}], as EventSource dispatches them.
export function parseSSE(text) {
  const events = [];
  let data = [];
  let event = '';
  let id = '';
  let retry;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length) events.push({ event: event || 'message', id, data: data.join('\n'), ...(retry !== undefined && { retry }) });
      data = []; event = ''; retry = undefined;
      continue;
    }
    if (line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    let value = i < 0 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  return events;
}
