# compat: results/each_object  (source: sinatra test/result_test.rb "sets response.body when result responds to #each")
#
# request: GET /
# expect-status: 200
# expect-body: HelloWorld
get('/') do
  res = Object.new
  def res.each
    ['Hello', 'World'].each { |x| yield x }
  end
  res
end
