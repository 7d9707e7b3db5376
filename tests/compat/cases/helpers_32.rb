# compat: helpers/attachment_xml  (source: sinatra test/helpers_test.rb "sets the Content-Type response header")
#
# request: GET /attachment
# expect-status: 200
# expect-body: <sinatra></sinatra>
# expect-header: Content-Type: application/xml;charset=utf-8
# expect-header: Content-Disposition: attachment; filename="test.xml"
get('/attachment') do
  attachment 'test.xml'
  response.write('<sinatra></sinatra>')
end
