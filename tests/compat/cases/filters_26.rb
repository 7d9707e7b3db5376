# compat: filters/add_params  (source: sinatra test/filter_test.rb "can add params")
#
# request: GET /
# expect-status: 200
# expect-body: bar
before { params['foo'] = 'bar' }
get('/') { params['foo'] }
