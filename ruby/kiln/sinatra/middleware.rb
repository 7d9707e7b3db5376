# What Sinatra's default Rack middleware does, as plain steps around one
# request: Rack::MethodOverride, Rack::Protection (path traversal, frame
# options, XSS/nosniff headers), cookie sessions. (Rack::Head is
# Response#finish's: it decides every body.) Inside these steps, the app's
# own `use` middleware (Base.stack), called through the Rack boundary
# (Middleware.rack_call, ruby/kiln/lib/kiln/rack.rb, bundled with `use`).
module Kiln
  module Middleware
    OVERRIDABLE = %w[GET HEAD PUT POST DELETE OPTIONS PATCH LINK UNLINK].freeze
    ALLOWED = %w[POST].freeze
    HTML_TYPES = { 'text/html' => true, 'application/xhtml' => true, 'text/xml' => true, 'application/xml' => true }.freeze

    extend self

    def call(app, env, stack = app.stack)
      input = env['rack.input']
      env['rack.input'] = RackInput.new(input) if input.is_a?(String) && !input.empty?
      too_large = body_too_large(app, env)
      return too_large if too_large
      method_override!(env) if env['REQUEST_METHOD'] == 'POST' && app.method_override?
      protection = app.protection
      env['PATH_INFO'] = clean_path(env['PATH_INFO']) if protection && !excepted?(protection, :path_traversal)
      sessions = app.sessions?
      Session.load(app, env) if sessions
      status, headers, body = stack ? rack_call(stack, env) : app.new.call!(env)
      Session.commit(app, env, headers) if sessions
      protect_headers!(headers, protection) if protection
      [status, headers, body]
    end

    # set :max_body_size (bytes, default 10 MiB; nil: no limit). The JS side
    # (js/worker/kiln.js #readBody) reads the app's value once, at the first
    # request with a body (the 'limits' event below), and does not read a
    # larger body at all: refused on its Content-Length, or cancelled once a
    # chunked one passes the limit; the request then arrives without a body,
    # its size in kiln.body_too_large. The size check here covers a class
    # whose own limit is lower than the app's.
    def body_too_large(app, env)
      refused = env['kiln.body_too_large']
      limit = app.max_body_size
      size = refused || env['rack.input'].to_s.bytesize
      return nil unless refused || (limit && size > limit)
      too_large(env, size, limit)
    end

    # The 413: one page, with the headers Rack::Protection gives every response.
    def too_large(env, size, limit)
      Kiln.log_error("kiln: request body of #{size} bytes is over max_body_size (#{limit}): 413")
      headers = { 'content-type' => 'text/html;charset=utf-8', 'x-content-type-options' => 'nosniff' }
      Response.new(['<h1>Content Too Large</h1>'], 413, headers).finish(env['REQUEST_METHOD'] == 'HEAD')
    end

    # What js/worker/kiln.js enforces before Ruby sees a request.
    def limits
      { 'max_body_size' => Kiln.app.max_body_size }
    end
    Events::HANDLERS['limits'] = ->(_event) { limits }

    # A POST form's _method (else X-HTTP-Method-Override) picks the verb, as
    # Rack::MethodOverride (ruby/kiln/lib/rack/method_override.rb) does.
    def method_override!(env, methods = ALLOWED, overrides = OVERRIDABLE)
      return unless methods.include?(env['REQUEST_METHOD'])
      req = Request.new(env)
      wanted = ((req.form_data? ? req.POST['_method'] : nil) rescue nil) || env['HTTP_X_HTTP_METHOD_OVERRIDE']
      wanted = wanted.to_s.upcase
      return unless overrides.include?(wanted)
      env['rack.methodoverride.original_method'] = env['REQUEST_METHOD']
      env['REQUEST_METHOD'] = wanted
    end

    # Rack::Protection::PathTraversal: "/a/%2e%2e/b" -> "/b".
    def clean_path(path)
      return path if already_clean?(path)
      unescaped = decode_dots_and_slashes(path.to_s)
      parts = []
      unescaped.split('/').each do |part|
        next if part.empty? || part == '.'
        part == '..' ? parts.pop : parts << part
      end
      cleaned = '/' + parts.join('/')
      cleaned << '/' if !parts.empty? && (unescaped.end_with?('/') || unescaped.end_with?('/.') || unescaped.end_with?('/..'))
      cleaned
    end

    # Most paths: nothing to decode, collapse or resolve (the result would
    # equal the input), so skip the split and join.
    def already_clean?(path)
      Utils.clean_path?(path)  # src/text/text.cpp
    end

    def decode_dots_and_slashes(path)
      return path unless path.include?('%') || path.include?('\\')
      out = String.new
      i = 0
      while i < path.length
        c = path[i]
        if c == '%' && i + 2 < path.length
          code = path[i + 1, 2].downcase
          replacement = { '2e' => '.', '2f' => '/', '5c' => '/' }[code]
          if replacement
            out << replacement
            i += 3
            next
          end
        end
        out << (c == '\\' ? '/' : c)
        i += 1
      end
      out
    end

    def excepted?(options, name)
      options.is_a?(Hash) && Array(options[:except]).map(&:to_sym).include?(name)
    end

    # options: true, or Rack::Protection's {except: [...], frame_options: :deny}.
    def protect_headers!(headers, options)
      except = frame = nil
      if options.is_a?(Hash)
        except = Array(options[:except]).map(&:to_sym)
        frame = options[:frame_options]
      end
      type = headers['content-type'].to_s
      semicolon = type.index(';')
      html = HTML_TYPES.key?((semicolon ? type[0, semicolon] : type).strip)
      headers['x-frame-options'] ||= (frame ? frame.to_s.upcase : 'SAMEORIGIN') if html && !(except && except.include?(:frame_options))
      unless except && except.include?(:xss_header)
        headers['x-xss-protection'] ||= '1; mode=block' if html
        headers['x-content-type-options'] ||= 'nosniff'
      end
    end
  end
end
