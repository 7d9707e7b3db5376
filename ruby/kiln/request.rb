# Kiln::Request: a Rack::Request-style view of the env the C++ runtime built.
module Kiln
  class Request
    attr_reader :env

    def initialize(env)
      @env = env
    end

    def request_method; @env['REQUEST_METHOD']; end
    def path_info; @env['PATH_INFO']; end
    def query_string; @env['QUERY_STRING']; end
    def scheme; @env['rack.url_scheme']; end
    def content_type; @env['CONTENT_TYPE']; end
    def user_agent; @env['HTTP_USER_AGENT']; end
    def get?; request_method == 'GET'; end
    def head?; request_method == 'HEAD'; end
    def post?; request_method == 'POST'; end
    def path; path_info; end

    def host
      (@env['HTTP_HOST'] || @env['SERVER_NAME']).to_s.split(':').first
    end

    def port
      @env['SERVER_PORT'].to_i
    end

    def url
      default = scheme == 'https' ? 443 : 80
      "#{scheme}://#{host}#{port == default ? '' : ":#{port}"}#{path_info}#{query_string.empty? ? '' : "?#{query_string}"}"
    end

    # The body as a String (binary-safe); the Rack-style #body is a reader.
    def raw_body
      @env['rack.input']
    end

    def body
      @body ||= BodyReader.new(raw_body)
    end

    def GET
      @get ||= Utils.parse_query(query_string)
    end

    def POST
      @post ||= form? ? Utils.parse_query(raw_body) : {}
    end

    def params
      @params ||= self.GET.merge(self.POST)
    end

    def form?
      type = content_type.to_s.split(';').first.to_s.strip.downcase
      type == 'application/x-www-form-urlencoded' || (type.empty? && !raw_body.empty? && request_method == 'POST')
    end
  end

  # What `request.body` returns: read / rewind / each, as on rack.input.
  class BodyReader
    def initialize(string)
      @string = string
      @pos = 0
    end

    def read(length = nil)
      return nil if length && @pos >= @string.bytesize && length > 0
      chunk = length ? @string.byteslice(@pos, length) : @string.byteslice(@pos, @string.bytesize - @pos)
      @pos += chunk.bytesize
      chunk
    end

    def rewind
      @pos = 0
    end

    def each
      yield @string
    end
  end

  module Utils
    # "a=1&b=x+y" -> {"a" => "1", "b" => "x y"}. Nested keys (a[b]) arrive
    # with the DSL work; here a repeated key keeps its last value, as Rack.
    def self.parse_query(qs)
      params = {}
      return params if qs.nil? || qs.empty?
      qs.split('&').each do |pair|
        next if pair.empty?
        key, value = pair.split('=', 2)
        params[unescape(key)] = value ? unescape(value) : nil
      end
      params
    end
  end
end
