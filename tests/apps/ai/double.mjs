// A test double of the remote Workers AI service, as the `AI` binding
// (env.AI) presents it: run(model, inputs, options) returning the shapes
// Workers AI returns. It emulates no model. Used by tests/node/ai.test.mjs
// under node and by test-worker.mjs on wrangler dev (Workers AI is remote
// even under wrangler dev, and this machine is offline).
export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
export const TOKENS = ['Hel', 'lo', ' wor', 'ld', ' ✓'];

export class WorkersAIDouble {
  calls = [];
  cancelled = 0;
  lastTokenAt = 0;

  async run(model, inputs, options) {
    this.calls.push({ model, inputs, options });
    if (model === '@cf/nope') throw Object.assign(new Error('No such model @cf/nope or task'), { name: 'AiError' });
    if (model.includes('flux')) return new ReadableStream({ start(c) { c.enqueue(PNG.slice(0, 4)); c.enqueue(PNG.slice(4)); c.close(); } });
    if (model.includes('bge')) return { shape: [inputs.text.length, 3], data: inputs.text.map((_, i) => [i, 0.5, -1.25]) };
    if (!inputs.stream) return { response: `echo: ${inputs.prompt ?? inputs.messages.at(-1).content}`, usage: { prompt_tokens: 3 } };
    // SSE frames, split mid-frame into 37-byte pieces, one every 40 ms (about
    // 300 ms in all), as the service streams them.
    const frames = TOKENS.map((t) => `data: ${JSON.stringify({ response: t, p: { tokens: 1 } })}\n\n`).join('') + 'data: [DONE]\n\n';
    const bytes = new TextEncoder().encode(frames);
    const pieces = [];
    for (let i = 0; i < bytes.length; i += 37) pieces.push(bytes.slice(i, i + 37));
    const self = this;
    return new ReadableStream({
      async pull(c) {
        if (!pieces.length) return c.close();
        await new Promise((r) => setTimeout(r, 40));
        c.enqueue(pieces.shift());
        self.lastTokenAt = Date.now();
      },
      cancel() { self.cancelled++; },
    });
  }

  // workerd's Ai class has fetch (its transport) and run.
  async fetch() { throw new Error('the double answers run only'); }
}

