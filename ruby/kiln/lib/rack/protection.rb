# Rack::Protection (sinatra/rack-protection's lib/rack/protection/*.rb) as
# middleware for `use Rack::Protection`, `use Rack::Protection::JsonCsrf`...
# Sinatra's own `set :protection` is not this file: the runtime does its
# default steps itself (ruby/kiln/sinatra/middleware.rb: path traversal,
# frame options, XSS/nosniff headers); this is what apps add with `use`.
# Every class reacts as rack-protection's: by default a 403 "Forbidden"
# (text/plain), :reaction => :drop_session / :report / a method of yours;
# :logging writes the warning to the Worker's log.
require 'rack/utils'

module Rack
  module Protection
    # rack-protection's Rack::Protection.new: the default set, minus
    # :except, plus :use; without_session (Sinatra's, when sessions are off)
    # leaves out the two that need one.
    def self.new(app, options = {})
      except = Array(options[:except])
      use_these = Array(options[:use])
      except += %i[session_hijacking remote_token] if options.fetch(:without_session, false)
      chain = []
      { authenticity_token: AuthenticityToken, content_security_policy: ContentSecurityPolicy,
        cookie_tossing: CookieTossing, escaped_params: EscapedParams, form_token: FormToken,
        referrer_policy: ReferrerPolicy, remote_referrer: RemoteReferrer, strict_transport: StrictTransport }
        .each { |name, klass| chain << klass if use_these.include?(name) }
      { frame_options: FrameOptions, http_origin: HttpOrigin, ip_spoofing: IPSpoofing, json_csrf: JsonCsrf,
        path_traversal: PathTraversal, remote_token: RemoteToken, session_hijacking: SessionHijacking,
        xss_header: XSSHeader }.each { |name, klass| chain << klass unless except.include?(name) }
      chain.reverse.inject(app) { |inner, klass| klass.new(inner, options) }
    end

    class Base
      DEFAULT_OPTIONS = {
        reaction: :default_reaction, logging: true, message: 'Forbidden', session_key: 'rack.session',
        status: 403, allow_empty_referrer: true, report_key: 'protection.failed',
        html_types: %w[text/html application/xhtml text/xml application/xml]
      }.freeze

      attr_reader :app, :options

      # Each class's defaults, merged over its superclass's.
      def self.default_options(options = nil)
        @default_options = options if options
        inherited = superclass.respond_to?(:default_options) ? superclass.default_options : DEFAULT_OPTIONS
        @default_options ? inherited.merge(@default_options) : inherited
      end

      def self.default_reaction(reaction)
        alias_method(:default_reaction, reaction)
      end

      def initialize(app, options = {})
        @app = app
        @options = self.class.default_options.merge(options)
      end

      def safe?(env)
        %w[GET HEAD OPTIONS TRACE].include?(env['REQUEST_METHOD'])
      end

      def accepts?(_env)
        raise NotImplementedError, "#{self.class} implementation pending"
      end

      def call(env)
        result = react(env) unless accepts?(env)
        result || app.call(env)
      end

      def react(env)
        result = send(options[:reaction], env)
        result if result.is_a?(Array) && result.size == 3
      end

      def warn(env, message)
        return unless options[:logging]
        logger = options[:logger] || env['rack.logger']
        logger ? logger.warn(message) : Kiln.log_error(message)
      end

      def deny(env)
        warn(env, "attack prevented by #{self.class}")
        [options[:status], { 'content-type' => 'text/plain' }, [options[:message]]]
      end

      def report(env)
        warn(env, "attack reported by #{self.class}")
        env[options[:report_key]] = true
      end

      def session?(env)
        env.include?(options[:session_key])
      end

      def session(env)
        return env[options[:session_key]] if session?(env)
        raise "you need to set up a session middleware *before* #{self.class}"
      end

      def drop_session(env)
        return unless session?(env)
        session(env).clear
        warn(env, "session dropped by #{self.class}")
      end

      # The Referer's host (the request's own for an empty one, unless
      # :allow_empty_referrer is off).
      def referrer(env)
        ref = env['HTTP_REFERER'].to_s
        return nil if !options[:allow_empty_referrer] && ref.empty?
        start = ref.index('://')
        return Request.new(env).host unless start
        host = ref[start + 3, ref.length].split(/[\/?#]/).first.to_s
        host = host.split('@').last.to_s
        host = host.start_with?('[') ? host[0, (host.index(']') || host.length) + 1] : host.split(':').first.to_s
        host.empty? ? Request.new(env).host : host.downcase
      end

      def origin(env)
        env['HTTP_ORIGIN'] || env['HTTP_X_ORIGIN']
      end

      def random_string(_secure = true)
        SecureRandom.hex(16)
      end

      def encrypt(value)
        Digest::SHA1.hexdigest(value.to_s)
      end

      def secure_compare(a, b)
        Rack::Utils.secure_compare(a.to_s, b.to_s)
      end

      alias default_reaction deny

      def html?(headers)
        header = headers.find { |k, _v| k.downcase == 'content-type' }
        return false unless header
        options[:html_types].include?(header.last.to_s.split(';').first.to_s.strip)
      end
    end

    # Denies a JSON response to a cross-site GET (a <script src> reading it):
    # no Origin and a Referer from another host, unless XHR or :allow_if.
    class JsonCsrf < Base
      default_options allow_if: nil
      alias react deny

      def call(env)
        request = Request.new(env)
        status, headers, body = app.call(env)
        return [status, headers, body] unless has_vector?(request, headers)
        warn(env, "attack prevented by #{self.class}")
        reaction = react(env)
        body.close if reaction && body.respond_to?(:close)
        reaction || [status, headers, body]
      end

      def has_vector?(request, headers)
        return false if request.xhr?
        return false if options[:allow_if] && options[:allow_if].call(request.env)
        type = (headers['content-type'] || headers['Content-Type']).to_s.split(';', 2).first.to_s.strip
        return false unless type == 'application/json'
        origin(request.env).nil? && referrer(request.env) != request.host
      end
    end

    # Denies unsafe requests whose Origin is neither the app's own base URL
    # nor in :permitted_origins.
    class HttpOrigin < Base
      DEFAULT_PORTS = { 'http' => 80, 'https' => 443, 'coffee' => 80 }.freeze
      default_reaction :deny
      default_options allow_if: nil

      def base_url(env)
        request = Rack::Request.new(env)
        port = request.port == DEFAULT_PORTS[request.scheme] ? '' : ":#{request.port}"
        "#{request.scheme}://#{request.host}#{port}"
      end

      def accepts?(env)
        return true if safe?(env)
        return true unless (origin = env['HTTP_ORIGIN'])
        return true if base_url(env) == origin
        return true if options[:allow_if] && options[:allow_if].call(env)
        Array(options[:permitted_origins]).include?(origin)
      end
    end

    # Drops the session when the User-Agent (:track) changes within it.
    class SessionHijacking < Base
      default_reaction :drop_session
      default_options tracking_key: :tracking, track: %w[HTTP_USER_AGENT]

      def accepts?(env)
        session = session(env)
        key = options[:tracking_key]
        if session.include?(key)
          session[key].all? { |k, v| v == encode(env[k]) }
        else
          session[key] = {}
          options[:track].each { |k| session[key][k] = encode(env[k]) }
        end
      end

      def encode(value)
        value.to_s.downcase
      end
    end

    # CSRF tokens: unsafe requests need the session's token, masked (a fresh
    # pad each time: AuthenticityToken.token(session), what a form embeds as
    # authenticity_token) or as it is, in the X-CSRF-Token header or the
    # :authenticity_param form field.
    class AuthenticityToken < Base
      TOKEN_LENGTH = 32
      GLOBAL_TOKEN_IDENTIFIER = '!real_csrf_token'
      default_options authenticity_param: 'authenticity_token', key: :csrf, allow_if: nil

      def self.token(session, path: nil, method: :post)
        new(nil).mask_authenticity_token(session, path: path, method: method)
      end

      def self.random_token
        SecureRandom.urlsafe_base64(TOKEN_LENGTH, false)
      end

      def accepts?(env)
        session = session(env)
        set_token(session)
        safe?(env) ||
          valid_token?(env, env['HTTP_X_CSRF_TOKEN']) ||
          valid_token?(env, Request.new(env).params[options[:authenticity_param]]) ||
          (options[:allow_if] && options[:allow_if].call(env))
      rescue StandardError
        false
      end

      def mask_authenticity_token(session, path: nil, method: :post)
        set_token(session)
        token = path && method ? per_form_token(session, path, method) : global_token(session)
        mask_token(token)
      end

      private

      def set_token(session)
        session[options[:key]] ||= self.class.random_token
      end

      def valid_token?(env, token)
        return false if token.nil? || !token.is_a?(String) || token.empty?
        session = session(env)
        begin
          token = decode_token(token)
        rescue ArgumentError
          return false
        end
        if token.bytesize == TOKEN_LENGTH
          compare_with_real_token(token, session)
        elsif token.bytesize == TOKEN_LENGTH * 2
          token = unmask_token(token)
          compare_with_global_token(token, session) || compare_with_real_token(token, session) ||
            compare_with_per_form_token(token, session, Request.new(env))
        else
          false
        end
      end

      def mask_token(token)
        pad = SecureRandom.random_bytes(token.bytesize)
        encode_token(pad + xor_byte_strings(pad, token))
      end

      def unmask_token(masked)
        half = masked.bytesize / 2
        xor_byte_strings(masked.byteslice(0, half), masked.byteslice(half, half))
      end

      def compare_with_real_token(token, session) secure_compare(token, real_token(session)) end
      def compare_with_global_token(token, session) secure_compare(token, global_token(session)) end

      def compare_with_per_form_token(token, session, request)
        secure_compare(token, per_form_token(session, request.path.chomp('/'), request.request_method))
      end

      def real_token(session) decode_token(session[options[:key]]) end
      def global_token(session) token_hmac(session, GLOBAL_TOKEN_IDENTIFIER) end
      def per_form_token(session, path, method) token_hmac(session, "#{path}##{method.to_s.downcase}") end
      def encode_token(token) Base64.urlsafe_encode64(token) end
      def decode_token(token) Base64.urlsafe_decode64(token) end
      def token_hmac(session, identifier) OpenSSL::HMAC.digest('SHA256', real_token(session), identifier) end

      def xor_byte_strings(s1, s2)
        s2 = s2.dup
        i = 0
        while i < s1.bytesize
          s2.setbyte(i, s1.getbyte(i) ^ s2.getbyte(i))
          i += 1
        end
        s2
      end
    end

    # An XHR passes without a token.
    class FormToken < AuthenticityToken
      def accepts?(env)
        env['HTTP_X_REQUESTED_WITH'] == 'XMLHttpRequest' || super
      end
    end

    # A token, or a Referer from this host.
    class RemoteToken < AuthenticityToken
      default_reaction :deny

      def accepts?(env)
        super || referrer(env) == Request.new(env).host
      end
    end

    class RemoteReferrer < Base
      default_reaction :deny

      def accepts?(env)
        safe?(env) || referrer(env) == Request.new(env).host
      end
    end

    # X-Forwarded-For must contain Client-IP and X-Real-IP when they are set.
    class IPSpoofing < Base
      default_reaction :deny

      def accepts?(env)
        return true unless env.include?('HTTP_X_FORWARDED_FOR')
        ips = env['HTTP_X_FORWARDED_FOR'].split(',').map(&:strip)
        return false if env.include?('HTTP_CLIENT_IP') && !ips.include?(env['HTTP_CLIENT_IP'])
        return false if env.include?('HTTP_X_REAL_IP') && !ips.include?(env['HTTP_X_REAL_IP'])
        true
      end
    end

    # "/a/%2e%2e/b" -> "/b" for the app (Kiln's own cleanup, middleware.rb).
    class PathTraversal < Base
      def call(env)
        path_was = env['PATH_INFO']
        env['PATH_INFO'] = cleanup(path_was) if path_was && !path_was.empty?
        app.call(env)
      ensure
        env['PATH_INFO'] = path_was
      end

      def cleanup(path)
        Kiln::Middleware.clean_path(path)
      end
    end

    class FrameOptions < Base
      default_options frame_options: :sameorigin

      def frame_options
        @frame_options ||= (o = options[:frame_options]).respond_to?(:to_str) ? o.to_str : o.to_s.upcase
      end

      def call(env)
        status, headers, body = @app.call(env)
        headers['x-frame-options'] ||= frame_options if html?(headers)
        [status, headers, body]
      end
    end

    class XSSHeader < Base
      default_options xss_mode: :block, nosniff: true

      def call(env)
        status, headers, body = @app.call(env)
        headers['x-xss-protection'] ||= "1; mode=#{options[:xss_mode]}" if html?(headers)
        headers['x-content-type-options'] ||= 'nosniff' if options[:nosniff]
        [status, headers, body]
      end
    end

    class StrictTransport < Base
      default_options max_age: 31_536_000, include_subdomains: false, preload: false

      def strict_transport
        value = "max-age=#{options[:max_age]}"
        value += '; includeSubDomains' if options[:include_subdomains]
        value += '; preload' if options[:preload]
        value
      end

      def call(env)
        status, headers, body = @app.call(env)
        headers['strict-transport-security'] ||= strict_transport
        [status, headers, body]
      end
    end

    class ReferrerPolicy < Base
      default_options referrer_policy: 'strict-origin-when-cross-origin'

      def call(env)
        status, headers, body = @app.call(env)
        headers['referrer-policy'] ||= options[:referrer_policy]
        [status, headers, body]
      end
    end

    class ContentSecurityPolicy < Base
      default_options default_src: "'self'", report_only: false
      DIRECTIVES = %i[base_uri child_src connect_src default_src font_src form_action frame_ancestors frame_src
                      img_src manifest_src media_src object_src plugin_types referrer reflected_xss report_to
                      report_uri require_sri_for sandbox script_src style_src worker_src webrtc_src navigate_to
                      prefetch_src].freeze
      NO_ARG_DIRECTIVES = %i[block_all_mixed_content disown_opener upgrade_insecure_requests].freeze

      def csp_policy
        directives = DIRECTIVES.select { |d| options.key?(d) }.map { |d| "#{d.to_s.sub('_', '-')} #{options[d]}" }
        NO_ARG_DIRECTIVES.each { |d| directives << d.to_s.tr('_', '-') if options[d] == true }
        directives.sort.join('; ')
      end

      def call(env)
        status, headers, body = @app.call(env)
        header = options[:report_only] ? 'content-security-policy-report-only' : 'content-security-policy'
        headers[header] ||= csp_policy if html?(headers)
        [status, headers, body]
      end
    end

    # HTML-escapes the params the app sees (:escape => :html / :url): the
    # query string and a urlencoded form body are rewritten with the escaped
    # values, so the app's own parse reads them (multipart bodies are left).
    class EscapedParams < Base
      default_options escape: :html

      def call(env)
        modes = Array(options[:escape])
        request = Request.new(env)
        env['QUERY_STRING'] = Utils.build_nested_query(escape(request.GET, modes)) unless request.GET.empty?
        if request.media_type == 'application/x-www-form-urlencoded' && !request.POST.empty?
          form = Utils.build_nested_query(escape(request.POST, modes))
          env['rack.input'] = form
          env['CONTENT_LENGTH'] = form.bytesize.to_s
        end
        app.call(env)
      end

      def escape(object, modes)
        case object
        when Hash then object.each_with_object({}) { |(k, v), h| h[k] = escape(v, modes) }
        when Array then object.map { |o| escape(o, modes) }
        when String
          s = object
          s = Rack::Utils.escape(s) if modes.include?(:url)
          s = Rack::Utils.escape_html(s) if modes.include?(:html)
          s
        else object
        end
      end
    end

    # Denies a request carrying two session cookies (one tossed from a
    # subdomain) and expires the extra ones.
    class CookieTossing < Base
      default_reaction :deny

      def call(env)
        @bad_cookies = []
        status, headers, body = super
        response = Rack::Response.new(body, status, headers)
        request = Rack::Request.new(env)
        path = request.path.to_s.empty? ? '/' : request.path
        paths = ['/']
        path.split('/').reject(&:empty?).each { |part| paths << "#{paths.last.chomp('/')}/#{part}" }
        @bad_cookies.each do |name|
          paths.each { |p| response.set_cookie(name, value: '', domain: request.host, path: p, expires: Time.at(0)) }
        end
        response.finish
      end

      def accepts?(env)
        key = options[:session_key]
        seen = Hash.new(0)
        env['HTTP_COOKIE'].to_s.split(/[;,] */).each { |pair| seen[pair.split('=', 2).first] += 1 }
        seen.each do |k, n|
          @bad_cookies << k if (k == key && n > 1) || (k != key && Rack::Utils.unescape(k) == key)
        end
        @bad_cookies.empty?
      end
    end
  end
end
