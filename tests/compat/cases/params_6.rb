# compat: params/non_nested_preserved  (source: sinatra test/routing_test.rb "preserves non-nested params")
#
# request: GET /foo?article_id=2&comment[body]=awesome
# expect-status: 200
# expect-body: 2|awesome|nil
get '/foo' do
  [params['article_id'], params['comment']['body'], params['comment[body]'].inspect].join('|')
end
