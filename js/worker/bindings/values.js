// Plain data for the codec (js/worker/codec.js), shared by the Workers ops
// of ./*.js: what Workers objects hand back becomes bytes, Hashes and Arrays.
export const bytes = (ab) => new Uint8Array(ab);

// Ruby's options Hash as a Workers options object: nil entries left out.
export const opts = (o) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined));

// A Response as the fetch-like ops answer it: {status, url?, headers: [[k, v]...], body: bytes}.
export async function responseValue(res, { url = true } = {}) {
  const out = url ? { status: res.status, url: res.url, headers: [...res.headers] } : { status: res.status, headers: [...res.headers] };
  out.body = bytes(await res.arrayBuffer());
  return out;
}
