# compat: rack_middleware/content_length_type_runtime_head  (source: rack test/spec_content_length.rb "set content-length on Array bodies if none is set", spec_content_type.rb "set content-type to default text/html if none is set", spec_runtime.rb "sets x-runtime is none is set", spec_head.rb)
#
# request: GET /
# expect-status: 200
# expect-body: Hello, World!
# expect-header: Content-Length: 13
# expect-header: Content-Type: text/html
# expect-header-present: X-Runtime-App
#
# request: HEAD /
# expect-status: 200
# expect-body:
# A plain Rack app under the middleware, as the rack specs use.
class Plain
  def self.call(_env) = [200, {}, ['Hello, World!']]
end

run Rack::Builder.new {
  use Rack::ContentLength
  use Rack::ContentType
  use Rack::Runtime, 'App'
  use Rack::Head
  run Plain
}
