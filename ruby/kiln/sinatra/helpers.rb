# What routes, filters, error handlers and templates can call: Sinatra's
# own helpers (Kiln::Helpers, alias Sinatra::Helpers), then, at the end, the
# list of every helper module Kiln::Base and event blocks are made of.
module Kiln
  module Helpers
    def status(value = nil)
      response.status = Utils.status_code(value) if value
      response.status
    end

    def body(value = nil, &block)
      if block
        response.body = [block.call.to_s]
      elsif value
        response.headers.lower_delete('content-length') unless request.head?
        response.body = value
      else
        response.body
      end
    end

    def headers(hash = nil)
      response.headers.merge!(hash) if hash
      response.headers
    end

    def session
      request.session
    end

    # env['rack.logger'] (nil: Kiln logs to the Workers console instead).
    def logger
      env['rack.logger']
    end

    def cookies
      request.cookies
    end

    # Sinatra::JSON's helper: the object as JSON, with content type JSON.
    def json(object, options = {})
      content_type(options[:content_type] || :json)
      object.respond_to?(:to_json) ? object.to_json : JSON.generate(object)
    end

    def mime_type(type)
      Mime.lookup(type)
    end

    def content_type(type = nil, params = nil)
      return response['content-type'] unless type
      return response['content-type'] = __kiln_mime_with_charset(type) if params.nil? || params.empty?
      params = params.dup
      default = params.delete(:default)
      mime = mime_type(type) || default
      raise ArgumentError, "Unknown media type: #{type.inspect}" if mime.nil?
      mime = mime.dup
      charset = params.key?(:charset) || params.key?('charset')
      if !charset && settings.charset_for?(mime)
        params[:charset] = settings.default_encoding
      end
      params.delete(:charset) if mime.include?('charset')
      unless params.empty?
        mime << ';'
        mime << params.map { |k, v| "#{k}=#{v.to_s.include?(';') || v.to_s.include?(',') || v.to_s.include?('"') ? v.to_s.inspect : v}" }.join(';')
      end
      response['content-type'] = mime
    end

    # content_type(type) without parameters: the common case, every
    # response without an explicit type goes through it.
    def __kiln_mime_with_charset(type)
      mime = mime_type(type)
      raise ArgumentError, "Unknown media type: #{type.inspect}" if mime.nil?
      Utils.with_charset(mime, settings.add_charset, settings.default_encoding)  # src/text/text.cpp
    end

    def redirect(uri, *args)
      if env['SERVER_PROTOCOL'] == 'HTTP/1.1' && env['REQUEST_METHOD'] != 'GET'
        status 303
      else
        status 302
      end
      response['location'] = uri(uri.to_s, settings.absolute_redirects?, settings.prefixed_redirects?)
      halt(*args)
    end

    # An absolute URL for a path in this app ("to" and "url" too).
    def uri(addr = nil, absolute = true, add_script_name = true)
      return addr if addr && scheme_prefix?(addr.to_s)
      out = String.new
      if absolute
        out << "http#{'s' if request.secure?}://"
        out << (request.forwarded? || request.port != (request.secure? ? 443 : 80) ? request.host_with_port : request.host)
      end
      path = String.new
      path << request.script_name.to_s if add_script_name
      path << (addr || request.path_info).to_s
      out << squeeze_slashes(path)
    end
    alias url uri
    alias to uri

    def back
      request.referer
    end

    def error(code, body = nil)
      if code.is_a?(String)
        body = code
        code = 500
      end
      response.body = body unless body.nil?
      halt code
    end

    def not_found(body = nil)
      error(404, body)
    end

    def attachment(filename = nil, disposition = :attachment)
      response['content-disposition'] = disposition.to_s.dup
      return unless filename
      base = filename.to_s.split('/').last.to_s
      response['content-disposition'] = "#{disposition}; filename=\"#{base.delete("\"\r\n")}\""
      dot = base.rindex('.')
      content_type(base[dot, base.length]) if dot && !response['content-type']
    end

    def cache_control(*values)
      if values.last.is_a?(Hash)
        hash = values.pop.dup
        hash.each { |k, v| values << k if v == true }
        hash = hash.reject { |_k, v| v == false || v == true }
      else
        hash = {}
      end
      values = values.map { |v| v.to_s.tr('_', '-') }
      hash.each do |key, value|
        key = key.to_s.tr('_', '-')
        value = value.to_i if key == 'max-age' || key == 's-maxage'
        values << "#{key}=#{value}"
      end
      response['cache-control'] = values.join(', ') unless values.empty?
    end

    def expires(amount, *values)
      values << {} unless values.last.is_a?(Hash)
      if amount.is_a?(Integer)
        time = Time.now + amount
        max_age = amount
      else
        time = time_for(amount)
        max_age = (time - Time.now).to_i
      end
      values.last[:max_age] = max_age unless values.last.key?(:max_age)
      cache_control(*values)
      response['expires'] = time.httpdate
    end

    def last_modified(time)
      return unless time
      time = time_for(time)
      response['last-modified'] = time.httpdate
      return if env['HTTP_IF_NONE_MATCH']
      if status == 200 && env['HTTP_IF_MODIFIED_SINCE']
        since = Time.httpdate(env['HTTP_IF_MODIFIED_SINCE']).to_i
        halt 304 if since >= time.to_i
      end
      if (success? || status == 412) && env['HTTP_IF_UNMODIFIED_SINCE']
        since = Time.httpdate(env['HTTP_IF_UNMODIFIED_SINCE']).to_i
        halt 412 if since < time.to_i
      end
    rescue ArgumentError
      nil
    end

    def etag(value, options = {})
      options = { kind: options } unless options.is_a?(Hash)
      kind = options[:kind] || :strong
      new_resource = options.key?(:new_resource) ? options[:new_resource] : request.post?
      raise ArgumentError, ':strong or :weak expected' unless %i[strong weak].include?(kind)
      value = "\"#{value}\""
      value = "W/#{value}" if kind == :weak
      response['etag'] = value
      return unless success? || status == 304
      halt(request.safe? ? 304 : 412) if etag_matches?(env['HTTP_IF_NONE_MATCH'], new_resource)
      if env['HTTP_IF_MATCH']
        return if etag_matches?(env['HTTP_IF_MATCH'], new_resource)
        halt 412
      end
      nil
    end

    def informational?; status >= 100 && status <= 199; end
    def success?; status >= 200 && status <= 299; end
    def redirect?; status >= 300 && status <= 399; end
    def client_error?; status >= 400 && status <= 499; end
    def server_error?; status >= 500 && status <= 599; end
    def not_found?; status == 404; end
    def bad_request?; status == 400; end

    def h(text)
      Utils.escape_html(text.to_s)
    end
    alias escape_html h

    def time_for(value)
      if value.is_a?(Time) then value
      elsif value.respond_to?(:to_time) then value.to_time
      elsif value.is_a?(Numeric) then Time.at(value)
      else Time.httpdate(value.to_s)
      end
    rescue ArgumentError => e
      raise e
    rescue StandardError
      raise ArgumentError, "unable to convert #{value.inspect} to a Time object"
    end

    private

    def etag_matches?(list, new_resource = request.post?)
      return false if list.nil?
      return !new_resource if list == '*'
      list.to_s.split(',').map(&:strip).include?(response['etag'])
    end

    def scheme_prefix?(s)
      colon = s.index(':')
      return false unless colon && colon > 0
      first = s[0]
      return false unless (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')
      s[0, colon].each_char.all? { |c| (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || '+.-'.include?(c) }
    end

    def squeeze_slashes(path)
      out = String.new
      prev = nil
      path.each_char do |c|
        out << c unless c == '/' && prev == '/'
        prev = c
      end
      out
    end
  end
end

# What Kiln::Base instances (routes, filters, error handlers, templates) and
# EventContext (schedule / consume_queue blocks) are made of, in one place.
# The includes are here rather than in base.rb because some of these modules
# live in files that need Base first (a Durable Object is a Base; events.rb
# adds class-level DSL words), so manifest.txt loads this file after all of
# them. A later include is looked up first; no two of these share a method
# name, and methods an app defines (`helpers do ... end`, `helpers Mod`, its
# own `def`) come before all of them.
module Kiln
  class Base
    include Helpers                         # above: status, headers, redirect, etag, ...
    include Stream::Helpers                 # sinatra/stream.rb: stream, sse
    include Bindings::Helpers               # bindings/registry.rb: bindings
    include HTTP::Helpers                   # bindings/fetch.rb: fetch
    include Cache::Helpers                  # bindings/cache.rb: caches, cache_get
    include Bindings::DurableObjectHelpers  # bindings/durable_object.rb: forward_to
    include WebSocket::Helpers              # websocket.rb: websocket!
    include Events::Helpers                 # events.rb: wait_until
    include Templates                       # sinatra/templates.rb: erb, template locals
  end

  # An event block has the same helpers but no templates; it defines its
  # own settings and wait_until (events.rb).
  class EventContext
    include Helpers
    include Stream::Helpers
    include Bindings::Helpers
    include HTTP::Helpers
    include Cache::Helpers
    include Bindings::DurableObjectHelpers
    include Events::Helpers
  end
end
