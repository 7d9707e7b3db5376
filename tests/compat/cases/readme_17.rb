# compat: readme/filters_admin  (source: sinatra test/readme_test.rb "Filters with patterns")
#
# request: GET /protected/page
# expect-status: 401
# expect-body: login first
#
# request: GET /protected/page?token=ok
# expect-status: 200
# expect-body: secret
#
# request: GET /create/post-1
# expect-status: 200
# expect-body: made
# expect-header: X-Slug: post-1
before '/protected/*' do
  halt 401, 'login first' unless params['token'] == 'ok'
end
after '/create/:slug' do |slug|
  headers 'X-Slug' => slug
end
get('/protected/page') { 'secret' }
get('/create/:slug') { 'made' }
