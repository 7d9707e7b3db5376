# compat: routing/regexp_named_captures  (source: sinatra test/routing_test.rb "supports named captures like %r{/hello/(?<person>[^/?#]+)}")
#
# request: GET /hello/Frank
# expect-status: 200
# expect-body: Hello Frank
get Regexp.new('/hello/(?<person>[^/?#]+)') do
  "Hello #{params['person']}"
end
