# Rack::Lint (rack/lint.rb), the checks that matter on Kiln: the app is
# called with an env (a Hash with the CGI keys and rack.input) and answers
# [status, headers, body] with an Integer status of 100 or more, a Hash of
# lower-case String header names to String (or Array of String) values, and
# a body that responds to each or call. A violation raises Rack::Lint::LintError
# (a 500, logged with the reason) instead of reaching the client.
module Rack
  class Lint
    class LintError < RuntimeError; end

    REQUIRED_ENV = %w[REQUEST_METHOD SERVER_NAME QUERY_STRING rack.input rack.url_scheme].freeze

    def initialize(app)
      @app = app
    end

    def call(env = nil)
      raise LintError, 'No env given' unless env
      raise LintError, "env #{env.inspect} is not a Hash, but #{env.class}" unless env.is_a?(Hash)
      REQUIRED_ENV.each { |key| raise LintError, "env missing required key #{key}" unless env.key?(key) }
      response = @app.call(env)
      raise LintError, "response is not an Array, but #{response.class}" unless response.is_a?(Array)
      raise LintError, "response array has #{response.size} elements instead of 3" unless response.size == 3
      status, headers, body = response
      raise LintError, "Status must be an Integer >=100, got #{status.inspect}" unless status.is_a?(Integer) && status >= 100
      raise LintError, "headers object should be a hash, but isn't (got #{headers.class} as headers)" unless headers.is_a?(Hash)
      headers.each do |key, value|
        raise LintError, "header key must be a string, was #{key.class}" unless key.is_a?(String)
        raise LintError, "uppercase character in header name: #{key}" if key != key.downcase
        values = value.is_a?(Array) ? value : [value]
        raise LintError, "header values must respond to #each and contain Strings (#{key})" unless values.all? { |v| v.is_a?(String) }
      end
      raise LintError, 'Response body must respond to each or call' unless body.respond_to?(:each) || body.respond_to?(:call)
      response
    end
  end
end
