# compat: readme/return_values_stream_like  (source: sinatra test/readme_test.rb "Return values: an object responding to each")
#
# request: GET /
# expect-status: 200
# expect-body-json: "0\n1\n2\n"
class Stream
  def each
    3.times { |i| yield "#{i}\n" }
  end
end
get('/') { Stream.new }
