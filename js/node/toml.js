// TOML for wrangler.toml, read with smol-toml (spec-complete TOML 1.0; the
// hand-written subset reader this replaces accepted some invalid documents).
// This wrapper keeps Kiln's contract: plain objects (smol-toml makes
// null-prototype ones), dates and times as their ISO 8601 text (wrangler.toml
// values are strings to the app), and errors that start with `FILE:LINE:`,
// then smol-toml's message and the lines around the error. smol-toml is
// required on first use (its CommonJS build), so importing this file (every
// kiln command does, through config.js) costs nothing until a file is read.
import { createRequire } from 'node:module';

let library;
const smolToml = () => (library ??= createRequire(import.meta.url)('smol-toml'));

export class TomlError extends Error {}

// Plain objects and arrays all the way down; fromEntries defines a key
// named __proto__ as data instead of setting the prototype.
function plain(v) {
  if (v instanceof smolToml().TomlDate) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export function parseToml(text, file = 'TOML') {
  const { parse, TomlError: LibraryError } = smolToml();
  try {
    return plain(parse(text));
  } catch (e) {
    if (!(e instanceof LibraryError)) throw e;
    throw new TomlError(`${file}:${e.line}: ${e.message.replace(/^Invalid TOML document: /, '').trimEnd()}`);
  }
}
