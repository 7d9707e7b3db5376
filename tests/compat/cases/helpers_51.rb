# compat: helpers/escape_html  (source: sinatra test/helpers_test.rb "escape_html from Rack::Utils is available in routes")
#
# request: GET /
# expect-status: 200
# expect-body: &lt;b&gt; &amp; &quot;x&quot;
get('/') { escape_html('<b> & "x"') }
