# The rest of Rack::Request (rack/request.rb). Rack::Request is Kiln::Request
# (ruby/kiln/sinatra/request.rb: the methods Sinatra's own code uses); these
# are Rack's others, loaded with require 'rack' or 'rack/request'.
require 'rack/utils'

module Rack
  class Request
    def get_header(name) @env[name] end
    def set_header(name, value) @env[name] = value end
    def has_header?(name) @env.key?(name) end
    def delete_header(name) @env.delete(name) end
    def add_header(name, value)
      current = @env[name]
      @env[name] = current.nil? || current.empty? ? value : "#{current},#{value}"
    end

    def fetch_header(name, &block)
      @env.fetch(name, &block)
    end

    def each_header(&block)
      @env.each(&block)
    end

    def authority
      host_with_port
    end

    def hostname
      h = host
      h.start_with?('[') && h.end_with?(']') ? h[1, h.length - 2] : h
    end

    def server_name; @env['SERVER_NAME']; end
    def server_port; @env['SERVER_PORT'] && @env['SERVER_PORT'].to_i; end
    def server_authority; "#{server_name}:#{server_port}"; end
    def logger; @env['rack.logger']; end
    def session_options; @env['rack.session.options'] ||= {}; end
    def multithread?; !!@env['rack.multithread']; end
    def prefetch?; %w[prefetch].include?(@env['HTTP_X_MOZ']) || @env['HTTP_PURPOSE'] == 'prefetch'; end

    def content_charset
      media_type_params['charset']
    end

    def parseable_data?
      %w[application/x-www-form-urlencoded multipart/form-data].include?(media_type)
    end

    # [["gzip", 1.0], ["br", 0.8]]
    def accept_encoding
      Utils.q_values(@env['HTTP_ACCEPT_ENCODING'])
    end

    def accept_language
      Utils.q_values(@env['HTTP_ACCEPT_LANGUAGE'])
    end

    def values_at(*keys)
      keys.map { |k| params[k.to_s] }
    end

    def update_param(k, v)
      params[k.to_s] = v
      (self.GET.key?(k.to_s) ? self.GET : self.POST)[k.to_s] = v
    end

    def delete_param(k)
      v = [self.POST.delete(k.to_s), self.GET.delete(k.to_s)].compact.first
      @params = nil
      v
    end
  end
end
