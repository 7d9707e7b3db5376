# compat: rack_middleware/static_on_workers  (source: rack test/spec_static.rb "404s if url root is known but it can't find the file", "calls down the chain if url root is not known"; on Workers the files are the static assets, served before the Worker: what reaches it under :urls is missing)
#
# request: GET /css/missing.css
# expect-status: 404
# expect-header: Content-Type: text/plain
#
# request: GET /hello
# expect-status: 200
# expect-body: Hello World
use Rack::Static, urls: ['/css'], root: 'public'

get('/hello') { 'Hello World' }
