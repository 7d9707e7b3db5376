# Rack::CommonLogger (rack/common_logger.rb): one Apache common log line per
# request, written when the body is closed, to the logger given or
# rack.errors (the Worker's log: wrangler tail / the dashboard).
require 'rack/body_proxy'
require 'rack/utils'

module Rack
  class CommonLogger
    FORMAT = %(%s - %s [%s] "%s %s%s%s %s" %d %s %0.4f )

    def initialize(app, logger = nil)
      @app = app
      @logger = logger
    end

    def call(env)
      began_at = Utils.clock_time
      response = @app.call(env)
      status, headers, body = response
      response[2] = BodyProxy.new(body) { log(env, status, headers, began_at) }
      response
    end

    private

    # "04/Dec/2026:20:55:54 +0000" (Workers' clock is UTC).
    def clf_time(t)
      format('%02d/%s/%04d:%02d:%02d:%02d +0000', t.day, Kiln::Utils::MONTHS[t.month - 1], t.year, t.hour, t.min, t.sec)
    end

    def log(env, status, headers, began_at)
      request = Rack::Request.new(env)
      length = headers['content-length']
      length = '-' if !length || length.to_s == '0'
      qs = request.query_string
      msg = format(FORMAT, request.ip || '-', env['REMOTE_USER'] || '-', clf_time(Time.now.getutc),
                   request.request_method, request.script_name, request.path_info, qs.empty? ? '' : "?#{qs}",
                   env['SERVER_PROTOCOL'], status.to_s[0, 3].to_i, length, Utils.clock_time - began_at)
      msg[-1] = "\n"
      logger = @logger || env['rack.errors']
      logger.respond_to?(:write) ? logger.write(msg) : logger << msg
    end
  end
end
