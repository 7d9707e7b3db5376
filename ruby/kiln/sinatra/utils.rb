# Rack::Utils-style helpers (query strings, cookies, HTTP dates), written
# without Regexp; the byte-level parts are C++ (src/text/text.cpp).
module Kiln
  # Malformed parameters (Rack's ParameterTypeError / InvalidParameterError).
  class ParameterError < Error; end

  module Utils
    PARAM_DEPTH_LIMIT = 32

    extend self

    # Rack 3 semantics: "a[b][]=1&a[b][]=2&c" -> {"a"=>{"b"=>["1","2"]}, "c"=>nil}
    def parse_nested_query(qs, separator = '&')
      params = {}
      each_query_pair(qs, separator) { |key, value| normalize_params(params, key, value, 0) }
      params
    end

    # Rack::Utils.parse_query: flat; a repeated key collects an Array.
    def parse_query(qs, separator = '&')
      params = {}
      each_query_pair(qs, separator) do |key, value|
        if params.key?(key)
          params[key] = [params[key]] unless params[key].is_a?(Array)
          params[key] << value
        else
          params[key] = value
        end
      end
      params
    end

    # Yields each decoded [key, value] ("a" without "=" gives a nil value).
    def each_query_pair(qs, separator)
      return if qs.nil? || qs.empty?
      qs.split(separator).each do |pair|
        next if pair.empty?
        key, value = pair.split('=', 2)
        yield unescape(key), value && unescape(value)
      end
    end

    def normalize_params(params, name, v, depth)
      raise ParameterError, 'exceeded available parameter key space' if depth >= PARAM_DEPTH_LIMIT
      if name.nil?
        k = ''
        after = ''
      elsif depth == 0
        start = name.index('[', 1)
        if start
          k = name[0, start]
          after = name[start, name.length - start]
        else
          k = name
          after = ''
        end
      elsif name.start_with?('[]')
        k = '[]'
        after = name[2, name.length - 2]
      elsif name.start_with?('[') && (close = name.index(']', 1))
        k = name[1, close - 1]
        after = name[close + 1, name.length - close - 1]
      else
        k = name
        after = ''
      end
      return if k.empty?

      if after == ''
        return [v] if k == '[]' && depth != 0
        params[k] = v
      elsif after == '['
        params[name] = v
      elsif after == '[]'
        params[k] ||= []
        expect_type(params, k, Array)
        params[k] << v
      elsif after.start_with?('[]')
        child_key = after[3, after.length - 4] if after[2] == '[' && after.end_with?(']')
        if child_key.nil? || child_key.empty? || child_key.include?('[') || child_key.include?(']')
          child_key = after[2, after.length - 2]
        end
        params[k] ||= []
        expect_type(params, k, Array)
        last = params[k].last
        if last.is_a?(Hash) && !hash_has_key?(last, child_key)
          normalize_params(last, child_key, v, depth + 1)
        else
          params[k] << normalize_params({}, child_key, v, depth + 1)
        end
      else
        params[k] ||= {}
        expect_type(params, k, Hash)
        params[k] = normalize_params(params[k], after, v, depth + 1)
      end
      params
    end

    def expect_type(params, k, type)
      return if params[k].is_a?(type)
      raise ParameterError, "expected #{type} (got #{params[k].class}) for param `#{k}'"
    end

    def hash_has_key?(hash, key)
      return false if key.include?('[]')
      h = hash
      split_brackets(key).each do |part|
        return false unless h.is_a?(Hash) && h.key?(part)
        h = h[part]
      end
      true
    end

    # "a[b][c]" -> ["a", "b", "c"]
    def split_brackets(key)
      parts = []
      cur = String.new
      key.each_char do |c|
        if c == '[' || c == ']'
          parts << cur unless cur.empty?
          cur = String.new
        else
          cur << c
        end
      end
      parts << cur unless cur.empty?
      parts
    end

    # Rack::Utils.build_nested_query: {"a"=>{"b"=>[1]}} -> "a%5Bb%5D%5B%5D=1".
    def build_nested_query(value, prefix = nil)
      case value
      when Array
        value.map { |v| build_nested_query(v, "#{prefix}[]") }.join('&')
      when Hash
        value.map { |k, v| build_nested_query(v, prefix ? "#{prefix}[#{k}]" : k.to_s) }.reject(&:empty?).join('&')
      when nil then escape(prefix.to_s)
      else
        raise ArgumentError, 'value must be a Hash' if prefix.nil?
        "#{escape(prefix)}=#{escape(value.to_s)}"
      end
    end

    # Rack::Utils.build_query: flat, an Array value repeats its key.
    def build_query(params)
      params.map do |k, v|
        next build_query(v.map { |x| [k, x] }) if v.is_a?(Array)
        v.nil? ? escape(k.to_s) : "#{escape(k.to_s)}=#{escape(v.to_s)}"
      end.join('&')
    end

    # Rack::Utils.parse_cookies(env) (Kiln's code passes the header itself).
    def parse_cookies(env)
      parse_cookies_header(env.is_a?(Hash) ? env['HTTP_COOKIE'] : env)
    end

    # "a=1; b=2" -> {"a"=>"1", "b"=>"2"} (first value wins, as in Rack)
    def parse_cookies_header(header)
      cookies = {}
      return cookies if header.nil? || header.empty?
      header.split(';').each do |pair|
        name, value = pair.split('=', 2)
        next if name.nil?
        name = name.strip
        next if name.empty? || cookies.key?(name)
        value = value.to_s.strip
        value = value[1, value.length - 2] if value.length >= 2 && value.start_with?('"') && value.end_with?('"')
        cookies[name] = unescape(value)
      end
      cookies
    end

    # One Set-Cookie value. value may be a String or a Hash of options
    # (:value, :domain, :path, :max_age, :expires, :secure, :httponly, :same_site, :partitioned).
    def set_cookie_header(key, value)
      opts = value.is_a?(Hash) ? value : { value: value }
      v = opts[:value]
      v = v.is_a?(Array) ? v.map { |x| escape(x.to_s) }.join('&') : escape(v.to_s)
      out = "#{escape(key.to_s)}=#{v}"
      out << "; domain=#{opts[:domain]}" if opts[:domain]
      out << "; path=#{opts[:path]}" if opts[:path]
      out << "; max-age=#{opts[:max_age]}" if opts[:max_age]
      out << "; expires=#{httpdate(opts[:expires])}" if opts[:expires]
      out << '; secure' if opts[:secure]
      out << '; HttpOnly' if opts[:httponly] || opts[:http_only]
      if (same = opts[:same_site])
        same = same.to_s.downcase
        out << (same == 'none' ? '; SameSite=None' : same == 'strict' ? '; SameSite=Strict' : '; SameSite=Lax')
      end
      out << '; partitioned' if opts[:partitioned]
      out
    end

    DAYS = %w[Sun Mon Tue Wed Thu Fri Sat].freeze
    MONTHS = %w[Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec].freeze

    # Time -> "Sun, 06 Nov 1994 08:49:37 GMT"
    def httpdate(time)
      t = time.is_a?(Time) ? time.getutc : Time.at(time.to_i).getutc
      format('%s, %02d %s %04d %02d:%02d:%02d GMT', DAYS[t.wday], t.day, MONTHS[t.month - 1], t.year, t.hour, t.min, t.sec)
    end

    # Parses the IMF-fixdate form (and RFC 850 / asctime loosely); raises
    # ArgumentError on anything else, like Time.httpdate.
    def parse_httpdate(str)
      parts = str.to_s.strip.split(' ')
      parts.shift if parts.first && parts.first.end_with?(',')
      if parts.size >= 4 && parts[0].include?('-') # RFC 850: 06-Nov-94 08:49:37 GMT
        d, m, y = parts[0].split('-')
        clock = parts[1]
        y = y.to_i
        y += 1900 if y < 100
      elsif parts.size >= 4 && MONTHS.include?(parts[0]) # asctime: Nov  6 08:49:37 1994
        m, d, clock, y = parts
      elsif parts.size >= 4
        d, m, y, clock = parts
      else
        raise ArgumentError, "not RFC 2616 compliant date: #{str.inspect}"
      end
      month = MONTHS.index(m.to_s)
      h, mi, s = clock.to_s.split(':').map { |x| Integer(x) }
      raise ArgumentError, "not RFC 2616 compliant date: #{str.inspect}" unless month && h && mi && s
      Time.gm(Integer(y.to_s), month + 1, Integer(d.to_s), h, mi, s)
    rescue TypeError
      raise ArgumentError, "not RFC 2616 compliant date: #{str.inspect}"
    end

    HTTP_STATUS = {
      100 => 'Continue', 101 => 'Switching Protocols', 200 => 'OK', 201 => 'Created', 202 => 'Accepted',
      204 => 'No Content', 206 => 'Partial Content', 301 => 'Moved Permanently', 302 => 'Found',
      303 => 'See Other', 304 => 'Not Modified', 307 => 'Temporary Redirect', 308 => 'Permanent Redirect',
      400 => 'Bad Request', 401 => 'Unauthorized', 403 => 'Forbidden', 404 => 'Not Found',
      405 => 'Method Not Allowed', 406 => 'Not Acceptable', 409 => 'Conflict', 410 => 'Gone',
      412 => 'Precondition Failed', 413 => 'Content Too Large', 415 => 'Unsupported Media Type',
      418 => "I'm a teapot", 422 => 'Unprocessable Content', 429 => 'Too Many Requests',
      500 => 'Internal Server Error', 501 => 'Not Implemented', 502 => 'Bad Gateway',
      503 => 'Service Unavailable', 504 => 'Gateway Timeout'
    }.freeze

    # Constant time once the lengths match (Rack's contract: compare digests).
    def secure_compare(a, b)
      a.bytesize == b.bytesize && Crypto.secure_compare(a, b)
    end

    # The rest of Rack::Utils (kiln/lib/rack/utils.rb: byte_ranges, q_values,
    # HTTP_STATUS_CODES...) loads on first use, like Rack's autoload; `kiln
    # build` bundles it into apps that name Rack::Utils.
    def method_missing(name, *args, &block)
      return super unless Loader.autoload('Rack::Utils') && respond_to?(name)
      send(name, *args, &block)
    end

    # :not_found -> 404, as Rack::Utils.status_code
    def status_code(status)
      return status.to_i unless status.is_a?(Symbol)
      HTTP_STATUS.each { |code, text| return code if text.downcase.tr(" '-", '___').delete('_') == status.to_s.delete('_') }
      raise ArgumentError, "Unrecognized status code #{status.inspect}"
    end
  end
end

# Time#httpdate and Time.httpdate (Ruby's `time` library) on the HTTP-date
# code above, so they stay here rather than in boot/core_ext/.
class Time
  def httpdate
    Kiln::Utils.httpdate(self)
  end

  def self.httpdate(str)
    Kiln::Utils.parse_httpdate(str)
  end
end
