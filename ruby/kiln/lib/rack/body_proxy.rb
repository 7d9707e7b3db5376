# Rack::BodyProxy (rack/body_proxy.rb): a response body that runs a block
# when closed (Kiln closes every body once it has been sent:
# Kiln::Middleware.rack_body).
module Rack
  class BodyProxy
    def initialize(body, &block)
      @body = body
      @block = block
      @closed = false
    end

    def respond_to_missing?(name, include_all = false)
      name != :to_str && @body.respond_to?(name, include_all)
    end

    def respond_to?(name, include_all = false)
      super || respond_to_missing?(name, include_all)
    end

    def close
      return if @closed
      @closed = true
      begin
        @body.close if @body.respond_to?(:close)
      ensure
        @block.call
      end
    end

    def closed?; @closed; end

    def each(&block)
      @body.each(&block)
    end

    def to_ary
      @body.to_ary
    ensure
      close
    end

    def method_missing(name, *args, &block)
      return super if name == :to_str || !@body.respond_to?(name)
      @body.__send__(name, *args, &block)
    end
  end
end
