// The app's worker (build/worker.mjs) on wrangler dev with env.AI replaced by
// the Workers AI test double (double.mjs): for tests only, as Workers AI
// itself runs on Cloudflare and this machine is offline.
import handler from './build/worker.mjs';
import { WorkersAIDouble } from './double.mjs';

const AI = new WorkersAIDouble();

export default {
  fetch: (request, env, ctx) => handler.fetch(request, { ...env, AI }, ctx),
};
