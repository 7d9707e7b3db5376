# compat: errors/http_status_plain_error_ignored  (source: sinatra test/mapped_error_test.rb "only Sinatra::Error subclasses choose their status (Sinatra 4)")
#
# request: GET /
# expect-status: 500
# expect-body: <h1>Internal Server Error</h1>
class FooSpecialError < RuntimeError
  def http_status; 501 end
end
get('/') { raise FooSpecialError }
