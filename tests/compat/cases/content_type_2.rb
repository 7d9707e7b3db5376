# compat: content_type/charset_param  (source: sinatra test/helpers_test.rb "takes media type parameters (like charset=)")
#
# request: GET /
# expect-status: 200
# expect-body: <h1>Hello, World</h1>
# expect-header: Content-Type: text/html;charset=latin1
get('/') do
  content_type 'text/html', :charset => 'latin1'
  '<h1>Hello, World</h1>'
end
