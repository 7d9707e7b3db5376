# compat: helpers/mime_type_lookup  (source: sinatra test/helpers_test.rb "looks up mime types in Rack's MIME registry")
#
# request: GET /
# expect-status: 200
# expect-body: text/html|image/png|application/json|nil|nil|text/plain
get('/') do
  [mime_type('html'), mime_type('.png'), mime_type(:json), mime_type(nil).inspect, mime_type(:bizzle).inspect, mime_type('text/plain')].join('|')
end
