# compat: readme/browser_redirect_params  (source: sinatra test/readme_test.rb "Browser redirect with query parameters")
#
# request: GET /foo
# expect-status: 302
# expect-header: Location: http://example.org/bar?sum=42
#
# request: GET /bar?sum=42
# expect-status: 200
# expect-body: sum=42
get('/foo') { redirect to('/bar?sum=42') }
get('/bar') { "sum=#{params['sum']}" }
