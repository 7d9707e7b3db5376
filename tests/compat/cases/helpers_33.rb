# compat: helpers/attachment_no_ext  (source: sinatra test/helpers_test.rb "sets the Content-Type response header without extname")
#
# request: GET /attachment
# expect-status: 200
# expect-body: <sinatra></sinatra>
# expect-header: Content-Type: text/html;charset=utf-8
# expect-header: Content-Disposition: attachment; filename="test"
get('/attachment') do
  attachment 'test'
  response.write('<sinatra></sinatra>')
end
