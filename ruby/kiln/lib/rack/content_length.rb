# Rack::ContentLength (rack/content_length.rb): content-length for buffered
# bodies that have none. (Kiln's own responses always carry one.)
require 'rack/utils'

module Rack
  class ContentLength
    def initialize(app)
      @app = app
    end

    def call(env)
      response = @app.call(env)
      status, headers, body = response
      if !Utils::STATUS_WITH_NO_ENTITY_BODY.key?(status.to_i) && !headers['content-length'] &&
         !headers['transfer-encoding'] && body.respond_to?(:to_ary)
        response[2] = body = body.to_ary
        headers['content-length'] = body.inject(0) { |n, part| n + part.to_s.bytesize }.to_s
      end
      response
    end
  end
end
