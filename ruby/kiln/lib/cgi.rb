# `require 'cgi'` (also 'cgi/util', 'cgi/escape'; bundled when a source
# names CGI, as Rack loads cgi/escape: js/cli/build/libraries.js IMPLIED).
# CGI's escaping functions only: a Worker has no CGI request to parse
# (Sinatra's request and params do that). The byte work is Kiln::Utils'
# C++ (src/text/text.cpp).
class CGI
  TABLE_FOR_ESCAPE_HTML__ = { '&' => '&amp;', '"' => '&quot;', "'" => '&#39;', '<' => '&lt;', '>' => '&gt;' }.freeze
  ENTITIES = { 'amp' => '&', 'quot' => '"', 'apos' => "'", 'lt' => '<', 'gt' => '>', 'nbsp' => "\u00a0" }.freeze

  module Util
    # application/x-www-form-urlencoded with CGI's unreserved set (A-Z a-z
    # 0-9 _ . - ~; Rack's and URI's keep * and escape ~): space as "+".
    def escape(str)
      str.to_s.bytes.map { |b| b == 0x20 ? '+' : (b.chr =~ /[A-Za-z0-9_.\-~]/ ? b.chr : format('%%%02X', b)) }.join
    end

    def unescape(str, _encoding = nil)
      Kiln::Utils.unescape(str.to_s)
    end

    # RFC 3986: space as "%20".
    def escapeURIComponent(str)
      escape(str).gsub('+', '%20')
    end
    alias escape_uri_component escapeURIComponent

    def unescapeURIComponent(str, _encoding = nil)
      Kiln::Utils.unescape(str.to_s.gsub('+', '%2B'))
    end
    alias unescape_uri_component unescapeURIComponent

    def escapeHTML(str)
      Kiln::Utils.escape_html(str.to_s)
    end
    alias escape_html escapeHTML
    alias h escapeHTML

    # The five escapeHTML makes, the other named entities above, and
    # numeric references (&#39; &#x27;); anything else stays as it is.
    def unescapeHTML(str)
      str.to_s.gsub(/&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);/) do
        ref = $1
        if ref.start_with?('#x', '#X') then [ref[2..-1].to_i(16)].pack('U')
        elsif ref.start_with?('#') then [ref[1..-1].to_i].pack('U')
        else ENTITIES.fetch(ref) { "&#{ref};" }
        end
      end
    end
    alias unescape_html unescapeHTML

    def escapeElement(str, *elements)
      elements = elements.flatten
      return str if elements.empty?
      str.gsub(/<\/?(?:#{elements.join('|')})(?:\s[^>]*)?>/i) { |tag| escapeHTML(tag) }
    end
    alias escape_element escapeElement

    def pretty(str, shift = '  ')
      str
    end

    RFC822_DAYS = %w[Sun Mon Tue Wed Thu Fri Sat].freeze
    RFC822_MONTHS = %w[Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec].freeze

    def rfc1123_date(time)
      Kiln::Utils.httpdate(time)
    end
  end

  extend Util
end
