# The rest of Rack::Utils (rack/utils.rb). Rack::Utils is Kiln::Utils, in
# the runtime (ruby/kiln/sinatra/utils.rb and src/text/text.cpp: escape,
# unescape, escape_path, escape_html, parse_query, parse_nested_query,
# build_query, build_nested_query, parse_cookies, set_cookie_header,
# secure_compare, status_code); this file adds what Sinatra's own code does
# not use. It loads with require 'rack' or 'rack/utils', or on first use
# (Kiln::Utils.method_missing, Module#const_missing).
require 'rack/mime'

module Rack
  module Utils
    HTTP_STATUS_CODES = {
      100 => 'Continue', 101 => 'Switching Protocols', 102 => 'Processing', 103 => 'Early Hints',
      200 => 'OK', 201 => 'Created', 202 => 'Accepted', 203 => 'Non-Authoritative Information',
      204 => 'No Content', 205 => 'Reset Content', 206 => 'Partial Content', 207 => 'Multi-Status',
      208 => 'Already Reported', 226 => 'IM Used',
      300 => 'Multiple Choices', 301 => 'Moved Permanently', 302 => 'Found', 303 => 'See Other',
      304 => 'Not Modified', 305 => 'Use Proxy', 307 => 'Temporary Redirect', 308 => 'Permanent Redirect',
      400 => 'Bad Request', 401 => 'Unauthorized', 402 => 'Payment Required', 403 => 'Forbidden',
      404 => 'Not Found', 405 => 'Method Not Allowed', 406 => 'Not Acceptable',
      407 => 'Proxy Authentication Required', 408 => 'Request Timeout', 409 => 'Conflict', 410 => 'Gone',
      411 => 'Length Required', 412 => 'Precondition Failed', 413 => 'Content Too Large', 414 => 'URI Too Long',
      415 => 'Unsupported Media Type', 416 => 'Range Not Satisfiable', 417 => 'Expectation Failed',
      421 => 'Misdirected Request', 422 => 'Unprocessable Content', 423 => 'Locked', 424 => 'Failed Dependency',
      425 => 'Too Early', 426 => 'Upgrade Required', 428 => 'Precondition Required', 429 => 'Too Many Requests',
      431 => 'Request Header Fields Too Large', 451 => 'Unavailable For Legal Reasons',
      500 => 'Internal Server Error', 501 => 'Not Implemented', 502 => 'Bad Gateway', 503 => 'Service Unavailable',
      504 => 'Gateway Timeout', 505 => 'HTTP Version Not Supported', 506 => 'Variant Also Negotiates',
      507 => 'Insufficient Storage', 508 => 'Loop Detected', 511 => 'Network Authentication Required'
    }.freeze

    STATUS_WITH_NO_ENTITY_BODY = begin
      h = { 204 => true, 304 => true }
      (100..199).each { |c| h[c] = true }
      h.freeze
    end

    # :not_found => 404, :"i'm_a_teapot" => 418 (Rack's spelling).
    SYMBOL_TO_STATUS_CODE = begin
      h = {}
      HTTP_STATUS_CODES.each { |code, message| h[message.downcase.gsub(' ', '_').gsub('-', '_').to_sym] = code }
      h.freeze
    end

    OBSOLETE_SYMBOLS_TO_STATUS_CODES = {
      payload_too_large: 413, unprocessable_entity: 422, bandwidth_limit_exceeded: 509, not_extended: 510
    }.freeze

    # Rack's symbols first; then the runtime's own (Sinatra's `status
    # :im_a_teapot` keeps working once this file is loaded).
    alias_method :__kiln_status_code, :status_code
    def status_code(status)
      return status.to_i unless status.is_a?(Symbol)
      SYMBOL_TO_STATUS_CODE.fetch(status) { OBSOLETE_SYMBOLS_TO_STATUS_CODES.fetch(status) { __kiln_status_code(status) } }
    end

    # The runtime's escapes take Strings; Rack's take anything with to_s.
    class << self
      %i[escape unescape escape_path unescape_path escape_html].each do |name|
        alias_method :"__kiln_#{name}", name
        define_method(name) { |s, *_| send(:"__kiln_#{name}", s.to_s) }
      end
    end

    # Rack 3's deprecated name for Rack::Headers.
    HeaderHash = Rack::Headers

    def set_cookie_header!(headers, key, value)
      line = set_cookie_header(key, value)
      current = headers['set-cookie']
      if current.is_a?(Array)
        current << line
      else
        headers['set-cookie'] = current ? [current, line] : line
      end
    end

    def delete_set_cookie_header(key, value = {})
      set_cookie_header(key, value.merge(max_age: '0', expires: Time.at(0), value: ''))
    end

    def delete_set_cookie_header!(header, key, value = {})
      return delete_set_cookie_header(key, value) unless header
      header = Array(header)
      header << delete_set_cookie_header(key, value)
      header
    end

    def delete_cookie_header!(headers, key, value = {})
      headers['set-cookie'] = delete_set_cookie_header!(headers['set-cookie'], key, value)
      nil
    end

    def rfc2822(time)
      t = time.getutc
      format('%s, %02d %s %04d %02d:%02d:%02d -0000', DAYS[t.wday], t.day, MONTHS[t.month - 1], t.year, t.hour, t.min, t.sec)
    end

    def clock_time
      Time.now.to_f
    end

    # "bytes=0-99,200-" against a size: an Array of Ranges, [] when none is
    # satisfiable, nil when the header is absent or malformed.
    def byte_ranges(env, size, max_ranges: 100)
      get_byte_ranges(env['HTTP_RANGE'], size, max_ranges: max_ranges)
    end

    def get_byte_ranges(http_range, size, max_ranges: 100)
      return nil if size.zero?
      return nil unless http_range && (m = /bytes=([^;]+)/.match(http_range))
      spec = m[1]
      return nil if spec.count(',') >= max_ranges
      ranges = []
      spec.split(/,[ \t]*/).each do |range_spec|
        return nil unless range_spec.include?('-')
        r0, r1 = range_spec.split('-')
        if r0.nil? || r0.empty?
          return nil if r1.nil?
          r0 = size - r1.to_i
          r0 = 0 if r0 < 0
          r1 = size - 1
        else
          r0 = r0.to_i
          if r1.nil?
            r1 = size - 1
          else
            r1 = r1.to_i
            return nil if r1 < r0
            r1 = size - 1 if r1 >= size
          end
        end
        ranges << (r0..r1) if r0 <= r1
      end
      return [] if ranges.map(&:size).sum > size
      ranges
    end

    # "text/html;q=0.8, */*" -> [["text/html", 0.8], ["*/*", 1.0]]
    def q_values(q_value_header)
      q_value_header.to_s.split(',').map do |part|
        value, parameters = part.split(';', 2).map(&:strip)
        quality = 1.0
        if parameters && (md = /\Aq=([\d.]+)/.match(parameters))
          quality = md[1].to_f
        end
        [value, quality]
      end
    end

    def best_q_match(q_value_header, available_mimes)
      matches = q_values(q_value_header).map do |req_mime, quality|
        match = available_mimes.find { |am| Rack::Mime.match?(am, req_mime) }
        match ? [match, quality] : nil
      end.compact
      best = matches.sort_by { |match, quality| (match.split('/', 2).count('*') * -10) + quality }.last
      best && best.first
    end

    def select_best_encoding(available_encodings, accept_encoding)
      accept_encoding = accept_encoding[0, 16]
      expanded = []
      wildcard_seen = false
      accept_encoding.each do |m, q|
        preference = available_encodings.index(m) || available_encodings.size
        if m == '*'
          unless wildcard_seen
            (available_encodings - accept_encoding.map(&:first)).each { |m2| expanded << [m2, q, preference] }
            wildcard_seen = true
          end
        else
          expanded << [m, q, preference]
        end
      end
      candidates = expanded.sort { |(_, q1, p1), (_, q2, p2)| (q2 <=> q1).nonzero? || (p1 <=> p2) }.map(&:first)
      candidates.push('identity') unless candidates.include?('identity')
      expanded.each { |m, q| candidates.delete(m) if q == 0.0 }
      (candidates & available_encodings)[0]
    end

    # "/a/./b/../c" -> "/a/c" (no decoding: see Rack::Protection::PathTraversal).
    def clean_path_info(path_info)
      parts = path_info.split('/')
      clean = []
      parts.each do |part|
        next if part.empty? || part == '.'
        part == '..' ? clean.pop : clean << part
      end
      out = clean.join('/')
      parts.empty? || parts.first.empty? ? "/#{out}" : out
    end

    def valid_path?(path)
      !path.include?("\0")
    end
  end

  # Rack::Headers is Kiln::Headers (names stored lower-case); Hash's other
  # ways in, so they downcase too.
  class Headers
    def self.[](*items)
      h = new
      if items.size == 1 && items[0].respond_to?(:each_pair)
        items[0].each_pair { |k, v| h[k] = v }
      else
        items.each_slice(2) { |k, v| h[k] = v }
      end
      h
    end

    def store(key, value) self[key] = value end
    def update(other) merge!(other) end
    def merge(other) dup.merge!(other) end
    def values_at(*keys) keys.map { |k| self[k] } end
    def dig(key, *rest) (v = self[key]).nil? || rest.empty? ? v : v.dig(*rest) end
    def assoc(key) (k = key.to_s.downcase) && key?(k) ? [k, self[k]] : nil end
    def replace(other) clear; merge!(other) end
  end
end
