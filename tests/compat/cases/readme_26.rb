# compat: readme/mime_type_json  (source: sinatra test/readme_test.rb "Mime types: content_type :json")
#
# request: GET /
# expect-status: 200
# expect-body: foo foo foo
# expect-header: Content-Type: text/foo;charset=utf-8
get '/' do
  content_type :foo
  'foo foo foo'
end
configure do
  mime_type :foo, 'text/foo'
end
