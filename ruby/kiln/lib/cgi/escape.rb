# `require 'cgi/escape'`: CGI's escaping functions (ruby/kiln/lib/cgi.rb).
require 'cgi'
