# The rest of Rack::Response (rack/response.rb). Rack::Response is
# Kiln::Response (ruby/kiln/sinatra/response.rb: new(body, status, headers),
# write, finish, set_cookie, delete_cookie, status predicates); these are
# Rack's others, loaded with require 'rack' or 'rack/response'.
require 'rack/utils'

module Rack
  class Response
    def self.[](status, headers, body)
      new(body, status, headers)
    end

    alias to_a finish

    def get_header(name) @headers[name] end
    def set_header(name, value) @headers[name] = value end
    def has_header?(name) @headers.key?(name) end
    alias include? has_header?

    def each(&block)
      Array(@body).each(&block)
    end

    def close
      @body.close if @body.respond_to?(:close)
    end

    def empty?
      Utils::STATUS_WITH_NO_ENTITY_BODY.key?(@status.to_i) || Array(@body).all? { |b| b.to_s.empty? }
    end

    def length
      Array(@body).inject(0) { |n, b| n + b.to_s.bytesize }
    end

    def content_type; @headers['content-type']; end
    def content_type=(type) @headers['content-type'] = type end
    def content_length; (cl = @headers['content-length']) && cl.to_i; end
    def location; @headers['location']; end
    def location=(url) @headers['location'] = url end
    def cache_control; @headers['cache-control']; end
    def cache_control=(value) @headers['cache-control'] = value end
    def etag; @headers['etag']; end
    def etag=(value) @headers['etag'] = value end

    def media_type
      (t = content_type) && t.split(';').first.strip.downcase
    end

    def redirect(target, status = 302)
      self.status = status
      self.location = target
    end

    def ok?; @status == 200; end
    def created?; @status == 201; end
    def accepted?; @status == 202; end
    def no_content?; @status == 204; end
    def moved_permanently?; @status == 301; end
    def bad_request?; @status == 400; end
    def unauthorized?; @status == 401; end
    def forbidden?; @status == 403; end
    def method_not_allowed?; @status == 405; end
    def not_acceptable?; @status == 406; end
    def request_timeout?; @status == 408; end
    def precondition_failed?; @status == 412; end
    def unprocessable?; @status == 422; end
    def partial?; @status == 206; end
  end
end
