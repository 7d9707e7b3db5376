# compat: content_type/present_params  (source: sinatra test/helpers_test.rb "handles already present params (Sinatra 4.1+ joins with ;, sinatra#2081)")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Content-Type: foo/bar;level=1;charset=utf-8
get('/') do
  content_type 'foo/bar;level=1', :charset => 'utf-8'
  'ok'
end
