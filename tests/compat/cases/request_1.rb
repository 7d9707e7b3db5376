# compat: request/basics  (source: sinatra test/request_test.rb "request attributes: path, fullpath, url, base_url, host_with_port, port")
#
# request: GET /foo/bar?x=1
# expect-status: 200
# expect-body: /foo/bar|/foo/bar?x=1|http://example.org/foo/bar?x=1|http://example.org|example.org|80|false|true
get '/foo/bar' do
  [request.path, request.fullpath, request.url, request.base_url, request.host_with_port, request.port, request.ssl?, request.get?].join('|')
end
