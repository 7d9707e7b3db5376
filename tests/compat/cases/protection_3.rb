# compat: protection/authenticity_token  (source: sinatra rack-protection/spec/lib/rack/protection/authenticity_token_spec.rb: denies a POST without token; accepts the raw and the masked token in X-CSRF-Token or the authenticity_token field; denies a bad token; per-form tokens bind to their path; a GET sets the session's token)
#
# request: GET /form
# expect-status: 200
# expect-body: token set: true
#
# request: POST /
# expect-status: 403
# expect-body: Forbidden
#
# request: POST /
# request-header: X-Token-From-Session: raw
# expect-status: 200
# expect-body: posted
#
# request: POST /
# request-header: X-Token-From-Session: masked
# expect-status: 200
#
# request: POST /
# request-header: X-Token-From-Session: field
# request-header: Content-Type: application/x-www-form-urlencoded
# expect-status: 200
#
# request: POST /
# request-header: X-Token-From-Session: bad
# expect-status: 403
#
# request: POST /foo
# request-header: X-Token-From-Session: per-form /foo
# expect-status: 200
#
# request: POST /bar
# request-header: X-Token-From-Session: per-form /foo
# expect-status: 403
#
# request: POST /
# request-header: X-Requested-With: XMLHttpRequest
# expect-status: 403

# Plays the browser that read the token from the page: puts it where the
# request header says (what a form's hidden field or a fetch header carries).
class TokenFromSession
  def initialize(app) = @app = app

  def call(env)
    session = env['rack.session']
    case (how = env['HTTP_X_TOKEN_FROM_SESSION'])
    when 'raw' then env['HTTP_X_CSRF_TOKEN'] = session['csrf']
    when 'masked' then env['HTTP_X_CSRF_TOKEN'] = Rack::Protection::AuthenticityToken.token(session)
    when 'bad' then env['HTTP_X_CSRF_TOKEN'] = Base64.strict_encode64('badtoken')
    when 'field'
      env['rack.input'] = "authenticity_token=#{Rack::Utils.escape(Rack::Protection::AuthenticityToken.token(session))}"
    when /\Aper-form (.*)\z/
      env['HTTP_X_CSRF_TOKEN'] = Rack::Protection::AuthenticityToken.token(session, path: $1)
    end
    @app.call(env)
  end
end

enable :sessions
set :session_secret, 's' * 64
use TokenFromSession
use Rack::Protection::AuthenticityToken

get('/form') { "token set: #{!session[:csrf].nil?}" }
post('/') { 'posted' }
post('/foo') { 'posted' }
post('/bar') { 'posted' }
