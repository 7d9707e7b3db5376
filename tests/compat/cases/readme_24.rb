# compat: readme/body_request_read  (source: sinatra test/readme_test.rb "request.body.read")
#
# request: POST /api
# request-header: Content-Type: text/plain
# request-body: world
# expect-status: 200
# expect-body: Hello world!
post '/api' do
  request.body.rewind
  data = request.body.read
  "Hello #{data}!"
end
