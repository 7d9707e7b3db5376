# compat: filters/remove_params  (source: sinatra test/filter_test.rb "can remove params")
#
# request: GET /?foo=bar
# expect-status: 200
# expect-body:
before { params.delete('foo') }
get('/') { params['foo'].to_s }
