# compat: method_override/original_method  (source: sinatra test/sinatra_test.rb "the original method is kept in rack.methodoverride.original_method")
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=PUT
# expect-status: 200
# expect-body: POST
put('/') { env['rack.methodoverride.original_method'].to_s }
