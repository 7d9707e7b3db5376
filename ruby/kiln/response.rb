# Kiln::Response: status, headers and body parts, finished into the triple
# the C++ runtime converts to a JS Response.
module Kiln
  class Response
    attr_accessor :status
    attr_reader :headers, :body

    def initialize(body = [], status = 200, headers = {})
      @status = status
      @headers = {}
      headers.each { |k, v| self[k] = v }
      self.body = body
    end

    def [](name)
      @headers[name.to_s.downcase]
    end

    # Header names are kept lower-case, as in HTTP/2 and Rack 3.
    def []=(name, value)
      @headers[name.to_s.downcase] = value
    end

    def body=(value)
      @body = value.is_a?(String) ? [value] : value
    end

    def write(chunk)
      @body << chunk.to_s
    end

    # [status, headers, body-as-one-String]
    def finish
      text = String.new
      @body.each { |part| text << part.to_s } if @body.respond_to?(:each)
      @body.close if @body.respond_to?(:close)
      if [204, 304].include?(@status) || (100..199).include?(@status)
        @headers.delete('content-type')
        @headers.delete('content-length')
        text = ''
      end
      [@status, @headers, text]
    end
  end
end
