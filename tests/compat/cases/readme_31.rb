# compat: readme/etag_example  (source: sinatra test/readme_test.rb "ETag example with a conditional GET")
#
# request: GET /article/1
# expect-status: 200
# expect-body: the article
# expect-header: ETag: "article-1"
#
# request: GET /article/1
# request-header: If-None-Match: "article-1"
# expect-status: 304
# expect-body:
get '/article/:id' do
  etag "article-#{params[:id]}"
  'the article'
end
