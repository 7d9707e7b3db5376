// An app's Workers configuration for the node emulation: wrangler.toml (read
// with js/node/toml.js; wrangler's own unstable_readConfig takes seconds to load,
// this takes milliseconds) and .dev.vars. One place, so every emulated
// feature reads the same bindings, queue settings, crons and vars.
import fs from 'node:fs';
import path from 'node:path';
import { parseToml } from './toml.js';

// wrangler's defaults for [[queues.consumers]].
export const CONSUMER_DEFAULTS = { max_batch_size: 10, max_retries: 3, dead_letter_queue: null, retry_delay: 0 };

const list = (v) => (Array.isArray(v) ? v : []);

// Keys an [env.NAME] section does not inherit from the top level (wrangler's
// "non-inheritable keys"): an environment declares its own vars and bindings.
const OWN_PER_ENV = ['vars', 'define', 'kv_namespaces', 'd1_databases', 'durable_objects', 'queues', 'r2_buckets', 'services'];

// From wrangler.toml's text: { bindings: {NAME: kind}, durableObjects:
// {NAME: className}, queues: {BINDING: queue}, consumers: {queue: settings},
// crons: [...], vars: {...} }. env: an [env.NAME] section to apply, when the
// file has one.
export function configFromToml(text, { file = 'wrangler.toml', env } = {}) {
  const top = parseToml(text, file);
  let t = top;
  if (env && top.env?.[env]) {
    t = { ...top, ...top.env[env] };
    for (const k of OWN_PER_ENV) if (!(k in top.env[env])) delete t[k];
  }
  const bindings = {}, durableObjects = {}, queues = {}, consumers = {};
  for (const b of list(t.kv_namespaces)) if (b?.binding) bindings[b.binding] = 'kv';
  for (const b of list(t.d1_databases)) if (b?.binding) bindings[b.binding] = 'd1';
  for (const b of list(t.r2_buckets)) if (b?.binding) bindings[b.binding] = 'r2';
  for (const b of list(t.durable_objects?.bindings)) {
    if (!b?.name || !b.class_name) continue;
    bindings[b.name] = 'durable_object';
    durableObjects[b.name] = b.class_name;
  }
  for (const p of list(t.queues?.producers)) {
    if (!p?.binding || !p.queue) continue;
    bindings[p.binding] = 'queue';
    queues[p.binding] = p.queue;
  }
  for (const c of list(t.queues?.consumers)) {
    if (!c?.queue) continue;
    const s = { ...CONSUMER_DEFAULTS };
    for (const k of Object.keys(s)) if (c[k] !== undefined) s[k] = c[k];
    consumers[c.queue] = s;
  }
  const vars = {};
  for (const [k, v] of Object.entries(t.vars ?? {})) vars[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { bindings, durableObjects, queues, consumers, crons: list(t.triggers?.crons).map(String), vars };
}

// .dev.vars (dotenv): KEY=value lines, # comments, optional `export `,
// "double quoted" (with \n escapes), 'single quoted' (literal).
export function parseDevVars(text) {
  const vars = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    let v = m[2];
    if (v.startsWith('"') && v.lastIndexOf('"') > 0) v = v.slice(1, v.lastIndexOf('"')).replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    else if (v.startsWith("'") && v.lastIndexOf("'") > 0) v = v.slice(1, v.lastIndexOf("'"));
    else v = v.replace(/\s+#.*$/, '');
    vars[m[1]] = v;
  }
  return vars;
}

// The config of APP_DIR; .dev.vars (or .dev.vars.ENV) overrides [vars] as
// it does under wrangler dev.
export function readConfig(appDir, { env } = {}) {
  const file = path.join(appDir, 'wrangler.toml');
  const config = fs.existsSync(file)
    ? configFromToml(fs.readFileSync(file, 'utf8'), { file, env })
    : configFromToml('', { env });
  const devVars = [env && `.dev.vars.${env}`, '.dev.vars'].map((f) => f && path.join(appDir, f)).find((f) => f && fs.existsSync(f));
  if (devVars) Object.assign(config.vars, parseDevVars(fs.readFileSync(devVars, 'utf8')));
  return config;
}
