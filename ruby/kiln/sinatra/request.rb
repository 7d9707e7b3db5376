# Kiln::Request: a Rack::Request-style view of the env the C++ runtime
# built, with Sinatra's additions (accept, preferred_type, secure?...).
module Kiln
  class Request
    attr_reader :env

    def initialize(env)
      @env = env
    end

    def request_method; @env['REQUEST_METHOD']; end
    def path_info; @env['PATH_INFO']; end
    def path_info=(value) @env['PATH_INFO'] = value end
    def script_name; @env['SCRIPT_NAME'].to_s; end
    def query_string; @env['QUERY_STRING'].to_s; end
    # As Rack: a proxy's X-Forwarded-Proto / -Scheme / -Ssl wins.
    def scheme
      return 'https' if @env['HTTPS'] == 'on' || @env['HTTP_X_FORWARDED_SSL'] == 'on'
      forwarded = @env['HTTP_X_FORWARDED_SCHEME'] || @env['HTTP_X_FORWARDED_PROTO']
      forwarded ? forwarded.split(',').first.strip : @env['rack.url_scheme']
    end
    def content_type; @env['CONTENT_TYPE']; end
    def content_length; @env['CONTENT_LENGTH']; end
    def user_agent; @env['HTTP_USER_AGENT']; end
    def referer; @env['HTTP_REFERER']; end
    alias referrer referer

    %w[GET HEAD POST PUT PATCH DELETE OPTIONS LINK UNLINK TRACE].each do |verb|
      define_method("#{verb.downcase}?") { request_method == verb }
    end

    def safe?; get? || head? || options? || trace?; end
    def idempotent?; safe? || put? || delete? || link? || unlink?; end
    def path; script_name + path_info; end
    def fullpath; query_string.empty? ? path : "#{path}?#{query_string}"; end
    def secure?; scheme == 'https'; end
    alias ssl? secure?
    def forwarded?; @env.key?('HTTP_X_FORWARDED_HOST'); end
    def xhr?; @env['HTTP_X_REQUESTED_WITH'] == 'XMLHttpRequest'; end

    # The client's address as Cloudflare reports it.
    def ip
      @env['HTTP_CF_CONNECTING_IP'] || @env['HTTP_X_REAL_IP'] || @env['REMOTE_ADDR']
    end

    def host_with_port
      (@env['HTTP_X_FORWARDED_HOST'] || @env['HTTP_HOST'] || "#{@env['SERVER_NAME']}:#{@env['SERVER_PORT']}").split(',').last.strip
    end

    def host
      h = host_with_port
      if h.start_with?('[')
        close = h.index(']')
        return close ? h[0, close + 1] : h
      end
      colon = h.rindex(':')
      colon ? h[0, colon] : h
    end

    def port
      h = host_with_port
      close = h.rindex(']') || -1
      colon = h.rindex(':')
      return h[colon + 1, h.length].to_i if colon && colon > close
      return 443 if @env['HTTP_X_FORWARDED_PROTO'] == 'https'
      @env['SERVER_PORT'] ? @env['SERVER_PORT'].to_i : (secure? ? 443 : 80)
    end

    def base_url
      default = secure? ? 443 : 80
      "#{scheme}://#{host}#{port == default ? '' : ":#{port}"}"
    end

    def url
      base_url + fullpath
    end

    def media_type
      t = content_type.to_s.split(';').first
      t ? t.strip.downcase : nil
    end

    def media_type_params
      params = {}
      content_type.to_s.split(';').drop(1).each do |p|
        k, v = p.split('=', 2)
        params[k.strip.downcase] = v.to_s.strip.delete('"') if k
      end
      params
    end

    def form_data?
      type = media_type
      (type.nil? && post?) || type == 'application/x-www-form-urlencoded' || type == 'multipart/form-data'
    end

    # The body as a String (binary-safe).
    def raw_body
      @env['rack.input'].to_s
    end

    # rack.input-style reader: read / rewind / each.
    def body
      @body ||= BodyReader.new(raw_body)
    end

    def GET
      @get ||= (qs = query_string).empty? ? {} : parse(qs)
    end

    # (An empty body parses to {} whatever its type.)
    def POST
      # Nothing to parse (every GET): no media type parsing either.
      return @post ||= {} if content_type.nil? && raw_body.empty?
      @post ||= if media_type == 'multipart/form-data'
                  Multipart.params(raw_body, content_type, *(@env['kiln.multipart_limits'] || []))
                else
                  !raw_body.empty? && form_data? ? parse(raw_body) : {}
                end
    end

    # Query and form parameters merged; malformed nesting is a 400.
    def params
      @params ||= begin
        get = self.GET
        post = self.POST
        get.empty? && post.empty? ? {} : get.merge(post)
      end
    end

    def cookies
      @cookies ||= Utils.parse_cookies_header(@env['HTTP_COOKIE'])
    end

    def session
      @env['rack.session'] ||= {}
    end

    def [](key)
      params[key.to_s]
    end

    # Accept entries, best first ("*/*" when the header is absent).
    def accept
      @accept ||= begin
        header = @env['HTTP_ACCEPT'].to_s
        header = '*/*' if header.strip.empty?
        i = 0
        header.split(',').map { |e| AcceptEntry.new(e, i += 1) }.sort
      end
    end

    def accept?(type)
      preferred_type(type).to_s.include?(type)
    end

    def preferred_type(*types)
      return accept.first if types.empty?
      types = types.flatten
      accept.each do |entry|
        match = types.find { |t| entry.match?(t) }
        return match if match
      end
      nil
    end

    private

    def parse(qs)
      Utils.parse_nested_query(qs)
    rescue ParameterError => e
      raise BadRequest, "Invalid query parameters: #{Utils.escape_html(e.message)}"
    end
  end

  # One media range of an Accept header, ordered by quality then specificity.
  class AcceptEntry
    include Comparable
    attr_reader :entry, :params, :order

    def initialize(text, order)
      parts = text.split(';').map(&:strip)
      @entry = parts.shift.to_s
      @params = {}
      parts.each do |p|
        k, v = p.split('=', 2)
        @params[k.strip] = v.to_s.strip if k
      end
      @q = @params.key?('q') ? @params.delete('q').to_f : 1.0
      @order = order
    end

    def priority
      [-@q, -specificity, -@params.size, @order]
    end

    def specificity
      return 0 if @entry == '*/*'
      @entry.end_with?('/*') ? 1 : 2
    end

    def <=>(other)
      priority <=> other.priority
    end

    def match?(type)
      return true if @entry == '*/*'
      return type.split('/').first == @entry.split('/').first if @entry.end_with?('/*')
      type == @entry
    end

    def to_str; @entry; end
    def to_s(full = false) full ? ([@entry] + @params.map { |k, v| "#{k}=#{v}" }).join(';') : @entry; end
    def include?(s) @entry.include?(s) end
  end

  class BodyReader
    def initialize(string)
      @string = string
      @pos = 0
    end

    def read(length = nil)
      return (length.nil? || length == 0 ? '' : nil) if @pos >= @string.bytesize
      chunk = length ? @string.byteslice(@pos, length) : @string.byteslice(@pos, @string.bytesize - @pos)
      @pos += chunk.bytesize
      chunk
    end

    def rewind
      @pos = 0
    end

    def each
      yield @string unless @string.empty?
    end

    def size; @string.bytesize; end
    def string; @string; end
  end

  # env['rack.input'] as the Rack SPEC has it: the body read like an IO
  # (read with a length and a buffer, gets, each, rewind); to_s is all of
  # it, which is what Request reads. Middleware.call makes it for a request
  # with a body (an empty one stays the runtime's "", the common GET costs
  # nothing), the Rack boundary for every request (kiln/lib/kiln/rack.rb).
  class RackInput < BodyReader
    def to_s; @string; end

    def read(length = nil, buffer = nil)
      chunk = super(length)
      return chunk unless buffer
      buffer.replace(chunk.to_s)
      chunk && buffer
    end

    def gets
      return nil if @pos >= @string.bytesize
      nl = @string.byteslice(@pos, @string.bytesize - @pos).index("\n")
      read(nl ? nl + 1 : nil)
    end

    def close; nil; end
  end
end
