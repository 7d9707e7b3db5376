# compat: rack_auth/basic  (source: rack test/spec_auth_basic.rb: challenge, rechallenge, correct credentials, other scheme, malformed header, username only)
#
# request: GET /
# expect-status: 401
# expect-body:
# expect-header: WWW-Authenticate: Basic realm="WallysWorld"
# expect-header: Content-Type: text/plain
#
# request: GET /
# request-header: Authorization: Basic am9lOnBhc3N3b3Jk
# expect-status: 401
# expect-header: WWW-Authenticate: Basic realm="WallysWorld"
#
# request: GET /
# request-header: Authorization: Basic Qm9zczpwYXNzd29yZA==
# expect-status: 200
# expect-body: Hi Boss
#
# request: GET /
# request-header: Authorization: Digest params
# expect-status: 400
# expect-no-header: WWW-Authenticate
#
# request: GET /
# request-header: Authorization: Basic Zm9v
# expect-status: 400
# expect-no-header: WWW-Authenticate
use Rack::Auth::Basic, 'WallysWorld' do |username, _password|
  username == 'Boss'
end

get('/') { "Hi #{env['REMOTE_USER']}" }
