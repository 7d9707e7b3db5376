# Rack::Runtime (rack/runtime.rb): x-runtime, the seconds the app took.
# (Workers' clock advances only across I/O, so CPU-only work reads 0.)
require 'rack/utils'

module Rack
  class Runtime
    FORMAT_STRING = '%0.6f'
    HEADER_NAME = 'x-runtime'

    def initialize(app, name = nil)
      @app = app
      @header_name = name ? "#{HEADER_NAME}-#{name.to_s.downcase}" : HEADER_NAME
    end

    def call(env)
      start = Utils.clock_time
      response = @app.call(env)
      headers = response[1]
      headers[@header_name] = format(FORMAT_STRING, Utils.clock_time - start) unless headers.key?(@header_name)
      response
    end
  end
end
