# compat: delegator/top_level_dsl  (source: sinatra test/delegator_test.rb "delegates get/set/helpers/before from the top level")
#
# request: GET /
# expect-status: 200
# expect-body: DELEGATEDb
set :word, 'delegated'
helpers do
  def loud(s) = s.upcase
end
before { @b = 'b' }
get('/') { loud(settings.word) + @b }
