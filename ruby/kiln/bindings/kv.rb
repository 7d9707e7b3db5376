# Workers KV: bindings.CACHE.get('k') etc.
module Kiln
  module Bindings
    class KV
      TYPES = %i[text json binary].freeze
      attr_reader :name

      def initialize(name) @name = name end

      def get(key, type: :text)
        Kiln.await(:kv, @name, 'get', key.to_s, { 'type' => check_type(type) })
      end

      def get_with_metadata(key, type: :text)
        Kiln.await(:kv, @name, 'get_with_metadata', key.to_s, { 'type' => check_type(type) })
      end

      def put(key, value, expiration_ttl: nil, expiration: nil, metadata: nil)
        Kiln.await(:kv, @name, 'put', key.to_s,
                   { 'value' => value.to_s, 'expiration_ttl' => expiration_ttl, 'expiration' => expiration, 'metadata' => metadata })
      end

      def delete(key)
        Kiln.await(:kv, @name, 'delete', key.to_s)
      end

      # {keys: [{name:, expiration:, metadata:}], list_complete:, cursor:}
      def list(prefix: nil, limit: nil, cursor: nil)
        Bindings.symbolize(Kiln.await(:kv, @name, 'list', nil, { 'prefix' => prefix, 'limit' => limit, 'cursor' => cursor }))
      end

      private

      def check_type(type)
        raise ArgumentError, "KV type must be one of #{TYPES.inspect}, not #{type.inspect}" unless TYPES.include?(type.to_sym)
        type.to_s
      end
    end
    KINDS['kv'] = KV
  end
end
