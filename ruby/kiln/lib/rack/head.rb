# Rack::Head (rack/head.rb): no body for HEAD (Kiln sends none anyway).
module Rack
  class Head
    def initialize(app)
      @app = app
    end

    def call(env)
      response = @app.call(env)
      if env['REQUEST_METHOD'] == 'HEAD'
        body = response[2]
        body.close if body.respond_to?(:close)
        response[2] = []
      end
      response
    end
  end
end
