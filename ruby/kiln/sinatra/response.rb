# Kiln::Response: Sinatra::Response semantics (lower-case header names as in
# Rack 3, content-length computed for String bodies), finished into the
# triple the C++ runtime (src/core/response.cpp write_response) encodes.
# #finish is the one place that decides whether a response has a body:
# js/worker/kiln.js builds the JS Response from exactly what it gets.
module Kiln
  class Response
    attr_accessor :status
    attr_reader :headers, :body

    def initialize(body = [], status = 200, headers = {})
      @status = status
      @headers = Headers.new
      headers.each { |k, v| @headers[k] = v } unless headers.empty?
      self.body = body
    end

    def [](name) @headers[name] end
    def []=(name, value) @headers[name] = value end
    def delete_header(name) @headers.delete(name) end

    def body=(value)
      value = value.body while value.is_a?(Response)
      @body = value.is_a?(String) ? [value] : value
    end

    def write(chunk)
      @body = @body.to_a unless @body.is_a?(Array)
      @body << chunk.to_s
      chunk
    end

    def set_cookie(key, value)
      add_header('set-cookie', Utils.set_cookie_header(key, value))
    end

    def delete_cookie(key, opts = {})
      set_cookie(key, opts.merge(value: '', max_age: '0', expires: Time.at(0)))
    end

    # Adds a value to a header, as Rack 3's add_header: a second value makes
    # it an Array, sent as one header line each (src/core/response.cpp).
    def add_header(name, value)
      @headers[name] = Response.header_values(@headers[name], value)
    end

    # current (nil, a String or an Array) with value added.
    def self.header_values(current, value)
      return value if current.nil? || current.empty?
      current.is_a?(Array) ? current + [value] : [current, value]
    end

    def informational?; @status >= 100 && @status < 200; end
    def successful?; @status >= 200 && @status < 300; end
    def redirect?; [301, 302, 303, 307, 308].include?(@status); end
    def client_error?; @status >= 400 && @status < 500; end
    def server_error?; @status >= 500 && @status < 600; end
    def not_found?; @status == 404; end

    # Statuses whose responses carry no body: 1xx, 204, 205 and 304 (RFC 9110;
    # Fetch's null body statuses, which `new Response` refuses a body for).
    def no_body?
      informational? || @status == 204 || @status == 205 || @status == 304
    end

    # [status, headers, [body as one String]], or [status, headers, []] for
    # no body at all: for the statuses above (their content-type and
    # content-length dropped, as Sinatra does for 1xx/204/304), and for a
    # HEAD request (`head`; Rack::Head: after the content-length a GET would
    # get). A Stream (ruby/kiln/sinatra/stream.rb) stays as it is: the runtime
    # runs it after the app returns, with no content-length.
    def finish(head = false)
      if no_body?
        @headers.delete('content-type')
        @headers.delete('content-length')
        @body.close if @body.respond_to?(:close)
        return [@status, @headers.to_h, []]
      end
      if @body.is_a?(Stream)
        @headers.delete('content-length')
        return [@status, @headers.to_h, head ? [] : @body]
      end
      text = String.new
      if @body.is_a?(Array) && @body.size == 1 && @body[0].is_a?(String)
        text << @body[0]
      elsif @body.respond_to?(:each)
        @body.each { |part| text << part.to_s }
      elsif !@body.nil?
        text << @body.to_s
      end
      @body.close if @body.respond_to?(:close)
      if @headers.lower_get('content-type') && !@headers.lower_get('content-length')
        @headers.lower_set('content-length', text.bytesize.to_s)
      end
      [@status, @headers.to_h, head ? [] : [text]]
    end
  end

  # Case-insensitive header Hash: keys are stored lower-case.
  class Headers < Hash
    # Hash's own accessors, for the runtime's lower-case literal keys (no
    # downcased copy of the key per access).
    alias lower_get []
    alias lower_set []=
    alias lower_delete delete

    def [](key) super(key.to_s.downcase) end
    def []=(key, value) super(key.to_s.downcase, value) end
    def key?(key) super(key.to_s.downcase) end
    alias has_key? key?
    alias include? key?
    def delete(key) super(key.to_s.downcase) end
    def fetch(key, *rest, &blk) super(key.to_s.downcase, *rest, &blk) end

    def merge!(other)
      other.each { |k, v| self[k] = v }
      self
    end

    def to_h
      h = {}
      names = keys
      i = 0
      while i < names.size
        k = names[i]
        v = lower_get(k)
        h[k] = v.is_a?(Array) ? v.map(&:to_s) : v.to_s unless v.nil?
        i += 1
      end
      h
    end
  end
end
