# compat: rack_middleware/method_override  (source: rack test/spec_method_override.rb "modify REQUEST_METHOD for POST requests when _method parameter is set", "... X-HTTP-Method-Override", "not modify REQUEST_METHOD if the method is unknown", "store the original REQUEST_METHOD")
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=delete
# expect-status: 200
# expect-body: DELETE from POST
#
# request: POST /
# request-header: X-HTTP-Method-Override: PATCH
# expect-status: 200
# expect-body: PATCH from POST
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=foo
# expect-status: 200
# expect-body: POST from nil
disable :method_override
use Rack::MethodOverride

%w[post delete patch].each do |verb|
  send(verb, '/') { "#{request.request_method} from #{env['rack.methodoverride.original_method'] || 'nil'}" }
end
