# Rack::ConditionalGet (rack/conditional_get.rb): a GET/HEAD whose
# If-None-Match equals the response's etag, or whose If-Modified-Since is not
# before its last-modified, gets 304 with no body.
module Rack
  class ConditionalGet
    def initialize(app)
      @app = app
    end

    def call(env)
      return @app.call(env) unless %w[GET HEAD QUERY].include?(env['REQUEST_METHOD'])
      response = @app.call(env)
      status, headers, body = response
      if status == 200 && fresh?(env, headers)
        response[0] = 304
        headers.delete('content-type')
        headers.delete('content-length')
        body.close if body.respond_to?(:close)
        response[2] = []
      end
      response
    end

    private

    def fresh?(env, headers)
      if (none_match = env['HTTP_IF_NONE_MATCH'])
        headers['etag'] == none_match
      elsif (since = to_time(env['HTTP_IF_MODIFIED_SINCE']))
        (last = to_time(headers['last-modified'])) && since >= last
      end
    end

    def to_time(value)
      value && value.length >= 16 ? (Time.httpdate(value) rescue nil) : nil
    end
  end
end
