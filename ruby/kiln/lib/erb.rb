# `require 'erb'` (bundled when a source names ERB::Util: Rack's
# show_exceptions loads erb in CRuby; js/cli/build/libraries.js IMPLIED).
# ERB::Util only: templates (views/*.erb, inline templates) are compiled
# to Ruby at build time (js/cli/build/templates.js), so ERB.new(string) at
# run time, which needs Ruby's eval, is not here: ERB.new says so.
require 'cgi'

class ERB
  def initialize(*)
    raise NotImplementedError, 'ERB.new compiles a template at run time, which needs eval: Kiln compiles ' \
                               'templates at build time, so put it in views/NAME.erb (or after __END__) and call erb :NAME'
  end

  def self.version; '4.0.0'; end

  module Util
    extend self

    def html_escape(s)
      Kiln::Utils.escape_html(s.to_s)
    end
    alias h html_escape

    # RFC 3986 unreserved characters kept; everything else %XX (space as %20).
    def url_encode(s)
      s.to_s.bytes.map { |b| (b.chr =~ /[A-Za-z0-9\-._~]/) ? b.chr : format('%%%02X', b) }.join
    end
    alias u url_encode
  end

  module DefMethod; end
end
