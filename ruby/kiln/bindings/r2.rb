# R2: bucket.put / get / head / delete / list. Bodies are binary Strings.
module Kiln
  module Bindings
    class R2
      attr_reader :name

      def initialize(name) @name = name end

      def put(key, body, http_metadata: {}, custom_metadata: {})
        meta = Kiln.await(:r2, @name, 'put', key.to_s,
                          { 'body' => body.to_s, 'http_metadata' => http_metadata, 'custom_metadata' => custom_metadata })
        meta && R2Object.new(meta)
      end

      # range: {offset:, length:} or {suffix:}
      def get(key, range: nil)
        data = Kiln.await(:r2, @name, 'get', key.to_s, { 'range' => range && stringify(range) })
        data && R2Object.new(data)
      end

      def head(key)
        data = Kiln.await(:r2, @name, 'head', key.to_s)
        data && R2Object.new(data)
      end

      def delete(key_or_keys)
        Kiln.await(:r2, @name, 'delete', key_or_keys)
      end

      def list(prefix: nil, delimiter: nil, cursor: nil, limit: nil)
        r = Kiln.await(:r2, @name, 'list', nil, { 'prefix' => prefix, 'delimiter' => delimiter, 'cursor' => cursor, 'limit' => limit })
        { objects: r['objects'].map { |o| R2Object.new(o) }, truncated: r['truncated'], cursor: r['cursor'],
          delimited_prefixes: r['delimited_prefixes'] }
      end

      private

      def stringify(h) h.each_with_object({}) { |(k, v), o| o[k.to_s] = v } end

    end

    # An R2 object: metadata, plus the body for get.
    class R2Object
      attr_reader :key, :size, :etag, :version, :uploaded, :http_metadata, :custom_metadata, :body

      def initialize(data)
        @key = data['key']
        @size = data['size']
        @etag = data['etag']
        @version = data['version']
        @uploaded = data['uploaded']
        @http_metadata = Bindings.symbolize(data['http_metadata'] || {})
        @custom_metadata = data['custom_metadata'] || {}
        @body = data['body']
      end

      # body is Kiln::Bytes (binary); text is the same bytes as a String.
      def text; String.new(@body.to_s); end
      def json; JSON.parse(text); end
    end
    KINDS['r2'] = R2
  end
end
