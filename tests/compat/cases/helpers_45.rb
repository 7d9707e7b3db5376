# compat: helpers/url_relative  (source: sinatra test/helpers_test.rb "url with absolute = false")
#
# request: GET /
# expect-status: 200
# expect-body: /foo
get('/') { url('/foo', false) }
