# Classic style (`get '/' do ... end` at the top of app.rb) and the entry
# points the C++ runtime calls for each request.
module Kiln
  # The app classic-style routes are added to (Sinatra::Application).
  class Application < Base
    set :method_override, true
    set :logging, proc { !test? }

    # Methods an extension adds become top-level DSL words too.
    def self.register(*extensions, &block)
      added = extensions.map { |e| e.instance_methods }.flatten
      Delegator.delegate(*added)
      super(*extensions, &block)
    end

    def self.name; 'Sinatra::Application'; end
    def self.to_s; name; end
    def self.inspect; name; end
  end

  # Top-level DSL methods forward to Kiln::Application, as in Sinatra.
  module Delegator
    def self.delegate(*names)
      names.each do |name|
        define_method(name) { |*args, &block| Kiln::Application.send(name, *args, &block) }
        private name
      end
    end

    delegate(*%w[get post put patch delete head options link unlink route before after error not_found
                 helpers register use set enable disable configure settings mime_type condition add_charset
                 schedule consume_queue development? production? test?])
  end

  class << self
    # A Rack body (each-able) as one String.
    def body_string(body)
      return body if body.is_a?(String)
      return body[0] if body.is_a?(Array) && body.size == 1 && body[0].is_a?(String)
      out = String.new
      body.each { |part| out << part.to_s } if body.respond_to?(:each)
      out
    end

    # The app that serves requests: the one named by `run App`; else the
    # classic Application if it has routes; else the last Kiln::Base
    # subclass defined (modular style). Any other Rack app (config.ru's
    # `run ->(env) { ... }`, a Rack::Builder) runs behind the Rack boundary.
    def app=(app)
      @app = app.is_a?(Class) && app <= Base ? app : ->(env) { Middleware.rack_call(app, env) }
    end

    def app
      return @app if @app
      return Application unless Application.routes.empty?
      apps = Base.subclasses.reject { |k| k.ancestors.include?(DurableObject) }
      apps.empty? ? Application : apps.last
    end

    # Called by the C++ runtime for each request: a fiber that runs the app
    # and returns the Rack triple. Everything is rescued inside it, so an
    # error in one request never leaves the VM in a broken state.
    def request_fiber(env)
      Fiber.new do
        begin
          status, headers, body = env['kiln.durable_object'] ? DurableObject.dispatch(env) : app.call(env)
          body = body.is_a?(Stream) ? body.run(status, headers) : Kiln.body_string(body)
          background = env['kiln.background']
          [status, headers, body, background && !background.empty? ? Events.defer(background) : nil]
        rescue ::Exception => e
          request_failed(e)
          [500, { 'content-type' => 'text/html;charset=utf-8' }, '<h1>Internal Server Error</h1>']
        end
      end
    end

    # An exception no route or error handler caught (kiln test re-raises it
    # in the test that made the request).
    def request_failed(e)
      log_error(format_exception(e))
    end
  end
end

# Sinatra's names for the same things, so unchanged route files load.
module Sinatra
  Base = Kiln::Base
  Application = Kiln::Application
  Delegator = Kiln::Delegator
  Error = Kiln::Error
  NotFound = Kiln::NotFound
  BadRequest = Kiln::BadRequest
  IndifferentHash = Kiln::IndifferentHash
  Helpers = Kiln::Helpers
  Request = Kiln::Request
  Response = Kiln::Response
end

module Sinatra
  # Sinatra.new { get('/') { } }: an anonymous modular app.
  def self.new(base = Base, &block)
    base = Class.new(base)
    base.class_eval(&block) if block
    base
  end

  def self.register(*extensions, &block) Kiln::Application.register(*extensions, &block) end
  def self.helpers(*extensions, &block) Kiln::Application.helpers(*extensions, &block) end
  def self.use(*args, &block) Kiln::Application.use(*args, &block) end
end

module Rack
  Utils = Kiln::Utils
  Request = Kiln::Request
  Response = Kiln::Response
  Headers = Kiln::Headers
end

def run(app)
  Kiln.app = app
end

extend Kiln::Delegator
