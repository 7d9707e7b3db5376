# The Workers Cache API: caches.default.match/put/delete, caches.open(name),
# and cache_get(key, ttl:) { ... } for memoising a computed String.
module Kiln
  class Cache
    def initialize(name = nil) @name = name end

    # A cached response as Kiln::HTTP::Response, or nil. Only GET requests
    # match unless ignore_method: (Workers' ignoreMethod).
    def match(url, method: 'GET', ignore_method: false)
      data = Kiln.await(:cache, @name, 'match', url.to_s, options(method, ignore_method))
      data && HTTP::Response.new(data)
    end

    # response: a String body, or {status:, headers:, body:}
    def put(url, response)
      response = { body: response } if response.is_a?(String)
      Kiln.await(:cache, @name, 'put', url.to_s,
                 { 'status' => response[:status] || 200, 'headers' => response[:headers] || {}, 'body' => response[:body].to_s })
    end

    # Whether an entry was deleted.
    def delete(url, method: 'GET', ignore_method: false)
      Kiln.await(:cache, @name, 'delete', url.to_s, options(method, ignore_method))
    end

    private

    def options(method, ignore_method) { 'method' => method.to_s.upcase, 'ignore_method' => ignore_method ? true : false } end

    public

    class Storage
      def default; @default ||= Cache.new; end
      def open(name) Cache.new(name.to_s) end
    end
    STORAGE = Storage.new
  end

  # Included in sinatra/helpers.rb.
  module Cache::Helpers
    def caches; Cache::STORAGE; end

    # The block's String, cached under key for ttl seconds.
    def cache_get(key, ttl: 60)
      url = "https://kiln.cache/#{Utils.escape_path(key.to_s)}"
      hit = caches.default.match(url)
      return hit.body if hit
      value = yield.to_s
      caches.default.put(url, { body: value, headers: { 'cache-control' => "max-age=#{ttl.to_i}" } })
      value
    end
  end
end
