# compat: routing/regexp_captures_block  (source: sinatra test/routing_test.rb "passes regular expression captures as block parameters")
#
# request: GET /foorooomma/baf
# expect-status: 200
# expect-body: orooomma-f
get(/\/fo(.*)\/ba(.*)/) do |foo, bar|
  "#{foo}-#{bar}"
end
