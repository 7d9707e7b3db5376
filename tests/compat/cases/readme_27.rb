# compat: readme/generating_urls  (source: sinatra test/readme_test.rb "Generating URLs with url")
#
# request: GET /a
# expect-status: 200
# expect-body: <a href='http://example.org/foo'>foo</a>
get('/a') { "<a href='#{url('/foo')}'>foo</a>" }
