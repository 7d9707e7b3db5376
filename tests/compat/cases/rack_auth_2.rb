# compat: rack_auth/modular_and_request  (source: sinatra README "use Rack::Auth::Basic" in a modular app; rack test/spec_auth_basic.rb "supports #request for a Rack::Request object")
#
# request: GET /protected
# request-header: Authorization: Basic YWRtaW46YWRtaW4=
# expect-status: 200
# expect-body: admin|Rack::Request|true
#
# request: GET /protected
# request-header: Authorization: Basic YWRtaW46d3Jvbmc=
# expect-status: 401
class Protected < Sinatra::Base
  use Rack::Auth::Basic, 'Protected Area' do |username, password|
    Rack::Utils.secure_compare(username, 'admin') && Rack::Utils.secure_compare(password, 'admin')
  end

  get '/protected' do
    auth = Rack::Auth::Basic::Request.new(env)
    [auth.username, auth.request.is_a?(Rack::Request) ? 'Rack::Request' : auth.request.class, auth.basic?].join('|')
  end
end

run Protected
