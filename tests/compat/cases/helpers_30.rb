# compat: helpers/mime_type_registers  (source: sinatra test/helpers_test.rb "Base.mime_type registers mime type")
#
# request: GET /
# expect-status: 200
# expect-body: foo is application/foo
mime_type :foo, 'application/foo'
get('/') do
  "foo is #{mime_type(:foo)}"
end
