# Rack::URLMap is defined with Rack::Builder.
require 'rack/builder'
