# The MIME registry behind content_type / mime_type (Rack's common types).
module Kiln
  module Mime
    TYPES = {
      'html' => 'text/html', 'htm' => 'text/html', 'txt' => 'text/plain', 'text' => 'text/plain',
      'css' => 'text/css', 'csv' => 'text/csv', 'js' => 'text/javascript', 'mjs' => 'text/javascript',
      'json' => 'application/json', 'xml' => 'application/xml', 'atom' => 'application/atom+xml',
      'rss' => 'application/rss+xml', 'xhtml' => 'application/xhtml+xml', 'pdf' => 'application/pdf',
      'zip' => 'application/zip', 'gz' => 'application/gzip', 'wasm' => 'application/wasm',
      'bin' => 'application/octet-stream', 'png' => 'image/png', 'jpg' => 'image/jpeg',
      'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'svg' => 'image/svg+xml', 'ico' => 'image/vnd.microsoft.icon',
      'webp' => 'image/webp', 'avif' => 'image/avif', 'mp3' => 'audio/mpeg', 'mp4' => 'video/mp4',
      'webm' => 'video/webm', 'woff' => 'font/woff', 'woff2' => 'font/woff2', 'ttf' => 'font/ttf',
      'md' => 'text/markdown', 'yaml' => 'text/yaml', 'form' => 'application/x-www-form-urlencoded',
      'multipart' => 'multipart/form-data', 'ics' => 'text/calendar', 'vcf' => 'text/vcard'
    }

    # :json / "json" / ".json" -> "application/json"; a String with a "/"
    # is already a type. nil when unknown.
    def self.lookup(type)
      return nil if type.nil?
      type = type.to_s
      return type if type.include?('/')
      type = type[1, type.length - 1] if type.start_with?('.')
      TYPES[type.downcase]
    end

    def self.register(ext, type)
      ext = ext.to_s
      ext = ext[1, ext.length - 1] if ext.start_with?('.')
      TYPES[ext] = type
    end
  end
end
