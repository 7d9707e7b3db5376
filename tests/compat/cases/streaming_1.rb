# compat: streaming/concatenated_body  (source: sinatra test/streaming_test.rb "returns the concatenated body")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World!
get('/') do
  stream do |out|
    out << "Hello" << " "
    out << "World!"
  end
end
