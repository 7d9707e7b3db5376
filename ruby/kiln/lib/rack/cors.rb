# Rack::Cors (the rack-cors gem, cyu/rack-cors lib/rack/cors*.rb), bundled on
# require 'rack/cors': the same DSL and the same headers.
#
#   use Rack::Cors do
#     allow do
#       origins 'example.com', /\Ahttps:\/\/(.*)\.example\.com\z/
#       resource '/api/*', headers: :any, methods: [:get, :post], credentials: true, max_age: 600
#     end
#   end
#
# A preflight (OPTIONS with Access-Control-Request-Method) is answered here,
# 200 with the access-control-* headers when a resource allows it (an empty
# 200 otherwise); other requests with an Origin get them added to the app's
# response. Every response for a configured path gets Vary: Origin.
# debug: true adds x-rack-cors (hit / miss and why) and logs the headers.
require 'rack/utils'

module Rack
  class Cors
    HTTP_ORIGIN = 'HTTP_ORIGIN'
    HTTP_X_ORIGIN = 'HTTP_X_ORIGIN'
    HTTP_ACCESS_CONTROL_REQUEST_METHOD = 'HTTP_ACCESS_CONTROL_REQUEST_METHOD'
    HTTP_ACCESS_CONTROL_REQUEST_HEADERS = 'HTTP_ACCESS_CONTROL_REQUEST_HEADERS'
    PATH_INFO = 'PATH_INFO'
    REQUEST_METHOD = 'REQUEST_METHOD'
    RACK_LOGGER = 'rack.logger'
    RACK_CORS = ENV_KEY = 'rack.cors'
    OPTIONS = 'OPTIONS'
    DEFAULT_VARY_HEADERS = ['Origin'].freeze

    def initialize(app, opts = {}, &block)
      @app = app
      @debug_mode = !!opts[:debug]
      @logger = opts[:logger]
      return unless block
      block.arity == 1 ? block.call(self) : instance_eval(&block)
    end

    def debug?
      @debug_mode
    end

    def allow(&block)
      all_resources << (resources = Resources.new)
      block.arity == 1 ? block.call(resources) : resources.instance_eval(&block)
    end

    def call(env)
      env[HTTP_ORIGIN] ||= env[HTTP_X_ORIGIN] if env[HTTP_X_ORIGIN]
      path = evaluate_path(env)
      add_headers = nil
      if env[HTTP_ORIGIN]
        debug(env) { "Incoming Headers: Origin: #{env[HTTP_ORIGIN]} Path-Info: #{path}" }
        if env[REQUEST_METHOD] == OPTIONS && env[HTTP_ACCESS_CONTROL_REQUEST_METHOD]
          return [400, {}, []] unless Rack::Utils.valid_path?(path)
          headers = process_preflight(env, path)
          debug(env) { "Preflight Headers: #{headers.map { |kv| kv.join(': ') }.join(', ')}" }
          return [200, headers, []]
        end
        add_headers = process_cors(env, path)
      else
        Result.miss(env, Result::MISS_NO_ORIGIN)
      end

      # Matched before the app runs: apps may change PATH_INFO.
      vary_resource = resource_for_path(path)
      status, headers, body = @app.call(env)
      headers = Rack::Headers[headers] unless headers.is_a?(Kiln::Headers)
      add_headers.each { |k, v| headers[k] = v unless headers.key?(k) } if add_headers

      # Vary: Origin whenever the response could depend on it.
      if vary_resource
        vary = headers['vary']
        cors_vary = vary_resource.vary_headers && !vary_resource.vary_headers.empty? ? vary_resource.vary_headers : DEFAULT_VARY_HEADERS
        existing = vary ? [vary].flatten.map { |v| v.split(/,\s*/) }.flatten : []
        headers['vary'] = (existing + cors_vary).uniq.join(', ')
      end

      result = env[ENV_KEY]
      result.append_header(headers) if debug? && result
      [status, headers, body]
    end

    protected

    def debug(env, message = nil, &block)
      return unless debug?
      message ||= block.call
      logger = @logger.respond_to?(:call) ? @logger.call : (@logger || env[RACK_LOGGER])
      logger ? logger.debug(message) : Kiln.log_error(message)
    end

    # The path as resources match it: unescaped, dot segments resolved.
    def evaluate_path(env)
      path = env[PATH_INFO]
      return path unless path
      path = Rack::Utils.unescape_path(path)
      Rack::Utils.valid_path?(path) ? Rack::Utils.clean_path_info(path) : path
    end

    def all_resources
      @all_resources ||= []
    end

    def process_preflight(env, path)
      result = Result.preflight(env)
      resource, error = match_resource(path, env)
      unless resource
        result.miss(error)
        return {}
      end
      resource.process_preflight(env, result)
    end

    def process_cors(env, path)
      resource, error = match_resource(path, env)
      unless resource
        Result.miss(env, error)
        return nil
      end
      Result.hit(env)
      resource.to_headers(env)
    end

    def resource_for_path(path_info)
      all_resources.each do |r|
        found = r.resource_for_path(path_info)
        return found if found
      end
      nil
    end

    def match_resource(path, env)
      origin = env[HTTP_ORIGIN]
      origin_matched = false
      all_resources.each do |r|
        next unless r.allow_origin?(origin, env)
        origin_matched = true
        found = r.match_resource(path, env)
        return [found, nil] if found
      end
      [nil, origin_matched ? Result::MISS_NO_PATH : Result::MISS_NO_ORIGIN]
    end

    # Why a request got CORS headers or not (env['rack.cors']).
    class Result
      HEADER_KEY = 'x-rack-cors'
      MISS_NO_ORIGIN = 'no-origin'
      MISS_NO_PATH = 'no-path'
      MISS_NO_METHOD = 'no-method'
      MISS_DENY_METHOD = 'deny-method'
      MISS_DENY_HEADER = 'deny-header'

      attr_accessor :preflight, :hit, :miss_reason

      def hit?; !!hit; end
      def preflight?; !!preflight; end

      def miss(reason)
        self.hit = false
        self.miss_reason = reason
      end

      def self.hit(env)
        r = new
        r.preflight = false
        r.hit = true
        env[ENV_KEY] = r
      end

      def self.miss(env, reason)
        r = new
        r.preflight = false
        r.hit = false
        r.miss_reason = reason
        env[ENV_KEY] = r
      end

      def self.preflight(env)
        r = new
        r.preflight = true
        env[ENV_KEY] = r
      end

      def append_header(headers)
        headers[HEADER_KEY] = if hit?
                                preflight? ? 'preflight-hit' : 'hit'
                              else
                                [(preflight? ? 'preflight-miss' : 'miss'), miss_reason].join('; ')
                              end
      end
    end

    # One `allow` block: its origins and resources.
    class Resources
      attr_reader :resources

      def initialize
        @origins = []
        @resources = []
        @public_resources = false
      end

      # '*', 'host' / 'host:port' (any scheme), 'scheme://host', a Regexp,
      # a block or Proc (origin, env) -> true/false.
      def origins(*args, &blk)
        @origins = args.flatten.reject { |s| s == '' }.map do |n|
          if n.is_a?(Proc) || n.is_a?(Regexp) || (n.is_a?(String) && n =~ %r{\A[a-z][a-z0-9.+-]*://})
            n
          elsif n == '*'
            @public_resources = true
            n
          else
            Regexp.new("^[a-z][a-z0-9.+-]*:\\/\\/#{Regexp.escape(n)}$")
          end
        end
        @origins.push(blk) if blk
      end

      def resource(path, opts = {})
        @resources << Resource.new(public_resources?, path, opts)
      end

      def public_resources?
        @public_resources
      end

      def allow_origin?(source, env = {})
        return true if public_resources?
        !!@origins.find do |origin|
          if origin.is_a?(Proc)
            origin.call(source, env)
          elsif origin.is_a?(Regexp)
            source =~ origin
          else
            source == origin
          end
        end
      end

      def match_resource(path, env)
        @resources.find { |r| r.match?(path, env) }
      end

      def resource_for_path(path)
        @resources.find { |r| r.matches_path?(path) }
      end
    end

    # One `resource` line: a path pattern ('/api/*', '/users/:id') and what
    # it allows.
    class Resource
      # Always allowed request headers (CORS's safelisted ones).
      CORS_SIMPLE_HEADERS = %w[accept accept-language content-language content-type].freeze

      class CorsMisconfigurationError < StandardError
        def message
          'Allowing credentials for wildcard origins is insecure. ' \
            "Please specify more restrictive origins or set 'credentials' to false in your CORS configuration."
        end
      end

      attr_accessor :path, :methods, :headers, :expose, :max_age, :credentials, :pattern, :if_proc, :vary_headers

      def initialize(public_resource, path, opts = {})
        raise CorsMisconfigurationError if public_resource && opts[:credentials] == true
        self.path = path
        self.credentials = public_resource ? false : (opts[:credentials] == true)
        self.max_age = opts[:max_age] || 7200
        self.pattern = compile(path)
        self.if_proc = opts[:if]
        self.vary_headers = opts[:vary] && [opts[:vary]].flatten
        @public_resource = public_resource
        self.headers = case opts[:headers]
                       when :any then :any
                       when nil then nil
                       else [opts[:headers]].flatten.map(&:downcase)
                       end
        self.methods = (opts[:methods] == :any ? %i[get head post put patch delete options] : (opts[:methods] ? [opts[:methods]].flatten : [:get])).map(&:to_s)
        self.expose = opts[:expose] ? [opts[:expose]].flatten : nil
      end

      def matches_path?(path)
        pattern =~ path
      end

      def match?(path, env)
        matches_path?(path) && (if_proc.nil? || if_proc.call(env))
      end

      def process_preflight(env, result)
        headers = {}
        request_method = env[HTTP_ACCESS_CONTROL_REQUEST_METHOD]
        if request_method.nil?
          result.miss(Result::MISS_NO_METHOD)
          return headers
        end
        unless methods.include?(request_method.downcase)
          result.miss(Result::MISS_DENY_METHOD)
          return headers
        end
        request_headers = env[HTTP_ACCESS_CONTROL_REQUEST_HEADERS]
        if request_headers && !allow_headers?(request_headers)
          result.miss(Result::MISS_DENY_HEADER)
          return headers
        end
        result.hit = true
        headers.merge(to_preflight_headers(env))
      end

      def to_headers(env)
        h = {
          'access-control-allow-origin' => public_resource? ? '*' : env[HTTP_ORIGIN],
          'access-control-allow-methods' => methods.map { |m| m.to_s.upcase }.join(', '),
          'access-control-expose-headers' => expose.nil? ? '' : expose.join(', '),
          'access-control-max-age' => max_age.to_s
        }
        h['access-control-allow-credentials'] = 'true' if credentials
        h
      end

      protected

      def public_resource?
        @public_resource
      end

      def to_preflight_headers(env)
        h = to_headers(env)
        requested = env[HTTP_ACCESS_CONTROL_REQUEST_HEADERS]
        h['access-control-allow-headers'] = requested if requested
        h
      end

      def allow_headers?(request_headers)
        allowed = headers || []
        return true if allowed == :any
        request_headers = request_headers.split(/,\s*/) if request_headers.is_a?(String)
        request_headers.all? do |header|
          header = header.downcase
          CORS_SIMPLE_HEADERS.include?(header) || allowed.include?(header)
        end
      end

      # '/api/*' -> /^\/api\/?(.*?)$/, ':id' a segment, as rack-cors compiles.
      def compile(path)
        if path.respond_to?(:to_str)
          special = %w[. + ( ) $]
          source = path.to_str.gsub(%r{((:\w+)|/\*|[*.+()$])}) do |match|
            case match
            when '/*' then '\\/?(.*?)'
            when '*' then '(.*?)'
            when *special then Regexp.escape(match)
            else '([^/?&#]+)'
            end
          end
          Regexp.new("^#{source}$")
        elsif path.respond_to?(:match)
          path
        else
          raise TypeError, path
        end
      end
    end
  end
end
