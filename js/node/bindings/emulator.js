// What every emulated binding under node shares: the state directory
// (APP_DIR/.kiln), the emulated kinds of the app's config, and the one call
// into the emulator (src/bindings/wasm_exports.cpp, in the node-only runtime
// dist/kiln-node.wasm) through the wasm ABI helper (js/worker/wasm.js).
import fs from 'node:fs';
import path from 'node:path';
import { decode, encode } from '../../worker/codec.js';
import { DONE, callWasm } from '../../worker/wasm.js';

// The kinds emulated offline; bindings of other kinds (ai, service) are not.
const EMULATED = new Set(['kv', 'd1', 'r2', 'durable_object', 'queue']);

// {NAME: kind} of config.bindings (js/node/config.js) that are emulated.
export const emulatedKinds = (config) => Object.fromEntries(Object.entries(config.bindings).filter(([, kind]) => EMULATED.has(kind)));

// The state directory; fresh wipes it first.
export function stateDir(appDir, { fresh = false } = {}) {
  const dir = path.resolve(appDir, '.kiln');
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Argument checks the emulated ops share: a body or value as bytes (Ruby
// sends a String), an opaque list cursor as a string (or nil).
const utf8 = new TextEncoder();
export const asBytes = (v) => (v instanceof Uint8Array ? v : utf8.encode(String(v ?? '')));
export const cursor = (c) => (c === null || c === undefined || c === '' ? null : String(c));

// A failure the emulator reports, raised as the JS error Workers would
// raise (name: Error, TypeError, RangeError ...).
export class BindingError extends Error {
  constructor({ name, message }) { super(message); this.name = name; }
}

// One exported emulator function's answer: Done(value) or Failed({name, message}).
function answer(module, fn, ...inputs) {
  const { kind, payload } = callWasm(module, fn, null, ...inputs);
  const value = decode(payload);
  if (kind !== DONE) throw new BindingError(value);
  return value;
}

// Opens the emulator on dir and returns its one entry: call([kind, name,
// method, ...]) -> the op's value (src/bindings/emulator.h).
export function openEmulator(module, dir) {
  answer(module, module._kiln_emulation_open, utf8.encode(dir));
  return (args) => answer(module, module._kiln_emulate, encode(args));
}

// Closes the instance's databases and empties its state directory: every
// emulated binding starts empty again (kiln test, between tests).
export function resetEmulation(module) {
  answer(module, module._kiln_emulation_reset);
}
