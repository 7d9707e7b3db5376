# What Sinatra's default Rack middleware does, as plain steps around one
# request: Rack::MethodOverride, Rack::Protection (path traversal, frame
# options, XSS/nosniff headers), cookie sessions, Rack::Head; inside them
# the app's own `use` middleware (Base.stack), behind the Rack boundary
# (rack_call). Rack's middleware classes are ruby/kiln/lib/rack/.
module Kiln
  module Middleware
    OVERRIDABLE = %w[GET HEAD PUT POST DELETE OPTIONS PATCH LINK UNLINK].freeze
    ALLOWED = %w[POST].freeze
    HTML_TYPES = { 'text/html' => true, 'application/xhtml' => true, 'text/xml' => true, 'application/xml' => true }.freeze

    extend self

    def call(app, env, stack = app.stack)
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
      body = [] if env['REQUEST_METHOD'] == 'HEAD'
      [status, headers, body]
    end

    # Calls a Rack app that is not Kiln's own (middleware, config.ru's
    # `run`): completes the env the Rack SPEC promises, and brings its answer
    # to what the runtime sends: header names lower-case, an Array value one
    # line each, the body one String (closed after), or a Stream when it is
    # streamed (neither an Array nor sized: each chunk is sent as it comes).
    def rack_call(app, env)
      rack_env!(env)
      status, headers, body = app.call(env)
      out = Headers.new
      headers.each { |k, v| out[k] = v.is_a?(Array) ? v.join("\n") : v.to_s }
      [status.to_i, out, rack_body(body, out)]
    end

    def rack_body(body, headers)
      return body if body.is_a?(Stream) || body.is_a?(String)
      unless body.respond_to?(:to_ary) || headers.key?('content-length') || !(body.respond_to?(:each) || body.respond_to?(:call))
        return Stream.new do |out|
          begin
            body.respond_to?(:each) ? body.each { |chunk| out << chunk } : body.call(out)
          ensure
            body.close if body.respond_to?(:close)
          end
        end
      end
      text = Kiln.body_string(body.respond_to?(:to_ary) ? body.to_ary : body)
      body.close if body.respond_to?(:close)
      [text]
    end

    # The Rack env keys the C++ runtime leaves out (src/core/request_env.cpp
    # builds the CGI ones): an IO-like rack.input, rack.errors (the log).
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

    # rack.input: the body read like an IO, to_s the whole of it (what Kiln's
    # Request reads).
    class RackInput < BodyReader
      def to_s; @string; end

      def read(length = nil, buffer = nil)
        chunk = super(length)
        buffer ? buffer.replace(chunk.to_s) && (chunk && buffer) : chunk
      end

      def gets
        return nil if @pos >= @string.bytesize
        nl = @string.index("\n", @pos)
        read(nl ? nl - @pos + 1 : nil)
      end

      def close; nil; end
    end

    # rack.errors: writes go to the error log.
    module Errors
      def self.puts(*lines) lines.each { |l| Kiln.log_error(l.to_s.chomp) }; nil end
      def self.write(text) Kiln.log_error(text.to_s.chomp); text.to_s.bytesize end
      def self.print(*text) write(text.join) end
      def self.flush; self; end
    end

    # set :max_body_size (bytes, default 10 MiB; nil: no limit): checked
    # before anything parses the body. The bytes are already in wasm memory
    # by then; Workers itself caps request bodies by plan (100 MB and up).
    def body_too_large(app, env)
      limit = app.max_body_size
      size = env['rack.input'].to_s.bytesize
      return nil if limit.nil? || size <= limit
      Kiln.log_error("kiln: request body of #{size} bytes is over max_body_size (#{limit}): 413")
      [413, { 'content-type' => 'text/html;charset=utf-8' }, ['<h1>Content Too Large</h1>']]
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
