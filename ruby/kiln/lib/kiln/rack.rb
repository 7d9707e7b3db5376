# The Rack boundary: where Kiln calls Rack apps it did not make (the
# middleware an app `use`s, config.ru's `run`, a Sinatra app used as
# middleware) and brings their answers to what Kiln's runtime sends. Bundled
# by `kiln build` into apps with a `use` or `run` line or a config.ru
# (js/cli/build/libraries.js autoloadNames); Base.use and Kiln.app= require
# it. Its other half is in the runtime: Middleware.call
# (ruby/kiln/sinatra/middleware.rb) calls rack_call around Base.stack.
# CRuby's Array#to_ary, which Rack code asks of a body ("is it buffered?").
class Array
  def to_ary; self; end
end

module Kiln
  module Middleware
    # klass.new(app, *args, &block), as Sinatra's `use` (ruby2_keywords) and
    # Rack::Builder pass them: a trailing Hash with Symbol keys goes as
    # keywords (a middleware taking an options Hash gets it as that Hash).
    def make(klass, app, args, block)
      last = args.last
      return klass.new(app, *args, &block) unless last.is_a?(Hash) && !last.empty? && last.keys.all? { |k| k.is_a?(Symbol) }
      klass.new(app, *args[0, args.size - 1], **last, &block)
    end

    # A Rack app as Kiln.app: called through the boundary.
    def rack_app(app)
      ->(env) { rack_call(app, env) }
    end

    # Completes the env the Rack SPEC promises, calls the app, and brings
    # its answer to the runtime's shape: header names lower-case, values
    # Strings (an Array, or Rack 2's "\n"-joined lines, one line each); the
    # body one String and closed, or a Stream when it is streamed (neither
    # an Array nor sized: each chunk is sent as it comes, the Rack SPEC's
    # streaming bodies, callable ones included); none for HEAD and the
    # statuses without one (Response#finish's rule, ruby/kiln/sinatra/response.rb).
    def rack_call(app, env)
      rack_env!(env)
      status, headers, body = app.call(env)
      out = Headers.new
      headers.each do |k, v|
        v = v.split("\n") if v.is_a?(String) && v.include?("\n")
        out[k] = v.is_a?(Array) ? v.map(&:to_s) : v.to_s
      end
      status = status.to_i
      if env['REQUEST_METHOD'] == 'HEAD' || Response.new([], status).no_body?
        body.close if body.respond_to?(:close)
        return [status, out, []]
      end
      [status, out, rack_body(body, out)]
    end

    def rack_body(body, headers)
      return body if body.is_a?(Stream)
      return [body] if body.is_a?(String)
      sized = body.respond_to?(:to_ary) || headers.key?('content-length')
      if !sized && (body.respond_to?(:each) || body.respond_to?(:call))
        headers.delete('content-length')
        return Stream.new do |out|
          begin
            body.respond_to?(:each) ? body.each { |chunk| out << chunk } : body.call(out)
          ensure
            body.close if body.respond_to?(:close)
          end
        end
      end
      text = Kiln.body_string(body.respond_to?(:to_ary) ? body.to_ary : body) || ''
      body.close if body.respond_to?(:close)
      [text]
    end

    # The Rack env keys the C++ runtime leaves out (src/core/request_env.cpp
    # builds the CGI ones and rack.url_scheme): an IO-like rack.input (also
    # for an empty body; Middleware.call wraps the others), rack.errors (the
    # Worker's log), REMOTE_ADDR (Cloudflare's client IP).
    def rack_env!(env)
      input = env['rack.input']
      env['rack.input'] = RackInput.new(input) if input.is_a?(String)
      env['rack.errors'] ||= Errors
      env['rack.multithread'] = false
      env['rack.multiprocess'] = true
      env['rack.run_once'] = false
      env['rack.hijack?'] = false
      env['rack.response_finished'] ||= []
      env['REMOTE_ADDR'] ||= env['HTTP_CF_CONNECTING_IP'] || '127.0.0.1'
    end

    # rack.errors: what is written goes to the error log.
    module Errors
      def self.puts(*lines) lines.each { |l| Kiln.log_error(l.to_s.chomp) }; nil end
      def self.write(text) Kiln.log_error(text.to_s.chomp); text.to_s.bytesize end
      def self.print(*text) write(text.join) end
      def self.<<(text) write(text) end
      def self.flush; self; end
    end
  end

  class Base
    class << self
      # The middleware around app (an endpoint: ->(env) { ... }), the first
      # `use` outermost, as Rack::Builder makes it.
      def build_stack(app)
        middleware.reverse.inject(app) { |inner, (klass, args, block)| Middleware.make(klass, inner, args, block) }
      end
    end

    # A Sinatra app used as middleware (`use OtherApp`, or `use` in
    # config.ru) is made with the app after it: what none of its routes takes
    # goes there (Sinatra's forward). Its own `use` and default middleware
    # run as when it is the app.
    def initialize(app = nil)
      @app = app
    end

    def call(env)
      return dup.call!(env) unless @app
      @stack ||= self.class.build_stack(->(e) { dup.call!(e) })
      Middleware.call(self.class, env, @stack)
    end

    # Passes the request on to the downstream app (Sinatra's forward).
    def forward
      raise 'downstream app not set' unless @app.respond_to?(:call)
      status, headers, body = @app.call(env)
      @response.status = status
      @response.body = body
      headers.each { |k, v| @response.headers[k] = v }
      nil
    end

    private

    def route_missing
      raise NotFound unless @app
      forward
    end
  end
end
