# Rack::ETag (rack/etag.rb): a weak ETag (the body's SHA-256, 32 hex digits)
# on buffered 200/201 responses without one or a last-modified, and
# cache-control "max-age=0, private, must-revalidate" when it set one.
module Rack
  class ETag
    ETAG_STRING = 'etag'
    DEFAULT_CACHE_CONTROL = 'max-age=0, private, must-revalidate'

    def initialize(app, no_cache_control = nil, cache_control = DEFAULT_CACHE_CONTROL)
      @app = app
      @cache_control = cache_control
      @no_cache_control = no_cache_control
    end

    def call(env)
      response = @app.call(env)
      status, headers, body = response
      digest = nil
      if (status == 200 || status == 201) && body.respond_to?(:to_ary) && !headers.key?('etag') && !headers.key?('last-modified')
        body = body.to_ary
        digest = digest_body(body)
        headers['etag'] = %(W/"#{digest}") if digest
        response[2] = body
      end
      unless headers['cache-control']
        if digest
          headers['cache-control'] = @cache_control if @cache_control
        elsif @no_cache_control
          headers['cache-control'] = @no_cache_control
        end
      end
      response
    end

    private

    def digest_body(body)
      parts = body.map(&:to_s).reject(&:empty?)
      parts.empty? ? nil : Digest::SHA256.hexdigest(parts.join)[0, 32]
    end
  end
end
