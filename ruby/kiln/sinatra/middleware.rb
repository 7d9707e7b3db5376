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

    # set :max_body_size (bytes, default 10 MiB; nil: no limit): checked
    # before anything parses the body. The bytes are already in wasm memory
    # by then; Workers itself caps request bodies by plan (100 MB and up).
    def body_too_large(app, env)
      limit = app.max_body_size
      size = env['rack.input'].to_s.bytesize
      return nil if limit.nil? || size <= limit
      Kiln.log_error("kiln: request body of #{size} bytes is over max_body_size (#{limit}): 413")
      Response.new(['<h1>Content Too Large</h1>'], 413, { 'content-type' => 'text/html;charset=utf-8' }).finish(env['REQUEST_METHOD'] == 'HEAD')
    end

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
