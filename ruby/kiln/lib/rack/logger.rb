# Rack::Logger (rack/logger.rb): env['rack.logger'], a Logger on rack.errors
# (Sinatra's `logger` helper reads it).
module Rack
  class Logger
    # The methods of Ruby's Logger that middleware calls, at a level.
    class ErrorsLogger
      LEVELS = %i[debug info warn error fatal unknown].freeze
      attr_accessor :level, :progname

      def initialize(io, level)
        @io = io
        @level = level
      end

      LEVELS.each_with_index do |name, severity|
        define_method(name) do |message = nil, &block|
          return true if severity < @level
          message = block.call if message.nil? && block
          @io.puts("#{name.to_s.upcase} -- : #{message}")
          true
        end
        define_method("#{name}?") { severity >= @level }
      end

      def <<(msg) @io.write(msg) end
      def close; nil; end
    end

    def initialize(app, level = 1)
      @app = app
      @level = level
    end

    def call(env)
      env['rack.logger'] = ErrorsLogger.new(env['rack.errors'], @level)
      @app.call(env)
    end
  end
end
