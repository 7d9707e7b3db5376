# Rack::Auth (autoloaded when the app names it): HTTP Basic authentication.
require 'rack/auth/basic'
