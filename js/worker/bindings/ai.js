// Workers AI, the `ai` op (docs/bindings/ops.md): run(model, inputs, options)
// for ruby/kiln/bindings/ai.rb. A model's stream (stream: true) is read by Ruby
// chunk by chunk (js/worker/stream.js readable); any other stream (an image)
// is its bytes. Not emulated offline: Workers AI runs remotely.
import { readable } from '../stream.js';
import { bytes, opts } from './values.js';

export async function ai([name, method, model, inputs, options], context) {
  const binding = context.env[name];
  if (method !== 'run') throw new TypeError(`Workers AI has no method ${method}`);
  const result = await binding.run(model, inputs ?? {}, opts(options));
  if (!(result instanceof ReadableStream)) return result ?? null;
  return inputs?.stream ? readable(result, context) : bytes(await new Response(result).arrayBuffer());
}
