# compat: readme/headers_helper  (source: sinatra test/readme_test.rb "Setting headers with the headers helper")
#
# request: GET /foo
# expect-status: 418
# expect-body: I am a teapot
# expect-header: Allow: BREW, POST, GET, PROPFIND, WHEN
get '/foo' do
  headers 'Allow' => 'BREW, POST, GET, PROPFIND, WHEN', 'Refresh' => 'Refresh: 20; https://ietf.org/rfc/rfc2324.txt'
  status 418
  'I am a teapot'
end
