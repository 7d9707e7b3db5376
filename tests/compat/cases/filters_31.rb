# compat: filters/body_in_after  (source: sinatra test/helpers_test.rb "can be set in after filter")
#
# request: GET /
# expect-status: 200
# expect-body: filter
get('/') { body 'route' }
after { body 'filter' }
