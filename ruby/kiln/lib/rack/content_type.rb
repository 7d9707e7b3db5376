# Rack::ContentType (rack/content_type.rb): a default content-type.
require 'rack/utils'

module Rack
  class ContentType
    def initialize(app, content_type = 'text/html')
      @app = app
      @content_type = content_type
    end

    def call(env)
      response = @app.call(env)
      response[1]['content-type'] ||= @content_type unless Utils::STATUS_WITH_NO_ENTITY_BODY.key?(response[0].to_i)
      response
    end
  end
end
