# Classic style (`get '/' do ... end` at the top of app.rb) and which app
# serves requests (Kiln.app). The runtime's entry points are in
# ruby/kiln/boot/entry.rb.
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
    # The app that serves requests: the one named by `run App`; else the
    # classic Application if it has routes; else the last Kiln::Base
    # subclass defined (modular style). Any other Rack app (config.ru's
    # `run ->(env) { ... }`, a Rack::Builder's) is called through the Rack
    # boundary (kiln/lib/kiln/rack.rb, bundled with `run`).
    def app=(app)
      return @app = app if app.is_a?(Class) && app <= Base
      Loader.require('kiln/rack')
      @app = Middleware.rack_app(app)
    end

    def app
      return @app if @app
      return Application unless Application.routes.empty?
      apps = Base.subclasses.reject { |k| k.ancestors.include?(DurableObject) }
      apps.empty? ? Application : apps.last
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
