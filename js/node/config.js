// An app's Workers configuration for the node emulation and the CLI: the
// wrangler configuration file (wrangler.json, wrangler.jsonc or wrangler.toml,
// found in wrangler's order; TOML read with js/node/toml.js, JSON with
// comments and trailing commas with jsonc-parser, as wrangler reads it;
// wrangler's own unstable_readConfig takes seconds to load, this takes
// milliseconds) and .dev.vars. One place, so every emulated feature and
// every command (kiln db migrate, the build's cron check) reads the same
// bindings, queue settings, crons, D1 databases and vars. jsonc-parser is
// required on first use, like smol-toml (js/node/toml.js): `kiln --help`
// loads neither.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseToml, TomlError } from './toml.js';

let jsonc;
const jsoncParser = () => (jsonc ??= createRequire(import.meta.url)('jsonc-parser'));

// A configuration file that cannot be read: the message starts `FILE:LINE:`.
export class ConfigError extends Error {}

// The file names wrangler looks for, in the order it picks them.
export const CONFIG_FILES = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'];

// The configuration file of APP_DIR (a path), or null when it has none.
export function findConfigFile(appDir) {
  for (const name of CONFIG_FILES) {
    const file = path.join(appDir, name);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

// A configuration file's text -> its raw object, by the file's extension.
export function parseConfigText(text, file = 'wrangler.toml') {
  if (!/\.jsonc?$/.test(file)) {
    try {
      return parseToml(text, file);
    } catch (e) {
      throw e instanceof TomlError ? new ConfigError(e.message) : e;
    }
  }
  const { parse: parseJsonc, printParseErrorCode } = jsoncParser();
  const errors = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const { error, offset } = errors[0];
    const line = text.slice(0, offset).split('\n').length;
    throw new ConfigError(`${file}:${line}: ${printParseErrorCode(error)}`);
  }
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}:1: expected an object ({ ... })`);
  }
  return raw;
}

// { file, raw }: APP_DIR's configuration file (null when none) and its raw
// object ({} when none). What the commands that need more than configFrom's
// summary read (kiln db migrate's [[d1_databases]]).
export function readRawConfig(appDir) {
  const file = findConfigFile(appDir);
  return { file, raw: file ? parseConfigText(fs.readFileSync(file, 'utf8'), file) : {} };
}

// wrangler's defaults for [[queues.consumers]].
export const CONSUMER_DEFAULTS = { max_batch_size: 10, max_retries: 3, dead_letter_queue: null, retry_delay: 0 };

const list = (v) => (Array.isArray(v) ? v : []);

// Keys an [env.NAME] section does not inherit from the top level (wrangler's
// "non-inheritable keys"): an environment declares its own vars and bindings.
const OWN_PER_ENV = ['vars', 'define', 'kv_namespaces', 'd1_databases', 'durable_objects', 'queues', 'r2_buckets', 'services'];

// From a configuration file's raw object: { bindings: {NAME: kind},
// durableObjects: {NAME: className}, queues: {BINDING: queue}, consumers:
// {queue: settings}, crons: [...], vars: {...} }. env: an [env.NAME]
// section to apply, when the file has one.
export function configFrom(top, { env } = {}) {
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

// configFrom over a file's text (TOML unless file ends in .json or .jsonc).
export const configFromToml = (text, { file = 'wrangler.toml', env } = {}) => configFrom(parseConfigText(text, file), { env });

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

// The config of APP_DIR, with file: its configuration file (or null);
// .dev.vars (or .dev.vars.ENV) overrides [vars] as it does under wrangler dev.
export function readConfig(appDir, { env } = {}) {
  const { file, raw } = readRawConfig(appDir);
  const config = { ...configFrom(raw, { env }), file };
  const devVars = [env && `.dev.vars.${env}`, '.dev.vars'].map((f) => f && path.join(appDir, f)).find((f) => f && fs.existsSync(f));
  if (devVars) Object.assign(config.vars, parseDevVars(fs.readFileSync(devVars, 'utf8')));
  return config;
}
