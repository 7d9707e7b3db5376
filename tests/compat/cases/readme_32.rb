# compat: readme/json_body  (source: sinatra test/readme_test.rb "A JSON API route")
#
# request: GET /api
# expect-status: 200
# expect-body: {"ok":true,"n":1}
# expect-header: Content-Type: application/json
require 'json'
get '/api' do
  content_type :json
  { 'ok' => true, 'n' => 1 }.to_json
end
