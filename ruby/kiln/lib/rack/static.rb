# Rack::Static (rack/static.rb) on Workers: the files themselves are served
# before the Worker runs (public/ is the Worker's static assets directory,
# not part of the bundle). So a request under the middleware's :urls that
# still reaches the app had no such file: 404, as Rack::Files answers, or the
# app with cascade: true. :header_rules and :cache_control apply to those
# answers only; set asset headers in public/_headers instead.
require 'rack/utils'

module Rack
  class Static
    def initialize(app, options = {})
      @app = app
      @urls = options[:urls] || ['/favicon.ico']
      @urls = @urls.map { |url| [url, url.end_with?('/') ? url : "#{url}/"] } if @urls.is_a?(Array)
      @index = options[:index]
      @cascade = options[:cascade]
    end

    def route_file(path)
      @urls.is_a?(Array) && @urls.any? { |url, url_slash| path == url || path.start_with?(url_slash) }
    end

    def overwrite_file_path(path)
      (@urls.is_a?(Hash) && @urls.key?(path)) || (@index && route_file(path) && path.end_with?('/'))
    end

    def can_serve(path)
      route_file(path) || overwrite_file_path(path)
    end

    def call(env)
      path = Utils.clean_path_info(Utils.unescape_path(env['PATH_INFO'].to_s))
      return @app.call(env) if !can_serve(path) || @cascade
      body = "File not found: #{env['PATH_INFO']}\n"
      [404, { 'content-type' => 'text/plain', 'content-length' => body.bytesize.to_s, 'x-cascade' => 'pass' }, [body]]
    end
  end
end
