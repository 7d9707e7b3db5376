# compat: filters/before_params  (source: sinatra test/filter_test.rb "gives you access to params")
#
# request: GET /foo?foo=cool
# expect-status: 200
# expect-body: cool
before { @foo = params['foo'] }
get('/foo') { @foo }
