# multipart/form-data request bodies (file uploads), parsed by the C++
# Kiln::Multipart.parse (src/multipart/multipart.cpp). As in Rack, a file field is
# {filename:, type:, name:, head:, tempfile:}; other fields are Strings, and
# field names nest ("a[b]", "files[]") like urlencoded ones.
module Kiln
  # The upload's bytes, in memory (Workers have no file system): reads like
  # a Tempfile / Rack::Multipart::UploadedFile, but #path is nil.
  class UploadedFile < BodyReader
    attr_reader :original_filename, :content_type

    def initialize(data, filename = nil, content_type = nil)
      super(data)
      @original_filename = filename
      @content_type = content_type
    end

    def path; nil; end
    def eof?; @pos >= @string.bytesize; end
    alias length size
    def close(_unlink = false) nil end
    def binmode; self; end
    def inspect; "#<Kiln::UploadedFile #{@original_filename.inspect} (#{size} bytes)>"; end
  end

  module Multipart
    # Defaults of `set :multipart_max_parts` / `set :multipart_max_header_size`.
    MAX_PARTS = 1024
    MAX_HEADER_SIZE = 8192

    # The form's params, or BadRequest (400) with the reason.
    def self.params(body, content_type, max_parts = MAX_PARTS, max_header_size = MAX_HEADER_SIZE)
      parts = parse(body, content_type.to_s, max_parts, max_header_size)
      raise BadRequest, "Malformed multipart body: #{parts}" if parts.is_a?(String)
      params = {}
      parts.each do |name, filename, type, head, data|
        next if name.empty?
        if filename
          next if filename.empty? # a file input with no file chosen
          data = { filename: filename, type: type, name: name, head: head,
                   tempfile: UploadedFile.new(data, filename, type) }
        end
        Utils.normalize_params(params, name, data, 0)
      end
      params
    rescue ParameterError => e
      raise BadRequest, "Invalid multipart parameters: #{Utils.escape_html(e.message)}"
    end
  end
end
