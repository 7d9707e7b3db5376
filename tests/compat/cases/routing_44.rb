# compat: routing/unescapes_utf8  (source: sinatra test/routing_test.rb "unescapes named parameters and splats")
#
# request: GET /foo%e2%80%8cbar/bar%e2%80%8cbaz
# expect-status: 200
# expect-body: foo‌bar|bar‌baz|true
get '/:foo/*' do |a, b|
  "#{a}|#{b}|#{a.valid_encoding?}"
end
