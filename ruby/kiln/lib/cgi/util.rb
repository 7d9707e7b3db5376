# `require 'cgi/util'`: CGI's escaping functions (ruby/kiln/lib/cgi.rb).
require 'cgi'
