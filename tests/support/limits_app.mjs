// The app of the hard-limit probes (issue #20): tests/node/limits.test.mjs
// runs it offline, tests/workerd/limits.test.mjs on wrangler dev.
export const LIMITS_APP = `
set :max_body_size, 1024 * 1024
post('/n') { request.body.read.bytesize.to_s }
get('/ok') { 'ok' }
get('/body/:mb') { 'x' * (params[:mb].to_i << 20) }
get('/slow') { sleep 0.3; 'slow' }
get('/alloc/:mb') { ('x' * (params[:mb].to_i << 20)).bytesize.to_s }
get('/grow/:mb') do
  s = String.new
  chunk = 'x' * (1 << 20)
  params[:mb].to_i.times { s << chunk }
  s.bytesize.to_s
end
get('/alloc-rescued') do
  'x' * (200 << 20)
rescue NoMemoryError => e
  "rescued #{e.class}"
end
def nest(n) = (a = []; n.times { a = [a] }; a)
get('/deep-eq/:n') { (nest(params[:n].to_i) == nest(params[:n].to_i)).to_s }
get('/deep-json') { nest(2000).to_json }
post('/json') { JSON.parse(request.body.read).size.to_s }
get('/bad-header') { headers 'X-Evil' => "a\\r\\nb"; 'never' }
`;
