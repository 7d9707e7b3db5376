# compat: errors/not_found_never_raised  (source: sinatra test/mapped_error_test.rb "never raises Sinatra::NotFound beyond the application")
#
# request: GET /
# expect-status: 404
# expect-body: <h1>Not Found</h1>
# expect-header: X-Cascade: pass
get('/') { raise Sinatra::NotFound }
