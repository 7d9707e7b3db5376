# Rack::Session::Cookie (rack-session's rack/session/cookie.rb) on Kiln's
# signed cookie sessions (ruby/kiln/sinatra/session.rb: the session is JSON,
# HMAC-SHA256 signed, ignored when the signature does not verify), so
# `use Rack::Session::Cookie, secret: ..., key: ...` and `enable :sessions`
# are one mechanism. Options: :secret (or :secrets, the first is used; at
# least 32 bytes, else in production the request fails as with `enable
# :sessions`), :key ('rack.session'), :path, :domain, :expire_after
# (seconds), :secure, :httponly (true), :same_site. Not supported: :coder
# (the format is Kiln's), :old_secret.
require 'rack/utils'

module Rack
  module Session
    class Cookie
      # What Kiln::Session reads from a Sinatra app: its settings.
      class Settings
        attr_reader :sessions, :session_secret

        def initialize(options, secret)
          @sessions = options
          @session_secret = secret
        end

        def production?; Kiln.environment == :production; end
      end

      def initialize(app, options = {})
        @app = app
        options = options.dup
        secret = options.delete(:secret) || Array(options.delete(:secrets)).first
        options.delete(:coder)
        options[:httponly] = options.delete(:http_only) if options.key?(:http_only)
        @settings = Settings.new(options, secret)
      end

      def call(env)
        Kiln::Session.load(@settings, env)
        status, headers, body = @app.call(env)
        headers = Rack::Headers[headers] unless headers.is_a?(Kiln::Headers)
        Kiln::Session.commit(@settings, env, headers)
        [status, headers, body]
      end
    end
  end
end
