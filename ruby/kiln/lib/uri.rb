# `require 'uri'` (also bundled when a source names URI: Sinatra requires
# 'uri' itself; js/cli/build/libraries.js IMPLIED). RFC 3986 parsing into
# URI::Generic / HTTP / HTTPS (scheme, userinfo, host, port, path, query,
# fragment, to_s, merge / join / route relative references), URI(),
# URI.join, encode_www_form(_component), decode_www_form(_component),
# encode_uri_component. The percent-encoding itself is Kiln::Utils' (the
# DSL's Rack::Utils, ruby/kiln/sinatra/utils.rb). Net::HTTP (in the DSL's
# bindings/fetch.rb) takes these or plain Strings.
module URI
  class Error < StandardError; end
  class InvalidURIError < Error; end
  class InvalidComponentError < Error; end
  class BadURIError < Error; end

  # scheme://userinfo@host:port/path?query#fragment (RFC 3986 appendix B).
  RFC3986 = %r{\A(?:([A-Za-z][A-Za-z0-9+.\-]*):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\z}

  class Generic
    DEFAULT_PORT = nil
    SCHEME = nil

    attr_reader :scheme, :userinfo, :host, :port, :path, :query, :fragment, :opaque

    def self.build(args)
      h = args.is_a?(Hash) ? args : {}
      new(h[:scheme] || self::SCHEME, h[:userinfo], h[:host], h[:port], nil, h[:path] || '', nil, h[:query], h[:fragment])
    end

    def initialize(scheme, userinfo, host, port, _registry, path, opaque, query, fragment, _parser = nil, _arg_check = false)
      @scheme = scheme && scheme.downcase
      @userinfo = userinfo
      @host = host
      @port = port ? port.to_i : self.class::DEFAULT_PORT
      @path = path.to_s
      @opaque = opaque
      @query = query
      @fragment = fragment
    end

    def default_port; self.class::DEFAULT_PORT; end

    def user; @userinfo && @userinfo.split(':', 2)[0]; end
    def password; @userinfo && @userinfo.split(':', 2)[1]; end

    # Without IPv6 brackets, as CRuby's #hostname.
    def hostname
      @host && @host.start_with?('[') ? @host[1..-2] : @host
    end

    def scheme=(v) @scheme = v && v.downcase end
    def host=(v) @host = v end
    def hostname=(v) @host = v end
    def port=(v) @port = v && v.to_i end
    def path=(v) @path = v.to_s end
    def query=(v) @query = v end
    def fragment=(v) @fragment = v end
    def userinfo=(v) @userinfo = v end
    def user=(v) @userinfo = password ? "#{v}:#{password}" : v end
    def password=(v) @userinfo = "#{user}:#{v}" end

    def absolute?; !@scheme.nil?; end
    alias absolute absolute?
    def relative?; @scheme.nil?; end
    def hierarchical?; @opaque.nil?; end

    # The path and query, as Net::HTTP sends them.
    def request_uri
      return nil unless @path
      p = @path.empty? ? '/' : @path
      @query ? "#{p}?#{@query}" : p
    end

    def authority
      return nil unless @host
      s = String.new
      s << "#{@userinfo}@" if @userinfo
      s << @host
      s << ":#{@port}" if @port && @port != default_port
      s
    end

    def to_s
      s = String.new
      s << "#{@scheme}:" if @scheme
      if @opaque
        s << @opaque
      else
        s << "//#{authority}" if @host
        s << @path
        s << "?#{@query}" if @query
      end
      s << "##{@fragment}" if @fragment
      s
    end
    alias to_str to_s

    def inspect
      "#<#{self.class} #{self}>"
    end

    def ==(other)
      other.is_a?(Generic) && normalize.to_s == other.normalize.to_s
    end
    alias eql? ==
    def hash; to_s.hash; end

    def normalize
      u = dup
      u.host = @host.downcase if @host
      u.path = '/' if @path.empty? && @host
      u
    end

    # RFC 3986 section 5.2: this URI as the base of a reference.
    def merge(ref)
      ref = URI.parse(ref.to_s) unless ref.is_a?(Generic)
      return ref.dup if ref.scheme
      base = dup
      base.fragment = ref.fragment
      if ref.host
        base.userinfo = ref.userinfo
        base.host = ref.host
        base.port = ref.port
        base.path = URI.remove_dot_segments(ref.path)
        base.query = ref.query
      elsif ref.path.empty?
        base.query = ref.query if ref.query
      else
        if ref.path.start_with?('/')
          base.path = URI.remove_dot_segments(ref.path)
        else
          dir = @path.empty? && @host ? '/' : @path[0, (@path.rindex('/') || -1) + 1]
          base.path = URI.remove_dot_segments(dir + ref.path)
        end
        base.query = ref.query
      end
      base
    end
    alias + merge
    alias join merge

    def route_to(other)
      other = URI.parse(other.to_s) unless other.is_a?(Generic)
      return other unless other.scheme == @scheme && other.host == @host && other.port == @port
      URI.parse(other.request_uri.to_s + (other.fragment ? "##{other.fragment}" : ''))
    end
  end

  class HTTP < Generic
    DEFAULT_PORT = 80
    SCHEME = 'http'
  end

  class HTTPS < HTTP
    DEFAULT_PORT = 443
    SCHEME = 'https'
  end

  class WS < Generic
    DEFAULT_PORT = 80
    SCHEME = 'ws'
  end

  class WSS < WS
    DEFAULT_PORT = 443
    SCHEME = 'wss'
  end

  class MailTo < Generic
    def to; @opaque; end
  end

  SCHEMES = { 'http' => HTTP, 'https' => HTTPS, 'ws' => WS, 'wss' => WSS, 'mailto' => MailTo }.freeze

  class << self
    def scheme_list; SCHEMES.each_with_object({}) { |(k, v), h| h[k.upcase] = v }; end

    def parse(str)
      return str if str.is_a?(Generic)
      s = str.to_s
      raise InvalidURIError, "bad URI (is not URI?): #{s.inspect}" if s =~ /[\s<>"{}|\\^`]/ || !(m = s.match(RFC3986))
      scheme, auth, path, query, fragment = m[1], m[2], m[3], m[4], m[5]
      klass = (scheme && SCHEMES[scheme.downcase]) || Generic
      opaque = nil
      if scheme && auth.nil? && !path.start_with?('/')
        opaque = path
        path = nil
        opaque += "?#{query}" if query
        query = nil
      end
      userinfo = host = port = nil
      if auth
        userinfo, _, hostport = auth.rpartition('@')
        userinfo = nil if userinfo.empty? && !auth.include?('@')
        if (hm = hostport.match(/\A(\[[^\]]*\]|[^:]*)(?::(\d*))?\z/))
          host = hm[1]
          port = hm[2] && !hm[2].empty? ? hm[2].to_i : nil
        else
          raise InvalidURIError, "bad URI (is not URI?): #{s.inspect}"
        end
      end
      klass.new(scheme, userinfo, host, port, nil, path, opaque, query, fragment)
    end

    def join(*strs)
      strs.map { |s| parse(s) }.reduce { |base, ref| base.merge(ref) }
    end

    def split(str)
      u = parse(str)
      [u.scheme, u.userinfo, u.host, u.port && u.port.to_s, nil, u.path, u.opaque, u.query, u.fragment]
    end

    def remove_dot_segments(path)
      out = []
      segs = path.split('/', -1)
      segs.each_with_index do |seg, i|
        last = i == segs.size - 1
        if seg == '..'
          out.pop if out.size > 1 || (out.size == 1 && out[0] != '')
          out << '' if last
        elsif seg == '.'
          out << '' if last
        else
          out << seg
        end
      end
      out.join('/')
    end

    # application/x-www-form-urlencoded (space as +), as CRuby.
    def encode_www_form_component(str, _enc = nil)
      str.to_s.bytes.map do |b|
        c = b.chr
        if c =~ /[A-Za-z0-9*\-._]/ then c
        elsif b == 0x20 then '+'
        else format('%%%02X', b)
        end
      end.join
    end

    def decode_www_form_component(str, _enc = nil)
      s = str.to_s
      raise ArgumentError, "invalid %-encoding (#{s})" if s =~ /%(?![0-9A-Fa-f]{2})/
      Kiln::Utils.unescape(s)
    end

    # As encode_www_form_component, with space as %20 (Ruby 3.2's).
    def encode_uri_component(str, _enc = nil)
      encode_www_form_component(str).gsub('+', '%20')
    end

    def decode_uri_component(str, _enc = nil)
      Kiln::Utils.unescape(str.to_s.gsub('+', '%2B'))
    end

    # [[k, v], ...] or {k => v} (an Array value repeats the key; nil: no "=").
    def encode_www_form(enum, _enc = nil)
      enum.flat_map do |k, v|
        key = encode_www_form_component(k)
        if v.nil? then [key]
        elsif v.is_a?(Array) then v.map { |x| x.nil? ? key : "#{key}=#{encode_www_form_component(x)}" }
        else ["#{key}=#{encode_www_form_component(v)}"]
        end
      end.join('&')
    end

    def decode_www_form(str, _enc = nil, separator: '&', use__charset_: false, isindex: false)
      return [] if str.to_s.empty?
      str.to_s.split(separator).reject(&:empty?).map do |pair|
        k, v = pair.split('=', 2)
        [decode_www_form_component(k), decode_www_form_component(v.to_s)]
      end
    end

    def extract(str, schemes = nil)
      found = str.to_s.scan(%r{[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>"]+})
      schemes ? found.select { |u| schemes.include?(u[/\A[^:]+/]) } : found
    end

    def regexp(schemes = nil)
      %r{[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>"]+}
    end

    def escape(str, unsafe = nil)
      Kiln::Utils.escape_path(str.to_s)
    end
    alias encode escape

    def unescape(str) Kiln::Utils.unescape(str.to_s.gsub('+', '%2B')) end
    alias decode unescape
  end
end

module Kernel
  def URI(s)
    URI.parse(s)
  end
  private :URI
end
