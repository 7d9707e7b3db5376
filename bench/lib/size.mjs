// 1. Upload size: what `wrangler deploy` would upload for examples/hello,
// split into wasm / JS / app bytecode, raw and gzip (level 9, per file).
import { gzipSync } from 'node:zlib';

export const SIZE_TARGET_GZIP = 250 * 1024;

export function measureSize(bundle) {
  const parts = { wasm: { raw: 0, gzip: 0 }, js: { raw: 0, gzip: 0 }, app: { raw: 0, gzip: 0 } };
  for (const f of bundle.files) {
    const part = parts[f.kind === 'data' ? 'app' : f.kind];
    part.raw += f.bytes.length;
    part.gzip += gzipSync(f.bytes, { level: 9 }).length;
  }
  const total = Object.values(parts).reduce((a, p) => ({ raw: a.raw + p.raw, gzip: a.gzip + p.gzip }), { raw: 0, gzip: 0 });
  return { parts, total, wrangler: bundle.wranglerReport, targetGzip: SIZE_TARGET_GZIP, met: total.gzip <= SIZE_TARGET_GZIP };
}
