# Rack::MethodOverride (rack/method_override.rb): a POST's _method form field
# (or X-HTTP-Method-Override) picks the verb. Sinatra's `set
# :method_override` runs the same step (Kiln::Middleware.method_override!,
# ruby/kiln/sinatra/middleware.rb), which this calls.
module Rack
  class MethodOverride
    HTTP_METHODS = Kiln::Middleware::OVERRIDABLE
    METHOD_OVERRIDE_PARAM_KEY = '_method'
    HTTP_METHOD_OVERRIDE_HEADER = 'HTTP_X_HTTP_METHOD_OVERRIDE'
    ALLOWED_METHODS = %w[POST].freeze

    def initialize(app, allowed_methods: ALLOWED_METHODS, allowed_overrides: HTTP_METHODS)
      @app = app
      @allowed_methods = allowed_methods
      @allowed_overrides = allowed_overrides
    end

    def call(env)
      Kiln::Middleware.method_override!(env, @allowed_methods, @allowed_overrides)
      @app.call(env)
    end
  end
end
