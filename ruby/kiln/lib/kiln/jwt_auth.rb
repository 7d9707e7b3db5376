require 'jwt'

# Bearer-token authentication for Kiln apps:
#
#   register Kiln::JWTAuth
#   set :jwt_secret, proc { ENV['JWT_SECRET'] }   # the default; or a PKey (RS256, ES256, EdDSA)
#   set :jwt_algorithm, 'HS256'                    # the default
#   set :jwt_verify, { iss: 'https://auth.example', aud: 'api', leeway: 30 }
#   get('/me') { authenticate!; json current_user }
#
# authenticate! answers 401 with a JSON {"error": ...} and a
# WWW-Authenticate: Bearer challenge (RFC 6750) unless the request carries a
# valid token; current_user is the token's payload (nil without one).
module Kiln
  module JWTAuth
    def self.registered(app)
      app.set :jwt_secret, proc { ENV['JWT_SECRET'] } unless app.respond_to?(:jwt_secret)
      app.set :jwt_algorithm, 'HS256' unless app.respond_to?(:jwt_algorithm)
      app.set :jwt_verify, {} unless app.respond_to?(:jwt_verify)
      app.set :jwt_realm, 'api' unless app.respond_to?(:jwt_realm)
      app.helpers Helpers
    end

    module Helpers
      # The token of an "Authorization: Bearer <token>" header, or nil.
      def bearer_token
        scheme, token = request.env['HTTP_AUTHORIZATION'].to_s.split(' ', 2)
        scheme.to_s.downcase == 'bearer' && token && !token.strip.empty? ? token.strip : nil
      end

      # The verified payload, or nil (no token, or an invalid one: see jwt_error).
      def current_user
        return @jwt_payload if @jwt_checked
        @jwt_checked = true
        @jwt_error = nil
        token = bearer_token
        return @jwt_payload = nil unless token
        options = { algorithm: settings.jwt_algorithm }
        settings.jwt_verify.each { |k, v| options[k.to_sym] = v }
        @jwt_payload, @jwt_header = JWT.decode(token, jwt_key, true, options)
        @jwt_payload
      rescue JWT::DecodeError => e
        @jwt_error = e
        @jwt_payload = nil
      end

      def jwt_header; current_user && @jwt_header; end
      def jwt_error; current_user; @jwt_error; end

      def authenticate!
        return current_user if current_user
        error = @jwt_error
        description = error ? error.message : 'missing bearer token'
        challenge = %(Bearer realm="#{settings.jwt_realm}")
        challenge += %(, error="invalid_token", error_description="#{description.delete('"')}") if error
        headers 'WWW-Authenticate' => challenge
        halt 401, { 'content-type' => 'application/json' }, JSON.generate(error: error ? 'invalid_token' : 'unauthorized', message: description)
      end

      # A token signed with the app's key and algorithm; exp_in: seconds of validity.
      def jwt_encode(payload, exp_in: nil, header: {})
        payload = payload.each_with_object({}) { |(k, v), h| h[k.to_s] = v }
        now = Time.now.to_i
        payload['iat'] ||= now
        payload['exp'] ||= now + exp_in if exp_in
        JWT.encode(payload, jwt_key, settings.jwt_algorithm, header)
      end

      private

      def jwt_key
        key = settings.jwt_secret
        raise Kiln::Error, 'register Kiln::JWTAuth needs set :jwt_secret or the JWT_SECRET variable' if key.nil? || key == ''
        key = OpenSSL::PKey.read(key) if key.is_a?(String) && key.include?('-----BEGIN ')
        key
      end
    end
  end
end
