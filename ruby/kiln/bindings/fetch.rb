# Outbound HTTP through the Workers fetch API: fetch(url, method:, headers:,
# body:) and a Net::HTTP compatibility subset (URI objects, from
# ruby/kiln/lib/uri.rb, or Strings).
module Kiln
  module HTTP
    class Response
      attr_reader :status, :headers, :body, :url

      def initialize(data)
        @status = data['status']
        @url = data['url']
        @headers = Headers.new
        (data['headers'] || []).each { |k, v| @headers[k] = @headers[k] ? "#{@headers[k]}, #{v}" : v }
        # A String, as Net::HTTP's and Rack's bodies: not the Kiln::Bytes the
        # bridge makes of JS bytes (so it binds as TEXT, sends as text).
        @body = String.new(data['body'].to_s)
      end

      def ok?; @status >= 200 && @status < 300; end
      def json; JSON.parse(@body); end
      def [](name) @headers[name] end
      alias code status
    end

    def self.fetch(url, method: 'GET', headers: {}, body: nil)
      init = { 'method' => method.to_s.upcase, 'headers' => headers.each_with_object({}) { |(k, v), h| h[k.to_s] = v.to_s } }
      init['body'] = body.to_s unless body.nil?
      Response.new(Kiln.await(:fetch, url.to_s, init))
    end
  end

  # `fetch` in routes and event blocks (included in sinatra/helpers.rb).
  module HTTP::Helpers
    def fetch(url, **opts)
      HTTP.fetch(url, **opts)
    end
  end
end

module Net
  class HTTPResponse
    attr_reader :code, :body

    def initialize(res)
      @res = res
      @code = res.status.to_s
      @body = res.body
    end

    def [](name) @res[name] end
    def is_a_success?; @res.ok?; end
  end

  module HTTP
    def self.get(uri) Kiln::HTTP.fetch(uri.to_s).body end
    def self.get_response(uri) HTTPResponse.new(Kiln::HTTP.fetch(uri.to_s)) end

    def self.post_form(uri, params)
      HTTPResponse.new(Kiln::HTTP.fetch(uri.to_s, method: 'POST', body: Kiln::Utils.build_nested_query(params),
                                                  headers: { 'content-type' => 'application/x-www-form-urlencoded' }))
    end
  end
end
