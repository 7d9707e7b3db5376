# Rack::Session (the rack-session gem Sinatra requires): the cookie store.
require 'rack/session/cookie'
