# Signed cookie sessions (enable :sessions): the session Hash is JSON in a
# cookie, signed with HMAC-SHA256 over settings.session_secret (or the
# SESSION_SECRET var). A cookie whose signature does not verify is ignored:
# the request starts with an empty session. With `set :sessions,
# expire_after: seconds` the cookie's Max-Age is that, and the expiry is
# also inside what is signed ("payload.EXPIRY--signature"), so an expired
# cookie a client kept is an empty session too. In production a cookie
# sent over https is Secure unless the options say `secure: false`.
module Kiln
  module Session
    MIN_SECRET = 32

    extend self

    def options(app)
      opts = app.sessions.is_a?(Hash) ? app.sessions : {}
      { key: 'rack.session', path: '/', httponly: true, same_site: :lax }.merge(opts)
    end

    # Production refuses to run sessions on a missing or short secret.
    def secret(app)
      secret = app.session_secret
      return secret if secret && secret.to_s.bytesize >= MIN_SECRET
      if app.production?
        raise Kiln::Error, "enable :sessions needs a session secret of at least #{MIN_SECRET} bytes in production: " \
                           "set :session_secret or the SESSION_SECRET variable (wrangler secret put SESSION_SECRET)"
      end
      @dev_secret ||= begin
        problem = secret ? "session_secret is #{secret.to_s.bytesize} bytes, shorter than the #{MIN_SECRET} it needs" : 'no session_secret set'
        Kiln.log_error("kiln: #{problem}: using a random one for this isolate instead, so sessions reset when it restarts " \
                       "(production refuses to boot). Set SESSION_SECRET in .dev.vars to #{MIN_SECRET}+ random bytes, " \
                       'e.g. the output of `openssl rand -hex 32`')
        SecureRandom.hex(32)
      end
    end

    def sign(app, data)
      OpenSSL::HMAC.hexdigest('SHA256', secret(app), data)
    end

    def load(app, env)
      opts = options(app)
      raw = Utils.parse_cookies(env['HTTP_COOKIE'])[opts[:key]]
      data = {}
      if raw && (sep = raw.rindex('--'))
        payload = raw[0, sep]
        digest = raw[sep + 2, raw.length]
        if Kiln::Crypto.secure_compare(digest, sign(app, payload)) && !expired?(payload)
          payload = payload[0, payload.rindex('.')] if payload.include?('.')
          begin
            parsed = JSON.parse(Base64.urlsafe_decode64(payload))
            data = parsed if parsed.is_a?(Hash)
          rescue StandardError
            data = {}
          end
        end
      end
      env['rack.session'] = IndifferentHash[data]
      env['rack.session.options'] = opts.merge(secret: secret(app))
      env['kiln.session.loaded'] = JSON.generate(data)
      env['kiln.session.cookie'] = !raw.nil?
    end

    # Whether a verified "payload.EXPIRY" is past its expiry (base64url has
    # no '.'; a cookie without one was written without expire_after).
    def expired?(signed)
      dot = signed.rindex('.')
      dot ? signed[dot + 1, signed.length].to_i <= Time.now.to_i : false
    end

    def commit(app, env, headers)
      session = env['rack.session']
      return unless session.is_a?(Hash)
      json = JSON.generate(session)
      return if json == env['kiln.session.loaded'] && !env['kiln.session.renew']
      opts = options(app)
      cookie = opts.reject { |k, _| k == :key || k == :secret || k == :expire_after }
      cookie[:max_age] = opts[:expire_after] if opts[:expire_after]
      cookie[:secure] = true if !opts.key?(:secure) && app.production? && env['rack.url_scheme'] == 'https'
      if session.empty? && env['kiln.session.cookie']
        cookie = cookie.merge(value: '', max_age: '0', expires: Time.at(0))
      else
        payload = Base64.urlsafe_encode64(json)
        payload = "#{payload}.#{Time.now.to_i + opts[:expire_after].to_i}" if opts[:expire_after]
        cookie[:value] = "#{payload}--#{sign(app, payload)}"
      end
      line = Utils.set_cookie_header(opts[:key], cookie)
      headers['set-cookie'] = Response.header_values(headers['set-cookie'], line)
    end
  end
end
