# Kiln::Base: the Sinatra-style application class. Class level: routes,
# filters, error handlers, settings. Instance level: one per request (a dup
# of the prototype), with params/request/response and the flow helpers.
module Kiln
  # Params readable with String or Symbol keys, like Sinatra::IndifferentHash.
  class IndifferentHash < Hash
    def self.[](hash)
      h = new
      hash.each { |k, v| h[k] = v }
      h
    end

    def [](key) super(key.is_a?(Symbol) ? key.to_s : key) end
    def []=(key, value) super(key.is_a?(Symbol) ? key.to_s : key, value) end
    def key?(key) super(key.is_a?(Symbol) ? key.to_s : key) end
    def fetch(key, *rest, &blk) super(key.is_a?(Symbol) ? key.to_s : key, *rest, &blk) end
    def delete(key) super(key.is_a?(Symbol) ? key.to_s : key) end
    alias has_key? key?
    alias include? key?

    def merge(other)
      h = IndifferentHash[self]
      other.each { |k, v| h[k] = v }
      h
    end
  end

  class NotFound < Error
    def http_status; 404; end
  end

  class Base
    Route = Struct.new(:pattern, :names, :block)

    class << self
      def routes; @routes ||= {}; end
      def filters; @filters ||= { before: [], after: [] }; end
      def errors; @errors ||= {}; end

      def get(path, opts = {}, &block)
        route('GET', path, opts, &block)
        route('HEAD', path, opts, &block)
      end

      %w[post put patch delete options link unlink].each do |verb|
        define_method(verb) { |path, opts = {}, &block| route(verb.upcase, path, opts, &block) }
      end

      def route(verb, path, _opts = {}, &block)
        raise ArgumentError, "#{verb} #{path.inspect} needs a block" unless block
        pattern = Pattern.new(path.to_s)
        (routes[verb] ||= []) << Route.new(pattern, pattern.names, block)
      end

      def before(path = nil, &block) filters[:before] << filter(path, block) end
      def after(path = nil, &block) filters[:after] << filter(path, block) end

      # error(404) { }, error(MyError) { }, error(400..499) { }
      def error(*codes, &block)
        codes = [Exception] if codes.empty?
        codes.each { |c| errors[c] = block }
      end

      def not_found(&block) error(404, &block) end

      def helpers(*modules, &block)
        modules.each { |m| include(m) }
        class_eval(&block) if block
      end

      def settings; self; end

      def set(name, value = nil, &block)
        if name.is_a?(Hash)
          name.each { |k, v| set(k, v) }
          return self
        end
        value = block if block
        settings_store[name.to_sym] = value
        define_singleton_method(name) { settings_lookup(name.to_sym) } unless respond_to?(name)
        self
      end

      def enable(*names) names.each { |n| set(n, true) } end
      def disable(*names) names.each { |n| set(n, false) } end

      def environment; Kiln.environment || :development; end
      def development?; environment == :development; end
      def production?; environment == :production; end
      def test?; environment == :test; end

      def configure(*envs)
        yield self if envs.empty? || envs.include?(environment)
      end

      def settings_store; @settings ||= {}; end

      def settings_lookup(name)
        klass = self
        while klass.respond_to?(:settings_store)
          return klass.settings_store[name] if klass.settings_store.key?(name)
          klass = klass.superclass
        end
        nil
      end

      # Rack entry point: a fresh instance per request.
      def call(env)
        new.call(env)
      end

      private

      def filter(path, block)
        Route.new(path && Pattern.new(path.to_s), path ? Pattern.new(path.to_s).names : [], block)
      end
    end

    attr_reader :env, :request, :response, :params

    def settings; self.class; end

    def call(env)
      @env = env
      @request = Request.new(env)
      @response = Response.new
      @response['content-type'] = 'text/html;charset=utf-8'
      @params = IndifferentHash[@request.params]
      invoke { dispatch! }
      invoke { error_block!(@response.status) } unless @env['sinatra.error']
      @response.finish
    end

    # Flow control ---------------------------------------------------------

    def halt(*response)
      response = response.first if response.size == 1
      throw :halt, response
    end

    def pass
      throw :pass
    end

    def redirect(uri, status = nil)
      status ||= env['SERVER_PROTOCOL'] == 'HTTP/1.1' && !request.get? ? 303 : 302
      response['location'] = uri.include?('://') ? uri : "#{request.scheme}://#{request.host}#{port_suffix}#{uri}"
      halt status
    end

    def not_found(body = nil)
      error(404, body)
    end

    def error(code, body = nil)
      code, body = 500, code if code.is_a?(String)
      response.body = body unless body.nil?
      halt code
    end

    # Response helpers ----------------------------------------------------

    def status(value = nil)
      response.status = value if value
      response.status
    end

    def headers(hash = nil)
      hash.each { |k, v| response[k] = v } if hash
      response.headers
    end

    def body(value = nil, &block)
      response.body = block ? block.call : value if block || value
      response.body
    end

    def content_type(type, params = {})
      type = type.to_s
      type = MIME[type] || MIME[type.delete('.')] || type unless type.include?('/')
      type += ';charset=utf-8' if type.start_with?('text/') && !params.key?(:charset) && !type.include?('charset')
      params.each { |k, v| type += ";#{k}=#{v}" }
      response['content-type'] = type
    end

    MIME = {
      'html' => 'text/html', 'txt' => 'text/plain', 'text' => 'text/plain', 'css' => 'text/css',
      'js' => 'application/javascript', 'json' => 'application/json', 'xml' => 'application/xml',
      'png' => 'image/png', 'svg' => 'image/svg+xml', 'bin' => 'application/octet-stream'
    }.freeze

    def h(text) Utils.escape_html(text.to_s) end
    alias escape_html h

    def development?; settings.development?; end
    def production?; settings.production?; end

    private

    def port_suffix
      default = request.scheme == 'https' ? 443 : 80
      request.port == default ? '' : ":#{request.port}"
    end

    # Runs the block catching :halt and applies what it returned, in any of
    # the Rack shapes Sinatra accepts.
    def invoke
      result = catch(:halt) { yield }
      apply(result)
    end

    def apply(result)
      case result
      when Integer then response.status = result
      when String then response.body = result
      when Array
        if result.first.is_a?(Integer)
          result = result.dup
          response.status = result.shift
          response.body = result.pop unless result.empty?
          headers(result.first) unless result.empty?
        elsif !result.empty?
          response.body = result
        end
      else
        response.body = result if result.respond_to?(:each) && !result.is_a?(Hash)
      end
    end

    def dispatch!
      filter!(:before)
      route!
    rescue ::Exception => e
      invoke { handle_exception!(e) }
    ensure
      begin
        filter!(:after) unless @env['sinatra.error.after']
      rescue ::Exception => e
        @env['sinatra.error.after'] = true
        invoke { handle_exception!(e) }
      end
    end

    def filter!(kind)
      klass_chain.each do |klass|
        klass.filters[kind].each do |f|
          if f.pattern
            values = f.pattern.match(request.path_info) or next
            with_params(f.names, values) { instance_exec(&f.block) }
          else
            instance_exec(&f.block)
          end
        end
      end
    end

    def route!
      verb = request.request_method
      klass_chain.each do |klass|
        (klass.routes[verb] || []).each do |r|
          values = r.pattern.match(request.path_info) or next
          # A route that calls `pass` falls through to the next match.
          with_params(r.names, values) do
            catch(:pass) { throw :halt, instance_exec(*values.compact, &r.block) }
          end
        end
      end
      route_missing
    end

    def route_missing
      raise NotFound, "#{request.request_method} #{request.path_info}"
    end

    # Merges captures into params for the duration of the block.
    def with_params(names, values)
      saved = @params
      @params = @params.merge({})
      names.each_with_index do |name, i|
        if name == 'splat'
          (@params['splat'] ||= []) << values[i]
        elsif !values[i].nil? || !@params.key?(name)
          @params[name] = values[i]
        end
      end
      yield
    ensure
      @params = saved
    end

    def klass_chain
      chain = []
      klass = self.class
      while klass.respond_to?(:routes)
        chain << klass
        klass = klass.superclass
      end
      chain
    end

    def handle_exception!(e)
      @env['sinatra.error'] = e
      status = e.respond_to?(:http_status) ? e.http_status : 500
      status = 500 unless (400..599).include?(status)
      response.status = status
      if status == 404
        response['x-cascade'] = 'pass'
        response.body = '<h1>Not Found</h1>'
      end
      handled = error_block!(e.class, status)
      return handled if handled
      return response.body if status < 500
      Kiln.log_error(Kiln.format_exception(e))
      return development_error_page(e) if settings.development?
      '<h1>Internal Server Error</h1>'
    end

    # The first handler for the exception's class (or an ancestor), or for
    # the status (an Integer or a Range); nil if none matched.
    def error_block!(key, status = key)
      klass_chain.each do |klass|
        if key.is_a?(Class)
          k = key
          while k
            block = klass.errors[k]
            return instance_exec(@env['sinatra.error'], &block) if block
            k = k.superclass
          end
        end
        klass.errors.each do |code, block|
          next unless (code.is_a?(Integer) && code == status) || (code.is_a?(Range) && code.include?(status))
          return instance_exec(@env['sinatra.error'], &block)
        end
      end
      nil
    end

    def development_error_page(e)
      response['content-type'] = 'text/html;charset=utf-8'
      "<!DOCTYPE html>\n<html><head><title>#{h(e.class.to_s)} at #{h(request.path_info)}</title></head>" \
        "<body><h1>#{h(e.class.to_s)}</h1><h2>#{h(e.message)}</h2>" \
        "<pre>#{h((e.backtrace || []).join("\n"))}</pre></body></html>\n"
    end
  end
end
