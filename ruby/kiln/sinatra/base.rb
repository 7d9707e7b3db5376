# Kiln::Base: the Sinatra-style application class (Sinatra::Base). Class
# level: routes, filters, error handlers, settings, conditions. Instance
# level: one per request, with params/request/response and the flow helpers.
module Kiln
  # Params readable with String or Symbol keys (Sinatra::IndifferentHash).
  class IndifferentHash < Hash
    def self.[](hash)
      h = new
      hash.each { |k, v| h[k] = v }
      h
    end

    def self.convert_value(v)
      case v
      when IndifferentHash then v
      when Hash then IndifferentHash[v]
      when Array then v.map { |x| convert_value(x) }
      else v
      end
    end

    def [](key) super(key.is_a?(Symbol) ? key.to_s : key) end
    def []=(key, value) super(key.is_a?(Symbol) ? key.to_s : key, IndifferentHash.convert_value(value)) end
    alias store []=
    def key?(key) super(key.is_a?(Symbol) ? key.to_s : key) end
    alias has_key? key?
    alias include? key?
    alias member? key?
    def fetch(key, *rest, &blk) super(key.is_a?(Symbol) ? key.to_s : key, *rest, &blk) end
    def delete(key) super(key.is_a?(Symbol) ? key.to_s : key) end
    def dig(key, *rest) (v = self[key]).nil? || rest.empty? ? v : v.dig(*rest) end
    def values_at(*keys) keys.map { |k| self[k] } end

    def merge!(other)
      other.each { |k, v| self[k] = v }
      self
    end
    alias update merge!

    # As Sinatra's: a dup (its values are converted already), then merge!.
    def merge(other)
      dup.merge!(other)
    end

    def slice(*keys)
      h = IndifferentHash.new
      keys.each { |k| h[k] = self[k] if key?(k) }
      h
    end

    def except(*keys)
      h = IndifferentHash[self]
      keys.each { |k| h.delete(k) }
      h
    end

    def self.name; 'Sinatra::IndifferentHash'; end
    def self.to_s; name; end
    def self.inspect; name; end

    def symbolize_keys
      h = {}
      each { |k, v| h[k.to_sym] = v }
      h
    end
  end

  class NotFound < Error
    def http_status; 404; end
  end

  class BadRequest < Error
    def http_status; 400; end
  end

  class Base
    # An instance is made of one helper module per concern (Sinatra::Helpers,
    # streams, templates, bindings...): the includes are at the end of
    # sinatra/helpers.rb, which loads after every file that defines one.

    NOT_SET = Object.new.freeze
    NO_CAPTURES = {}.freeze
    SUBCLASSES = []
    # A route, filter or error handler: pattern (nil = any), its conditions,
    # its block as an UnboundMethod of the class (as Sinatra compiles it;
    # instance_exec would give every request's instance a singleton class:
    # ~5 µs to make, and freeing it clears mruby's method cache), its source
    # ("GET /x") and whether the block takes arguments.
    Route = Struct.new(:pattern, :conditions, :block, :source, :takes_args)

    class << self
      attr_reader :routes, :filters, :errors

      def reset!
        @routes = {}
        @filters = { before: [], after: [] }
        @errors = {}
        @conditions = []
        @extensions = []
        @middleware = []
        @stack = nil
      end

      def inherited(subclass)
        super
        subclass.reset!
        Base.subclasses << subclass unless subclass.name == 'Kiln::Application'
      end

      def subclasses
        Base::SUBCLASSES
      end

      # Verbs ------------------------------------------------------------
      def get(path, opts = {}, &block)
        conditions = @conditions.dup
        route('GET', path, opts, &block)
        @conditions = conditions
        route('HEAD', path, opts, &block)
      end

      def put(path, opts = {}, &block) route('PUT', path, opts, &block) end
      def post(path, opts = {}, &block) route('POST', path, opts, &block) end
      def delete(path, opts = {}, &block) route('DELETE', path, opts, &block) end
      def head(path, opts = {}, &block) route('HEAD', path, opts, &block) end
      def options(path, opts = {}, &block) route('OPTIONS', path, opts, &block) end
      def patch(path, opts = {}, &block) route('PATCH', path, opts, &block) end
      def link(path, opts = {}, &block) route('LINK', path, opts, &block) end
      def unlink(path, opts = {}, &block) route('UNLINK', path, opts, &block) end

      def route(verb, path, options = {}, &block)
        raise ArgumentError, "#{verb} #{path.inspect} needs a block" unless block
        signature = compile!(verb, path, block, options)
        (@routes[verb] ||= []) << signature
        invoke_hook(:route_added, verb, path, block)
        signature
      end

      def extensions
        superclass.respond_to?(:extensions) ? (@extensions + superclass.extensions).uniq : @extensions
      end

      def invoke_hook(name, *args)
        extensions.each { |e| e.send(name, *args) if e.respond_to?(name) }
      end

      def before(path = nil, options = {}, &block) add_filter(:before, path, options, &block) end
      def after(path = nil, options = {}, &block) add_filter(:after, path, options, &block) end

      def add_filter(type, path = nil, options = {}, &block)
        path, options = nil, path if path.is_a?(Hash)
        @filters[type] << compile!(type, path, block, options)
      end

      # error(404) { }, error(MyError) { |e| }, error(400..499) { }, error { }
      def error(*codes, &block)
        args = compile!('ERROR', nil, block, {})
        codes = codes.map { |c| c.is_a?(Range) ? c.to_a : c }.flatten
        codes << Exception if codes.empty?
        codes << NotFound if codes.include?(404)
        codes.each { |c| (@errors[c] ||= []) << args }
      end

      def not_found(&block) error(404, &block) end

      # Conditions -------------------------------------------------------
      def condition(name = nil, &block)
        @conditions << generate_method("condition #{name}", block)
      end

      def host_name(pattern)
        condition { pattern === request.host }
      end

      def user_agent(pattern)
        condition do
          if request.user_agent.to_s =~ pattern
            @params[:agent] = $~.captures
            true
          else
            false
          end
        end
      end
      alias agent user_agent

      def provides(*types)
        types = types.flatten.map { |t| (found = mime_types(t)).empty? ? [t.to_s] : found }.flatten
        condition do
          current = response['content-type']
          preferred = request.preferred_type(types)
          if current
            types.include?(current) || types.include?(current.split(';').first)
          elsif preferred
            content_type(preferred)
            true
          else
            false
          end
        end
      end

      # Settings ---------------------------------------------------------
      def settings; self; end

      def set(option, value = NOT_SET, ignore_setter = false, &block)
        if block
          raise ArgumentError, 'set takes a value or a block, not both' unless value.equal?(NOT_SET)
          value = block
        end
        if value.equal?(NOT_SET)
          raise ArgumentError, "set #{option.inspect} needs a value" unless option.respond_to?(:each)
          option.each { |k, v| set(k, v) }
          return self
        end
        setter = "#{option}="
        return send(setter, value) if !ignore_setter && respond_to?(setter)
        name = option.to_sym
        if value.is_a?(Proc)
          # The block is the getter, arguments included (custom conditions:
          # set(:probability) { |v| condition { rand <= v } }).
          define_singleton_method(name, &value)
        else
          define_singleton_method(name) { value }
        end
        define_singleton_method(setter) { |v| set(name, v.is_a?(Hash) && value.is_a?(Hash) ? value.merge(v) : v, true) }
        define_singleton_method("#{name}?") { !!send(name) }
        self
      end

      def enable(*names) names.each { |n| set(n, true) } end
      def disable(*names) names.each { |n| set(n, false) } end

      def development?; environment == :development; end
      def production?; environment == :production; end
      def test?; environment == :test; end

      def configure(*envs)
        yield self if envs.empty? || envs.include?(environment.to_sym)
      end

      # mime_type(:foo, 'application/foo') registers; mime_type(:json) looks up.
      def mime_type(type, value = nil)
        return Mime.lookup(type) if value.nil?
        Mime.register(type, value)
      end

      # application/xml and application/javascript also answer text/xml and
      # text/javascript, as in Sinatra.
      def mime_types(type)
        t = Mime.lookup(type)
        return [] unless t
        t == 'application/xml' || t == 'application/javascript' ? [t, "text/#{t.split('/').last}"] : [t]
      end

      # Whether content_type should add "; charset=..." to this type.
      def charset_for?(mime)
        Utils.charset_for?(add_charset, mime)  # src/text/text.cpp
      end

      # Extensions -------------------------------------------------------
      def helpers(*modules, &block)
        class_eval(&block) if block
        modules.each { |m| include(m) }
      end

      def register(*extensions, &block)
        extensions << Module.new(&block) if block
        @extensions += extensions
        extensions.each do |ext|
          extend ext
          ext.registered(self) if ext.respond_to?(:registered)
        end
      end

      # Rack middleware, as Sinatra's `use`: [class, args, block], the
      # superclass's first; built once around the app (Middleware.call runs
      # Sinatra's default middleware outside them, as Sinatra's build does).
      # The Rack boundary is kiln/lib/kiln/rack.rb, bundled with `use`.
      def use(middleware, *args, &block)
        Loader.require('kiln/rack')
        @stack = nil
        @middleware << [middleware, args, block]
      end

      def middleware
        superclass.respond_to?(:middleware) ? superclass.middleware + @middleware : @middleware
      end

      # The app inside its middleware; nil when it has none (the common
      # case: Middleware.call then makes the instance itself).
      def stack
        return @stack unless @stack.nil?
        @stack = middleware.empty? ? false : build_stack(->(env) { new.call!(env) })
      end

      # Rack entry point: a fresh instance per request.
      def call(env)
        Middleware.call(self, env)
      end

      private

      def compile!(verb, path, block, options)
        raise ArgumentError, "#{verb} #{path.inspect} needs a block" unless block
        unless path.nil? || path.is_a?(String) || path.is_a?(Symbol) || path.respond_to?(:match)
          raise TypeError, "#{path.inspect} is not a valid route pattern"
        end
        options = options.dup
        host_name(options.delete(:host)) if options.key?(:host)
        options.each { |option, args| args.is_a?(Array) ? send(option, *args) : send(option, args) }
        conditions = @conditions
        @conditions = []
        # Strings are Sinatra patterns; a Regexp (or any object with
        # #match returning MatchData) is used as it is.
        pattern = path.nil? || (path.respond_to?(:match) && !path.is_a?(String) && !path.is_a?(Symbol)) ? path : Pattern.new(path.to_s)
        source = "#{verb} #{path}"
        Route.new(pattern, conditions, generate_method(source, block), source, block.arity != 0)
      end

      # The block as an UnboundMethod of this class (Sinatra's
      # generate_method), called with bind_call on the request's instance.
      def generate_method(name, block)
        name = :"__kiln #{name}"
        define_method(name, &block)
        method = instance_method(name)
        remove_method(name)
        method
      end
    end

    reset!

    # Defaults, as in Sinatra::Base.
    set :environment, proc { Kiln.environment || :development }
    set :raise_errors, proc { test? }
    set :dump_errors, proc { !test? }
    set :show_exceptions, proc { development? }
    set :sessions, false
    set :session_secret, proc { ENV['SESSION_SECRET'] }
    set :logging, false
    set :protection, true
    set :method_override, false
    set :use_code, false
    set :default_encoding, 'utf-8'
    set :x_cascade, true
    set :add_charset, %w[application/javascript application/xml application/xhtml+xml text/]
    set :default_content_type, 'text/html'
    set :absolute_redirects, true
    set :prefixed_redirects, false
    set :strict_paths, true
    set :views, 'views'
    set :max_body_size, 10 * 1024 * 1024  # bytes; nil for no limit (ruby/kiln/sinatra/middleware.rb)
    set :multipart_max_parts, Multipart::MAX_PARTS  # ruby/kiln/multipart.rb
    set :multipart_max_header_size, Multipart::MAX_HEADER_SIZE
    # VM steps (backward jumps + calls) a request may run between awaits; nil
    # or 0 for no limit. Read once, after app.rb is loaded (src/core/cpu_budget.h).
    set :cpu_budget, proc { ENV['KILN_CPU_BUDGET'] ? ENV['KILN_CPU_BUDGET'].to_i : 100_000_000 }

    attr_accessor :env, :request, :response, :params

    def settings; self.class; end

    def call(env)
      dup.call!(env)
    end

    def call!(env)
      @env = env
      env['kiln.multipart_limits'] = [settings.multipart_max_parts, settings.multipart_max_header_size]
      @params = IndifferentHash.new
      @request = Request.new(env)
      @response = Response.new
      @pinned_response = nil
      invoke { dispatch! }
      status = response.status
      invoke { error_block!(status) } if !@env['sinatra.error'] && error_handler?(status)
      if !@response.headers.lower_get('content-type') && (default = settings.default_content_type)
        content_type default
      end
      @response.finish(@request.head?)
    end

    def halt(*response)
      response = response.first if response.size == 1
      throw :halt, response
    end

    def pass(&block)
      throw :pass, block
    end

    private

    # Runs the block catching :halt and applies what it returned, in any of
    # the shapes Sinatra accepts.
    def invoke
      res = catch(:halt) { yield }
      res = [res] if res.is_a?(Integer) || res.is_a?(String)
      if res.is_a?(Array) && res.first.is_a?(Integer)
        res = res.dup
        status(res.shift)
        body(res.pop)
        headers(*res)
      elsif res.respond_to?(:each) && !res.is_a?(Hash)
        body res
      end
      nil
    end

    def dispatch!
      params = @request.params
      @params.merge!(params) unless params.empty?
      invoke do
        filter!(:before) { @pinned_response = !response['content-type'].nil? }
        route!
      end
    rescue ::Exception => e
      invoke { handle_exception!(e) }
    ensure
      begin
        filter!(:after)
      rescue ::Exception => e
        invoke { handle_exception!(e) } unless @env['sinatra.error']
      end
    end

    def filter!(type, base = settings, &after_each)
      filter!(type, base.superclass, &after_each) if base.superclass.respond_to?(:filters)
      filters = base.filters[type]
      return if filters.empty?
      filters.each do |f|
        result = process_route(f) { |r, args| run_block(r, args) }
        after_each.call(result) if after_each
      end
    end

    # Returns the matching route's value (what Sinatra throws with :halt):
    # the common path raises nothing, which in wasm saves an exception per
    # request. `halt` and `pass` still throw.
    def route!(base = settings, pass_block = nil)
      (base.routes[@request.request_method] || []).each do |route|
        @response.headers.lower_delete('content-type') unless @pinned_response
        matched = false
        result = nil
        returned = process_route(route) do |r, args|
          @env['sinatra.route'] = r.source
          result = run_block(r, args)
          matched = true
          nil
        end
        return result if matched
        pass_block = returned if returned
      end
      return route!(base.superclass, pass_block) if base.superclass.respond_to?(:routes)
      return pass_block.call if pass_block
      route_missing
    end

    def route_missing
      raise NotFound
    end

    # Matches the route against PATH_INFO; on a match merges its params for
    # the duration of the block, checks conditions, and yields. Returns what
    # `pass` threw (nil or a block) when the route did not take the request.
    def process_route(route, block_params = nil)
      path = @request.path_info
      path = '/' if path.empty?
      path = path[0, path.length - 1] if path != '/' && path.end_with?('/') && !settings.strict_paths?
      captured = match_route(route.pattern, path)
      return nil unless captured
      named, values = captured
      original = @params
      unless named.empty?
        # A capture that matched nothing keeps a query param of that name.
        merged = @params.dup
        named.each { |k, v| merged[k] = v unless v.nil? && merged.key?(k) }
        @params = merged
      end
      catch(:pass) do
        route.conditions.each { |c| throw :pass if c.bind_call(self) == false }
        yield(route, block_params || values)
      end
    rescue ::Exception => e
      @env['sinatra.error.params'] = @params
      raise e
    ensure
      @params = original if original && !@env['sinatra.error.params']
    end

    # As Sinatra: a block without parameters is called without the values.
    def run_block(route, args)
      route.takes_args ? route.block.bind_call(self, *args) : route.block.bind_call(self)
    end

    # [params Hash, block values] or nil.
    def match_route(pattern, path)
      return [{}, []] if pattern.nil?
      if pattern.is_a?(Pattern)
        values = pattern.match(path) or return nil
        names = pattern.names
        return [NO_CAPTURES, values] if names.empty?
        named = {}
        i = 0
        while i < names.size
          name = names[i]
          if name == 'splat'
            (named['splat'] ||= []) << values[i]
          else
            named[name] = values[i] unless values[i].nil? && named.key?(name)
          end
          i += 1
        end
        [named, values]
      else
        m = pattern.match(path)
        return nil unless m && m.pre_match.empty? && m.post_match.empty?
        captures = m.captures.map { |c| c && Utils.unescape_path(c) }
        named = {}
        names = m.respond_to?(:names) ? m.names : []
        names.each { |n| named[n] = m[n] && Utils.unescape_path(m[n]) }
        named['captures'] = captures if names.empty? && !captures.empty?
        [named, captures]
      end
    end

    def handle_exception!(boom)
      error_params = @env['sinatra.error.params']
      @params = @params.merge(error_params) if error_params
      @env['sinatra.error'] = boom
      # As Sinatra: only Sinatra::Error subclasses carry their status; and,
      # as a Worker should, an unrescued JSON::ParserError is the client's
      # malformed body: 400 (not a NestingError from generating the server's data).
      code = boom.is_a?(Kiln::Error) && boom.respond_to?(:http_status) ? boom.http_status : nil
      code = 400 if code.nil? && boom.is_a?(JSON::ParserError) && !(boom.is_a?(JSON::NestingError) && boom.generating?)
      code = boom.code if code.nil? && settings.use_code? && boom.respond_to?(:code)
      code = 500 unless code.is_a?(Integer) && code >= 400 && code <= 599
      status(code)
      if server_error?
        Kiln.log_error(Kiln.format_exception(boom)) if settings.dump_errors?
        return development_error_page(boom) if settings.show_exceptions? && settings.show_exceptions != :after_handler
      elsif not_found?
        headers['x-cascade'] = 'pass' if settings.x_cascade?
      end
      res = error_block!(boom.class, boom) || error_block!(status, boom)
      return res if res
      if not_found? || bad_request?
        if boom.message && !boom.message.empty? && boom.message != boom.class.to_s
          body Utils.escape_html(boom.message)
        else
          content_type 'text/html'
          body "<h1>#{not_found? ? 'Not Found' : 'Bad Request'}</h1>"
        end
      end
      return unless server_error?
      raise boom if settings.raise_errors?
      error_block!(Exception, boom)
    end

    # Whether error_block!(status) has a handler to run (most statuses have
    # none: skip its catch and walk).
    def error_handler?(status)
      base = settings
      while base.respond_to?(:errors)
        return true if base.errors[status]
        base = base.superclass
      end
      false
    end

    # Runs the handlers registered for key (a status or an exception class,
    # walking up the class's ancestors below Exception).
    def error_block!(key, *block_params)
      base = settings
      while base.respond_to?(:errors)
        handlers = base.errors[key]
        unless handlers
          base = base.superclass
          next
        end
        handlers.reverse_each do |h|
          first = h.equal?(handlers.first)
          resp = process_route(h, block_params) { |r, args| run_block(r, args) }
          return resp unless resp.nil? && !first
        end
      end
      parent = key.is_a?(Class) ? key.superclass : nil
      return false unless parent && parent != Exception && parent.ancestors.include?(Exception)
      error_block!(parent, *block_params)
    end

    def development_error_page(e)
      response.status = 500
      content_type 'text/html'
      "<!DOCTYPE html>\n<html><head><title>#{h(e.class.to_s)} at #{h(request.path_info)}</title></head>" \
        "<body><h1>#{h(e.class.to_s)}</h1><h2>#{h(e.message)}</h2>" \
        "<pre>#{h((e.backtrace || []).join("\n"))}</pre></body></html>\n"
    end

    # Sinatra's catch-all for server errors outside development.
    error ::Exception do
      response.status = 500
      content_type 'text/html'
      Kiln::INTERNAL_ERROR_PAGE.dup  # src/core/response.h: the one 500 page
    end
  end
end
