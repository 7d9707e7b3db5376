# compat: helpers/attachment_keeps_type  (source: sinatra test/helpers_test.rb "sets the Content-Type response header with extname")
#
# request: GET /attachment
# expect-status: 200
# expect-body: <sinatra></sinatra>
# expect-header: Content-Type: application/atom+xml
get('/attachment') do
  content_type :atom
  attachment 'test.xml'
  response.write('<sinatra></sinatra>')
end
