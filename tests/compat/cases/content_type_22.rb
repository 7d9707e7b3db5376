# compat: content_type/quoted_params  (source: sinatra test/helpers_test.rb "properly encodes parameters with delimiter characters")
#
# request: GET /comma
# expect-status: 200
# expect-header: Content-Type: image/png;comment="Hello, world!"
#
# request: GET /semicolon
# expect-status: 200
# expect-header: Content-Type: image/png;comment="semi;colon"
#
# request: GET /quote
# expect-status: 200
# expect-header: Content-Type: image/png;comment="\"Whatever.\""
before '/comma' do
  content_type 'image/png', :comment => 'Hello, world!'
end
before '/semicolon' do
  content_type 'image/png', :comment => 'semi;colon'
end
before '/quote' do
  content_type 'image/png', :comment => '"Whatever."'
end
get('*') { 'ok' }
