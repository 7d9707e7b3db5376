# compat: readme/accessing_request  (source: sinatra test/readme_test.rb "Accessing the request object")
#
# request: GET /foo?a=1
# request-header: Accept: text/html
# expect-status: 200
# expect-body: text/html|false|text/html|/foo|GET|a=1|example.org|http||http://example.org/foo?a=1
get '/foo' do
  t = %w[text/css text/html application/javascript]
  [request.accept.map(&:to_s).join(','), request.accept?('text/xml').to_s, request.preferred_type(t).to_s, request.path_info, request.request_method, request.query_string, request.host, request.scheme, request.script_name, request.url].join('|')
end
