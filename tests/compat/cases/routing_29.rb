# compat: routing/regexp_optional_named_captures  (source: sinatra test/routing_test.rb "supports optional named captures like %r{/page(?<format>.[^/?#]+)?}")
#
# request: GET /page.html
# expect-status: 200
# expect-body: format=.html
#
# request: GET /page.xml
# expect-status: 200
# expect-body: format=.xml
#
# request: GET /page
# expect-status: 200
# expect-body: format=
get Regexp.new('/page(?<format>.[^/?#]+)?') do
  "format=#{params[:format]}"
end
