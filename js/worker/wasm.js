// The wasm call ABI, JS half: copy the inputs into wasm memory, call one
// exported function, read the Result it answers and free the inputs. A Result
// is four uint32 words [kind, request, data, size] (src/core/abi.h is the C++
// half); its payload is reused by the next call, so it is copied out here.
// Used by js/worker/kiln.js (the runtime) and js/node/bindings/emulator.js.
//
// BROKEN is this side's verdict as well as a kind the C++ side answers: a
// call that threw out of wasm (a JS RangeError when deep C recursion
// overflows the engine's stack, a trap, a C++ exception nothing caught) left
// the instance's state unknown, so its caller must not use it again
// (js/worker/kiln.js replaces it).
export const DONE = 0, AWAIT = 1, FAILED = 2, BROKEN = 3;

const bytesOf = (text) => new TextEncoder().encode(text);

// fn: an export of module (e.g. module._kiln_start); id: a leading uint32
// argument, or null; inputs: Uint8Arrays, each passed as (pointer, length).
// -> { kind, request, payload: a Uint8Array of its own }
export function callWasm(module, fn, id, ...inputs) {
  const args = id === null ? [] : [id];
  const first = args.length;
  let broken = false;
  try {
    for (const bytes of inputs) {
      const ptr = module._malloc(Math.max(bytes.length, 1));
      // malloc answers 0 once memory is at its maximum (-sMAXIMUM_MEMORY,
      // CMakeLists.txt): nothing ran, the instance is fine.
      if (ptr === 0) return { kind: FAILED, request: id ?? 0, payload: bytesOf(`out of wasm memory for a ${bytes.length}-byte input`) };
      args.push(ptr, bytes.length);
      module.HEAPU8.set(bytes, ptr);
    }
    let res;
    try {
      res = fn(...args) >> 2;
    } catch (e) {
      broken = true;
      return { kind: BROKEN, request: id ?? 0, payload: bytesOf(`${e?.name ?? 'Error'}: ${e?.message ?? e}`) };
    }
    // Read the heap views after the call: it may have grown memory.
    const words = module.HEAPU32;
    const data = words[res + 2];
    return { kind: words[res], request: words[res + 1], payload: module.HEAPU8.slice(data, data + words[res + 3]) };
  } finally {
    // A broken instance is not called again, not even to free.
    if (!broken) for (let i = first; i < args.length; i += 2) module._free(args[i]);
  }
}
