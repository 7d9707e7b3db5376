# Rack::Builder and Rack::URLMap (rack/builder.rb, rack/urlmap.rb), and
# config.ru: `kiln build` compiles it between Builder.rackup and
# rackup_app (js/cli/build/build.js rackupSource), and the app the builder
# makes is what Kiln serves (Kiln.app=, ruby/kiln/sinatra/application.rb).
require 'kiln/rack'

module Rack
  class Builder
    def self.app(default_app = nil, &block)
      new(default_app, &block).to_app
    end

    # config.ru's top level: while that file runs, its use / run / map /
    # warmup go to one builder (what Rack's instance_eval gives it); from
    # any other file (app.rb required from config.ru) use and run are the
    # classic DSL's, as they are there in Rack.
    def self.rackup(main)
      builder = @rackup = new
      file = Kiln::Loader.current_file
      ours = -> { Kiln::Loader.current_file == file }
      main.define_singleton_method(:use) { |*a, &b| ours.call ? builder.use(*a, &b) : Kiln::Application.use(*a, &b) }
      main.define_singleton_method(:run) { |app = nil, &b| ours.call ? builder.run(app, &b) : Kiln.app = app }
      main.define_singleton_method(:map) { |path, &b| builder.map(path, &b) }
      main.define_singleton_method(:warmup) { |prc = nil, &b| builder.warmup(prc, &b) }
    end

    def self.rackup_app
      @rackup.to_app
    end

    def initialize(default_app = nil, &block)
      @use = []
      @map = nil
      @run = default_app
      @warmup = nil
      instance_eval(&block) if block
    end

    # The middleware is made once, by to_app, in the order of the `use` lines
    # (the first is outermost).
    def use(middleware, *args, &block)
      if @map
        mapping = @map
        @map = nil
        @use << proc { |app| generate_map(app, mapping) }
      end
      @use << proc { |app| Kiln::Middleware.make(middleware, app, args, block) }
    end

    def run(app = nil, &block)
      raise ArgumentError, 'Both app and block given!' if app && block
      @run = app || block
    end

    # Called with the app once it is built (Kiln builds it when the isolate
    # boots, before the first request).
    def warmup(prc = nil, &block)
      @warmup = prc || block
    end

    def map(path, &block)
      (@map ||= {})[path] = block
    end

    # Rack freezes the app and its middleware; Kiln's apps keep per-class
    # state (the middleware stack is built on first use), so this does not.
    def freeze_app; self; end

    def to_app
      app = @map ? generate_map(@run, @map) : @run
      raise 'missing run or map statement' unless app
      app = @use.reverse.inject(app) { |a, e| e.call(a) }
      @warmup.call(app) if @warmup
      app
    end

    def call(env)
      to_app.call(env)
    end

    private

    def generate_map(default_app, mapping)
      mapped = default_app ? { '/' => default_app } : {}
      mapping.each { |path, block| mapped[path] = self.class.new(default_app, &block).to_app }
      URLMap.new(mapped)
    end
  end

  # Mounts apps at paths (and hosts): the longest matching path wins; the
  # app sees SCRIPT_NAME extended by the mount point and PATH_INFO the rest.
  class URLMap
    def initialize(map = {})
      remap(map)
    end

    def remap(map)
      @known_hosts = []
      @mapping = map.map do |location, app|
        host = nil
        if location.start_with?('http://') || location.start_with?('https://')
          rest = location[location.index('//') + 2, location.length]
          slash = rest.index('/')
          raise ArgumentError, 'paths need to start with /' unless slash
          host = rest[0, slash]
          location = rest[slash, rest.length]
          @known_hosts << host
        end
        raise ArgumentError, 'paths need to start with /' unless location.start_with?('/')
        location = location.chomp('/')
        [host, location, app]
      end
      @mapping = @mapping.sort_by { |host, location, _| [host ? 0 : 1, host ? -host.size : 0, -location.size] }
    end

    def call(env)
      path = env['PATH_INFO']
      script_name = env['SCRIPT_NAME']
      http_host = env['HTTP_HOST']
      server_name = env['SERVER_NAME']
      server_port = env['SERVER_PORT']
      same_server = same?(http_host, server_name) || same?(http_host, "#{server_name}:#{server_port}")
      known_host = @known_hosts.include?(http_host)
      @mapping.each do |host, location, app|
        next unless same?(http_host, host) || same?(server_name, host) || (!host && same_server) || (!host && !known_host)
        rest = rest_after(path.to_s, location)
        next unless rest && (rest.empty? || rest.start_with?('/'))
        env['SCRIPT_NAME'] = script_name.to_s + location
        env['PATH_INFO'] = rest
        return app.call(env)
      end
      [404, { 'content-type' => 'text/plain', 'x-cascade' => 'pass' }, ["Not Found: #{path}"]]
    ensure
      env['PATH_INFO'] = path
      env['SCRIPT_NAME'] = script_name
    end

    private

    def same?(a, b)
      !a.nil? && !b.nil? && a.downcase == b.downcase
    end

    # What follows location at the start of path, a "/" in location matching
    # one or more in path (Rack's /+); nil when path does not start with it.
    def rest_after(path, location)
      i = 0
      j = 0
      while j < location.length
        c = location[j]
        return nil unless path[i] == c
        i += 1
        i += 1 while c == '/' && path[i] == '/'
        j += 1
      end
      path[i, path.length - i] || ''
    end
  end
end
