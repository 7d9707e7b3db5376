# compat: content_type/default_charset_gif  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (gif)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: image/gif
get('/') do
  content_type :gif
  'x'
end
