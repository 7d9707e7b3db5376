# Rack::Auth::Basic (rack/auth/basic.rb and rack/auth/abstract/*.rb): HTTP
# Basic authentication as middleware, `use Rack::Auth::Basic, 'Realm' do
# |user, pass| ... end`; a request without valid credentials gets Rack's
# 401 with a www-authenticate challenge, a malformed one a 400.
module Rack
  module Auth
    class AbstractHandler
      attr_accessor :realm

      def initialize(app, realm = nil, &authenticator)
        @app = app
        @realm = realm
        @authenticator = authenticator
      end

      private

      def unauthorized(www_authenticate = challenge)
        [401, { 'content-type' => 'text/plain', 'content-length' => '0', 'www-authenticate' => www_authenticate.to_s }, []]
      end

      def bad_request
        [400, { 'content-type' => 'text/plain', 'content-length' => '0' }, []]
      end
    end

    class AbstractRequest
      AUTHORIZATION_KEYS = ['HTTP_AUTHORIZATION', 'X-HTTP_AUTHORIZATION', 'X_HTTP_AUTHORIZATION'].freeze

      def initialize(env)
        @env = env
      end

      def request
        @request ||= Rack::Request.new(@env)
      end

      def provided?
        !authorization_key.nil? && valid?
      end

      def valid?
        !@env[authorization_key].nil?
      end

      def parts
        @parts ||= @env[authorization_key].split(' ', 2)
      end

      def scheme
        @scheme ||= (first = parts.first) && first.downcase
      end

      def params
        @params ||= parts.last
      end

      private

      def authorization_key
        @authorization_key ||= AUTHORIZATION_KEYS.find { |key| @env.key?(key) }
      end
    end

    class Basic < AbstractHandler
      def call(env)
        auth = Basic::Request.new(env)
        return unauthorized unless auth.provided?
        return bad_request unless auth.basic?
        if valid?(auth)
          env['REMOTE_USER'] = auth.username
          return @app.call(env)
        end
        unauthorized
      end

      private

      def challenge
        format('Basic realm="%s"', realm)
      end

      def valid?(auth)
        @authenticator.call(*auth.credentials)
      end

      class Request < Auth::AbstractRequest
        def basic?
          scheme == 'basic' && credentials.length == 2
        end

        def credentials
          @credentials ||= Base64.decode64(params.to_s).split(':', 2)
        end

        def username
          credentials.first
        end
      end
    end
  end
end
