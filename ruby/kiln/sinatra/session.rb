# Signed cookie sessions (enable :sessions): the session Hash is JSON in a
# cookie, signed with HMAC-SHA256 over settings.session_secret (or the
# SESSION_SECRET var). A cookie whose signature does not verify is ignored:
# the request starts with an empty session. Values keep their types (as
# Rack's Marshal coder does): the payload is "k1." + base64url(tagged
# JSON), see Coder; a payload without the prefix is the earlier plain
# JSON, still read. A cookie over 4096 bytes is not sent (Rack's limit).
# With `set :sessions,
# expire_after: seconds` the cookie's Max-Age is that, and the expiry is
# also inside what is signed ("payload.EXPIRY--signature"), so an expired
# cookie a client kept is an empty session too. In production a cookie
# sent over https is Secure unless the options say `secure: false`.
module Kiln
  module Session
    MIN_SECRET = 32
    MAX_COOKIE = 4096
    TAGGED = 'k1.'

    # JSON that round-trips Ruby values: String, Integer, Float, true,
    # false, nil, Array and String-keyed Hash as themselves; Symbol,
    # integral Float, Time, Date, and a Hash with other keys (or a "_k"
    # key) as {"_k" => tag, "v" => value}. Anything else is stored as its
    # to_s, as before.
    module Coder
      extend self

      def dump(v)
        case v
        when String, Integer, true, false, nil then v
        when Float then v.finite? && v != v.floor ? v : { '_k' => 'f', 'v' => v.to_s }
        when Symbol then { '_k' => 's', 'v' => v.to_s }
        when Array then v.map { |x| dump(x) }
        when Hash
          return v.each_with_object({}) { |(k, x), h| h[k] = dump(x) } if v.keys.all? { |k| k.is_a?(String) && k != '_k' }
          { '_k' => 'h', 'v' => v.map { |k, x| [dump(k), dump(x)] } }
        when Time then { '_k' => 't', 'v' => [v.to_i, v.usec, v.utc?] }
        else
          return { '_k' => 'd', 'v' => v.jd } if Object.const_defined?(:Date) && v.is_a?(Date)
          v.to_s
        end
      end

      def load(v)
        case v
        when Array then v.map { |x| load(x) }
        when Hash
          return v.each_with_object({}) { |(k, x), h| h[k] = load(x) } unless v.key?('_k')
          x = v['v']
          case v['_k']
          when 'f' then x.to_f
          when 's' then x.to_sym
          when 'h' then x.each_with_object({}) { |(k, y), h| h[load(k)] = load(y) }
          when 't' then x[2] ? Time.at(x[0], x[1]).utc : Time.at(x[0], x[1])
          when 'd' then Object.const_defined?(:Date) ? Date.jd(x) : x
          else v
          end
        else v
        end
      end
    end

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
      raw = Utils.parse_cookies_header(env['HTTP_COOKIE'])[opts[:key]]
      data = {}
      if raw && (sep = raw.rindex('--'))
        payload = raw[0, sep]
        digest = raw[sep + 2, raw.length]
        if Kiln::Crypto.secure_compare(digest, sign(app, payload)) && !expired?(payload)
          dot = expiry_dot(payload)
          payload = payload[0, dot] if dot
          begin
            tagged = payload.start_with?(TAGGED)
            parsed = JSON.parse(Base64.urlsafe_decode64(tagged ? payload[TAGGED.length, payload.length] : payload))
            parsed = Coder.load(parsed) if tagged
            data = parsed if parsed.is_a?(Hash)
          rescue StandardError
            data = {}
          end
        end
      end
      env['rack.session'] = IndifferentHash[data]
      env['rack.session.options'] = opts.merge(secret: secret(app))
      env['kiln.session.loaded'] = JSON.generate(Coder.dump(data))
      env['kiln.session.cookie'] = !raw.nil?
    end

    # Whether a verified "payload.EXPIRY" is past its expiry (base64url has
    # no '.'; a cookie without one was written without expire_after).
    def expired?(signed)
      dot = expiry_dot(signed)
      dot ? signed[dot + 1, signed.length].to_i <= Time.now.to_i : false
    end

    # Where "payload.EXPIRY" puts the expiry's dot, or nil. The tag's own dot
    # ("k1.") is not one: base64url has no dots, so an expiry's is later, and
    # only digits follow it.
    def expiry_dot(signed)
      dot = signed.rindex('.')
      return nil unless dot && dot >= TAGGED.length
      digits = signed[dot + 1, signed.length]
      dot if !digits.empty? && digits.each_char.all? { |c| c >= '0' && c <= '9' }
    end

    def commit(app, env, headers)
      session = env['rack.session']
      return unless session.is_a?(Hash)
      json = JSON.generate(Coder.dump(session))
      return if json == env['kiln.session.loaded'] && !env['kiln.session.renew']
      opts = options(app)
      cookie = opts.reject { |k, _| k == :key || k == :secret || k == :expire_after }
      cookie[:max_age] = opts[:expire_after] if opts[:expire_after]
      cookie[:secure] = true if !opts.key?(:secure) && app.production? && env['rack.url_scheme'] == 'https'
      if session.empty? && env['kiln.session.cookie']
        cookie = cookie.merge(value: '', max_age: '0', expires: Time.at(0))
      else
        payload = TAGGED + Base64.urlsafe_encode64(json)
        payload = "#{payload}.#{Time.now.to_i + opts[:expire_after].to_i}" if opts[:expire_after]
        cookie[:value] = "#{payload}--#{sign(app, payload)}"
        if cookie[:value].bytesize > MAX_COOKIE
          Kiln.log_error("kiln: the session cookie is #{cookie[:value].bytesize} bytes, over the #{MAX_COOKIE} " \
                         'a browser keeps: not sent (the session is unchanged); keep large data in KV or D1')
          return
        end
      end
      line = Utils.set_cookie_header(opts[:key], cookie)
      headers['set-cookie'] = Response.header_values(headers['set-cookie'], line)
    end
  end
end
