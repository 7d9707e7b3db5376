# Rack::Deflater (rack/deflater.rb) on Workers: the compressing is the
# runtime's. A Response whose content-encoding is gzip is compressed by
# workerd as it is sent (its CompressionStream, outside wasm: no zlib in the
# Worker, no CPU time billed to the isolate); under node the emulation does
# the same (js/worker/kiln.js, compressBodies). So this middleware decides,
# as Rack's does (Accept-Encoding, no-transform, :if, :include, no-body
# statuses), and marks the response: content-encoding gzip, vary
# Accept-Encoding, no content-length. The body stays as the app made it.
# :deflaters (custom encodings) are not supported: gzip and identity only.
require 'rack/utils'
require 'rack/request'

module Rack
  class Deflater
    def initialize(app, options = {})
      @app = app
      @condition = options[:if]
      @compressible_types = options[:include]
      raise ArgumentError, 'Rack::Deflater :deflaters is not supported on Workers (gzip only)' if options[:deflaters]
      @available_encodings = %w[gzip identity].freeze
    end

    def call(env)
      response = @app.call(env)
      status, headers, body = response
      return response unless should_deflate?(env, status, headers, body)
      request = Request.new(env)
      encoding = Utils.select_best_encoding(@available_encodings, request.accept_encoding)
      vary = headers['vary'].to_s.split(',').map(&:strip)
      headers['vary'] = vary.push('Accept-Encoding').join(',') unless vary.include?('*') || vary.any? { |v| v.downcase == 'accept-encoding' }
      case encoding
      when 'gzip'
        headers['content-encoding'] = 'gzip'
        headers.delete('content-length')
        response
      when 'identity'
        response
      else
        message = "An acceptable encoding for the requested resource #{request.fullpath} could not be found."
        body.close if body.respond_to?(:close)
        [406, { 'content-type' => 'text/plain', 'content-length' => message.length.to_s }, [message]]
      end
    end

    private

    def should_deflate?(env, status, headers, body)
      return false if Utils::STATUS_WITH_NO_ENTITY_BODY.key?(status.to_i)
      return false if headers['cache-control'].to_s.include?('no-transform')
      encoding = headers['content-encoding']
      return false if encoding && !encoding.include?('identity')
      if @compressible_types
        type = headers['content-type']
        return false unless type && @compressible_types.include?(type.split(';').first.to_s.strip)
      end
      return false if @condition && !@condition.call(env, status, headers, body)
      headers['content-length'] != '0'
    end
  end
end
