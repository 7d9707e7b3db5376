# compat: readme/conditions_provides  (source: sinatra test/readme_test.rb "Conditions: provides")
#
# request: GET /
# request-header: Accept: text/html
# expect-status: 200
# expect-body: html
#
# request: GET /
# request-header: Accept: application/atom+xml
# expect-status: 200
# expect-body: feed
# expect-header: Content-Type: application/atom+xml
get '/', :provides => 'html' do
  'html'
end
get '/', :provides => ['rss', 'atom', 'xml'] do
  'feed'
end
