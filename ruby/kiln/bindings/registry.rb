# `bindings.NAME` / `bindings[:NAME]`: the Workers bindings declared in
# wrangler.toml, wrapped by kind (JS tells each binding's kind at boot).
# Every call goes through Kiln.await, so route code reads synchronously.
module Kiln
  module Bindings
    KINDS = {}
    @kinds = {}
    @cache = {}

    class << self
      attr_accessor :kinds

      def [](name)
        name = name.to_s
        @cache[name] ||= begin
          kind = @kinds[name] or raise NameError, "no binding named #{name} (declared bindings: #{@kinds.keys.sort.join(', ')})"
          klass = KINDS[kind] or raise NotImplementedError, "#{kind} bindings (#{name}) are not supported by Kiln yet"
          klass.new(name)
        end
      end

      def names
        @kinds.keys
      end
    end

    # bindings.KV, bindings[:KV]
    class Accessor
      def [](name) Bindings[name] end
      def key?(name) Bindings.names.include?(name.to_s) end
      def respond_to_missing?(name, _all = false) key?(name) end

      def method_missing(name, *args, &block)
        return Bindings[name] if args.empty? && block.nil? && key?(name)
        super
      end
    end
    ACCESSOR = Accessor.new

    # Deep-converts String keys of result Hashes to Symbols.
    def self.symbolize(value)
      case value
      when Hash then value.each_with_object({}) { |(k, v), h| h[k.is_a?(String) ? k.to_sym : k] = symbolize(v) }
      when Array then value.map { |v| symbolize(v) }
      else value
      end
    end
  end

  # `bindings` in routes and event blocks (included in sinatra/helpers.rb);
  # the top-level `bindings` below serves everywhere else.
  module Bindings::Helpers
    def bindings
      Bindings::ACCESSOR
    end
  end
end

def bindings
  Kiln::Bindings::ACCESSOR
end
