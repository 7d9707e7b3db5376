# compat: stdlib/session_types  (source: rack-protection EncryptedCookie's Marshal coder keeps session value types)
#
# request: GET /set
# expect-status: 200
# expect-body: set
#
# request: GET /get
# expect-status: 200
# expect-body: Time 0 :admin 2.0 [1, :x]
enable :sessions
set :session_secret, 'k' * 64
get('/set') do
  session[:at] = Time.at(0).utc
  session[:role] = :admin
  session[:f] = 2.0
  session[:list] = [1, :x]
  'set'
end
get('/get') { "#{session[:at].class} #{session[:at].to_i} #{session[:role].inspect} #{session[:f].inspect} #{session[:list].inspect}" }
