# compat: streaming/callbacks  (source: sinatra test/streaming_test.rb "calls the callback after it is done", "allows adding more than one callback", "does not trigger an infinite loop if you call close in a callback", "always yields strings")
#
# request: GET /
# expect-status: 200
# expect-body: foo
#
# request: GET /state
# expect-status: 200
# expect-body: final=10 a=true b=true
STATE = {}
get('/') do
  stream do |out|
    step = 0
    out.callback { STATE[:final] = step }
    out.callback { STATE[:a] = true }
    out.callback { STATE[:b] = true; out.close }
    10.times { step += 1 }
    out << :foo
  end
end
get('/state') { "final=#{STATE[:final]} a=#{STATE[:a]} b=#{STATE[:b]}" }
