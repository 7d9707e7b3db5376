// The app the emulated-binding suites share (tests/node/emulation.test.mjs,
// kv.test.mjs, r2.test.mjs): one wrangler.toml with a KV namespace, a D1
// database and an R2 bucket, and routes that use each.
export const WRANGLER = `name = "t"
main = "build/worker.mjs"

[vars]
binding = "NOT_A_BINDING"

[[kv_namespaces]]
binding = "CACHE"   # a comment
id = "x"

[[d1_databases]]
binding = 'DB'
database_name = "db"

[[r2_buckets]]
binding = "FILES"
`;

export const APP = `
get('/kv/:k') { bindings.CACHE.get(params[:k]) || 'missing' }
put('/kv/:k') { bindings.CACHE.put(params[:k], request.body.read); 'stored' }
post('/notes') do
  bindings.DB.exec('CREATE TABLE IF NOT EXISTS notes (body TEXT)')
  bindings.DB.prepare('INSERT INTO notes VALUES (?)').bind(request.body.read).run[:meta][:last_row_id].to_s
end
get('/notes') { bindings.DB.query('SELECT body FROM notes').map { |r| r[:body] }.join(',') }
# Test-only back door: ages every KV entry through SQLite's ATTACH (the
# emulation does not forbid it, D1 does).
post('/age-kv') do
  bindings.DB.exec("ATTACH DATABASE '#{params[:file]}' AS k\nUPDATE k.kv SET expiration = 1000\nDETACH DATABASE k")
  'aged'
end
get('/kv-list') { bindings.CACHE.list[:keys].map { |k| k[:name] }.join(',') }
put('/file') { bindings.FILES.put(params[:key], request.body.read, http_metadata: { contentType: request.content_type }).etag }
get('/file') do
  o = bindings.FILES.get(params[:key]) or halt 404, 'missing'
  content_type o.http_metadata[:contentType]
  o.body
end
get('/files') { bindings.FILES.list[:objects].map(&:key).join(',') }
get('/missing') { bindings[:NOPE].get('x') }
get('/kv-as-d1') { Kiln::Bindings::D1.new('CACHE').query('SELECT 1'); 'no error' }
`;

// [status, body text] of one request.
export const get = async (app, p, init) => {
  const r = await app.fetch(new Request(`http://localhost${p}`, init));
  return [r.status, await r.text()];
};
