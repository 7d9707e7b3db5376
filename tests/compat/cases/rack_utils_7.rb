# compat: rack_utils/request_response_standalone  (source: rack test/spec_response.rb "can be written to", "can set and read headers", "can set cookies", "provide access to the HTTP status"; spec_request.rb "wrap the rack variables")
#
# request: GET /here?a=1
# request-header: X-Thing: yes
# expect-status: 200
# expect-body-json: "201|foobarbaz|text/plain|7|true|/elsewhere|302|GET|/here|a=1|example.org|yes|1"
# expect-header: X-Original: 1
require 'rack'

get '/here' do
  res = Rack::Response.new('foo', 201, 'content-type' => 'text/plain')
  res.write 'bar'
  res.write 'baz'
  res.set_header('x-length', '7')
  status_code, res_headers, res_body = res.finish
  body_text = res_body.to_a.join
  moved = Rack::Response.new
  moved.redirect('/elsewhere')
  req = Rack::Request.new(env)
  headers 'X-Original' => req.params['a']
  [status_code, body_text, res_headers['content-type'], res.get_header('x-length'), res.has_header?('x-length'),
   moved.location, moved.status, req.request_method, req.path_info, req.query_string, req.host,
   req.get_header('HTTP_X_THING'), req.params['a']].join('|')
end
