# Rack::Mime (rack/mime.rb) over Kiln's MIME table (ruby/kiln/sinatra/mime.rb,
# the types Sinatra's mime_type knows; `mime_type :x, 'a/b'` adds to it).
module Rack
  module Mime
    # Rack's keys are extensions with the dot (a copy: types registered later
    # are found by mime_type, not here).
    MIME_TYPES = {}
    Kiln::Mime::TYPES.each { |ext, type| MIME_TYPES[".#{ext}"] = type }

    def self.mime_type(ext, fallback = 'application/octet-stream')
      ext = ext.to_s
      (ext.start_with?('.') && Kiln::Mime::TYPES[ext[1, ext.length].downcase]) || fallback
    end

    # Whether value ("text/html") matches matcher ("text/*", "*/*").
    def self.match?(value, matcher)
      v1, v2 = value.split('/', 2)
      m1, m2 = matcher.split('/', 2)
      (m1 == '*' || v1 == m1) && (m2.nil? || m2 == '*' || m2 == v2)
    end

  end
end
