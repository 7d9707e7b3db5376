# `kiln test`: Minitest-style test classes with rack-test-style requests.
# Loaded only into test bundles (js/cli/commands/test.js preloads it before the app), never
# into a deployed Worker. Each request goes through the real request path: the
# test's fiber awaits `test_fetch`, which JS answers with kiln.fetch(Request)
# on the same instance, so middleware, sessions and headers behave as under
# workerd. Bindings (KV, DB...) are the same emulated state the app sees.
module Kiln
  class Test
    # A failed assertion (as Minitest::Assertion: not a StandardError, so a
    # test's `rescue => e` does not swallow it).
    class Assertion < ::Exception; end
    class Skip < Assertion; end

    HOST = 'example.org'

    class << self
      def inherited(klass)
        super
        Test.classes << klass
      end

      def classes
        @classes ||= []
      end

      # test_ methods in the order they were defined.
      def method_added(name)
        (@tests ||= []) << name.to_s if name.to_s.start_with?('test_') && !(@tests || []).include?(name.to_s)
      end

      def tests
        own = @tests || []
        inherited = superclass.respond_to?(:tests) ? superclass.tests : []
        (inherited + own).uniq
      end

      # test 'does something' do ... end
      def test(name, &block)
        raise ArgumentError, 'test needs a block' unless block
        define_method("test_#{name.to_s.gsub(/\s+/, '_')}", &block)
      end

      # Minitest's optional ordering switch: runs stay in definition order.
      def i_suck_and_my_tests_are_order_dependent!; end
      def parallelize_me!; end
    end

    attr_reader :name, :assertions

    def initialize(name)
      @name = name
      @assertions = 0
    end

    def setup; end
    def teardown; end

    # Runs setup, the test and teardown; the outcome as a Hash for JS.
    def run
      failure = nil
      begin
        setup
        send(@name)
      rescue ::Exception => e
        failure = e
      end
      begin
        teardown
      rescue ::Exception => e
        failure ||= e
      end
      Test.outcome(failure, @assertions)
    end

    def self.outcome(e, assertions)
      return { 'status' => 'pass', 'assertions' => assertions } unless e
      status = e.is_a?(Skip) ? 'skip' : e.is_a?(Assertion) ? 'fail' : 'error'
      trace = e.backtrace || []
      { 'status' => status, 'assertions' => assertions, 'class' => e.class.to_s, 'message' => e.message.to_s,
        'location' => Test.user_frame(trace), 'backtrace' => trace }
    end

    # The first frame in the user's code (not Kiln's): where the assertion was.
    def self.user_frame(trace)
      frame = trace.find { |f| !f.start_with?('kiln/') && !f.include?('ruby/kiln/') } || trace.first
      frame && frame.sub(/:in .*\z/, '')
    end

    # --- assertions (Minitest's names and messages) --------------------------
    def assert(test, msg = nil)
      @assertions += 1
      return true if test
      msg = msg.call if msg.respond_to?(:call)
      raise Assertion, msg || 'Expected false to be truthy.'
    end

    def refute(test, msg = nil)
      assert !test, msg || "Expected #{mu_pp(test)} to not be truthy."
    end

    def message(msg, default)
      msg ? "#{msg}.\n#{default}" : default
    end

    def mu_pp(obj) obj.inspect end

    def flunk(msg = nil) assert false, msg || 'Epic Fail!' end
    def pass(_msg = nil) assert true end

    def skip(msg = nil)
      raise Skip, msg || 'Skipped, no message given'
    end

    def assert_equal(exp, act, msg = nil)
      assert exp == act, message(msg, "Expected: #{mu_pp(exp)}\n  Actual: #{mu_pp(act)}")
    end

    def refute_equal(exp, act, msg = nil)
      assert exp != act, message(msg, "Expected #{mu_pp(act)} to not be equal to #{mu_pp(exp)}.")
    end

    def assert_nil(obj, msg = nil) assert obj.nil?, message(msg, "Expected #{mu_pp(obj)} to be nil.") end
    def refute_nil(obj, msg = nil) assert !obj.nil?, message(msg, "Expected #{mu_pp(obj)} to not be nil.") end

    def assert_empty(obj, msg = nil) assert obj.empty?, message(msg, "Expected #{mu_pp(obj)} to be empty.") end
    def refute_empty(obj, msg = nil) assert !obj.empty?, message(msg, "Expected #{mu_pp(obj)} to not be empty.") end

    def assert_includes(collection, obj, msg = nil)
      assert collection.include?(obj), message(msg, "Expected #{mu_pp(collection)} to include #{mu_pp(obj)}.")
    end

    def refute_includes(collection, obj, msg = nil)
      assert !collection.include?(obj), message(msg, "Expected #{mu_pp(collection)} to not include #{mu_pp(obj)}.")
    end

    def assert_match(matcher, obj, msg = nil)
      matcher = Regexp.new(Regexp.escape(matcher)) if matcher.is_a?(String)
      assert matcher =~ obj, message(msg, "Expected #{mu_pp(matcher)} to match #{mu_pp(obj)}.")
    end

    def refute_match(matcher, obj, msg = nil)
      matcher = Regexp.new(Regexp.escape(matcher)) if matcher.is_a?(String)
      assert !(matcher =~ obj), message(msg, "Expected #{mu_pp(matcher)} to not match #{mu_pp(obj)}.")
    end

    def assert_instance_of(cls, obj, msg = nil)
      assert obj.instance_of?(cls), message(msg, "Expected #{mu_pp(obj)} to be an instance of #{cls}, not #{obj.class}.")
    end

    def assert_kind_of(cls, obj, msg = nil)
      assert obj.kind_of?(cls), message(msg, "Expected #{mu_pp(obj)} to be a kind of #{cls}, not #{obj.class}.")
    end

    def assert_respond_to(obj, meth, msg = nil)
      assert obj.respond_to?(meth), message(msg, "Expected #{mu_pp(obj)} (#{obj.class}) to respond to ##{meth}.")
    end

    def assert_same(exp, act, msg = nil)
      assert exp.equal?(act), message(msg, "Expected #{mu_pp(act)} to be the same object as #{mu_pp(exp)}.")
    end

    def assert_operator(o1, op, o2, msg = nil)
      assert o1.__send__(op, o2), message(msg, "Expected #{mu_pp(o1)} to be #{op} #{mu_pp(o2)}.")
    end

    def assert_predicate(obj, pred, msg = nil)
      assert obj.__send__(pred), message(msg, "Expected #{mu_pp(obj)} to be #{pred}.")
    end

    def refute_predicate(obj, pred, msg = nil)
      assert !obj.__send__(pred), message(msg, "Expected #{mu_pp(obj)} to not be #{pred}.")
    end

    def assert_in_delta(exp, act, delta = 0.001, msg = nil)
      n = (exp - act).abs
      assert delta >= n, message(msg, "Expected |#{exp} - #{act}| (#{n}) to be <= #{delta}.")
    end

    # Returns the exception raised by the block.
    def assert_raises(*classes)
      msg = classes.last.is_a?(String) ? classes.pop : nil
      classes = [StandardError] if classes.empty?
      begin
        yield
      rescue Assertion => e
        raise e if classes.none? { |c| e.is_a?(c) }
        @assertions += 1
        return e
      rescue ::Exception => e
        unless classes.any? { |c| e.is_a?(c) }
          flunk message(msg, "#{mu_pp(classes)} exception expected, not\nClass: <#{e.class}>\nMessage: <#{e.message.inspect}>")
        end
        @assertions += 1
        return e
      end
      flunk message(msg, "#{mu_pp(classes)} expected but nothing was raised.")
    end

    # --- requests (rack-test's names) ------------------------------------------
    %w[get post put patch delete head options].each do |verb|
      define_method(verb) do |uri, params = {}, env = {}|
        request(uri, env.merge(method: verb.upcase, params: params))
      end
    end

    # request('/path', method: 'POST', params: {...}, input: 'raw body', 'HTTP_X' => '...')
    def request(uri, env = {})
      raise ArgumentError, "a request path must start with '/' or be a URL, got #{uri.inspect}" unless uri.is_a?(String)
      env = env.dup
      method = (env.delete(:method) || env.delete('REQUEST_METHOD') || 'GET').to_s.upcase
      params = env.delete(:params) || {}
      input = env.delete(:input)
      url = uri.start_with?('/') ? "http://#{HOST}#{uri}" : uri
      headers = default_headers.merge(Test.headers_from_env(env))
      body = nil
      if %w[GET HEAD DELETE OPTIONS].include?(method) && input.nil?
        query = params.is_a?(Hash) ? Utils.build_nested_query(params) : params.to_s
        url = "#{url}#{url.include?('?') ? '&' : '?'}#{query}" unless query.empty?
      else
        body = input || (params.is_a?(Hash) ? Utils.build_nested_query(params) : params.to_s)
        headers['content-type'] ||= 'application/x-www-form-urlencoded' unless body.empty?
      end
      path = url.sub(%r{\Ahttps?://[^/]+}, '').split('?', 2).first.to_s
      path = '/' if path.empty?
      cookie = cookie_jar.header_for(path)
      headers['cookie'] = headers['cookie'] ? "#{headers['cookie']}; #{cookie}" : cookie if cookie
      @last_request = TestRequest.new(method, url, headers, body, params)
      Test.route_error = nil
      status, pairs, bytes = Kiln.await(:test_fetch, method, url, headers.to_a, body)
      @last_response = TestResponse.new(status, pairs, bytes)
      @last_response.set_cookies.each { |line| cookie_jar.store(line, path) }
      if (error = Test.route_error)
        Test.route_error = nil
        # The route's frames, then the test's: where the request was made.
        error.set_backtrace((error.backtrace || []) + caller)
        raise error
      end
      @last_response
    end

    def last_response
      @last_response or raise Kiln::Error, 'No response yet. Request a page first.'
    end

    def last_request
      @last_request or raise Kiln::Error, 'No request yet. Request a page first.'
    end

    # GET the Location of the last (redirect) response; 307 and 308 repeat
    # the method and body, as browsers do.
    def follow_redirect!
      unless last_response.redirect?
        raise Kiln::Error, "Last response was not a redirect. Cannot follow_redirect! (status #{last_response.status})"
      end
      location = last_response.location.to_s
      base = last_request.url[%r{\Ahttps?://[^/]+}]
      target = location.start_with?('/') ? "#{base}#{location}" : location
      if [307, 308].include?(last_response.status)
        request(target, method: last_request.request_method, input: last_request.body.to_s,
                        'CONTENT_TYPE' => last_request.headers['content-type'])
      else
        request(target, method: 'GET', 'HTTP_REFERER' => last_request.url)
      end
    end

    # A header sent with every following request of this test (nil removes it).
    def header(name, value)
      name = name.to_s.downcase
      value.nil? ? default_headers.delete(name) : default_headers[name] = value.to_s
    end

    def basic_authorize(user, password)
      header('Authorization', "Basic #{Base64.strict_encode64("#{user}:#{password}")}")
    end
    alias authorize basic_authorize

    # --- outbound HTTP and background work -----------------------------------
    # Answers the app's fetch / Net::HTTP calls to url_or_regexp (a String:
    # that URL, or a prefix ending in '*'; a Regexp: URLs it matches) for
    # the rest of this test; the newest matching stub wins. A fetch no stub
    # answers raises: tests never reach the network.
    def stub_fetch(url_or_regexp, status: 200, headers: {}, body: '')
      pattern = if url_or_regexp.is_a?(Regexp)
                  { 'source' => url_or_regexp.source, 'ignore_case' => url_or_regexp.casefold? }
                else
                  url_or_regexp.to_s
                end
      response = { 'status' => status.to_i, 'headers' => headers.each_with_object({}) { |(k, v), h| h[k.to_s] = v.to_s }, 'body' => body.to_s }
      Kiln.await(:test_stub_fetch, pattern, response)
      nil
    end

    def unstub_fetch
      Kiln.await(:test_unstub_fetch)
      nil
    end

    # Every outbound request of this test so far, oldest first:
    # FetchRequest (method, url, headers with lower-case names, body).
    def fetch_requests
      Kiln.await(:test_fetch_requests).map { |r| FetchRequest.new(r['method'], r['url'], r['headers'], r['body']) }
    end

    # Delivers every queued message (delays ignored) to the app's
    # consume_queue blocks, until no queue has any; the report per queue.
    def drain_queues(queue = nil) Kiln.await(:test_drain_queues, queue) end

    # Runs the app's `schedule expr` blocks as the cron trigger would; how many ran.
    def run_cron(expr) Kiln.await(:test_run_cron, expr.to_s) end

    # Runs every Durable Object alarm that is set, whatever its time; how many ran.
    def run_alarms() Kiln.await(:test_run_alarms) end

    def set_cookie(line) cookie_jar.store(line, '/') end
    def clear_cookies; cookie_jar.clear; end
    def cookie_jar; @cookie_jar ||= CookieJar.new; end
    alias rack_mock_session cookie_jar

    def default_headers; @default_headers ||= {}; end

    # Rack env keys to header names: HTTP_X_API_KEY -> x-api-key, CONTENT_TYPE
    # -> content-type; other String keys are header names as given.
    def self.headers_from_env(env)
      out = {}
      env.each do |key, value|
        next if value.nil?
        k = key.to_s
        name = if k.start_with?('HTTP_') then k[5, k.length].downcase.tr('_', '-')
               elsif k == 'CONTENT_TYPE' || k == 'CONTENT_LENGTH' then k.downcase.tr('_', '-')
               elsif k.include?('.') || k == k.upcase then raise ArgumentError, "unsupported env key #{k.inspect} in a test request"
               else k.downcase
               end
        out[name] = value.to_s
      end
      out
    end

    # The app's exception while the test's request ran (re-raised in the test,
    # as Sinatra's raise_errors does in the test environment).
    class << self
      attr_accessor :route_error
    end

    # --- running (events from js/cli/commands/test.js) ------------------------------------
    # test_load: requires the test files; returns the tests and load errors.
    def self.load(event)
      errors = []
      (event['files'] || []).each do |file|
        begin
          Kiln::Loader.require(file)
        rescue ::Exception => e
          errors << outcome(e, 0).merge('file' => file)
        end
      end
      tests = classes.reject { |c| c.tests.empty? }.flat_map { |c| c.tests.map { |t| [c.to_s, t] } }
      { 'tests' => tests, 'errors' => errors }
    end

    def self.run_one(event)
      klass = classes.find { |c| c.to_s == event['class'] } or raise ArgumentError, "no test class #{event['class']}"
      # Durable Objects start again from their (emptied) storage in each test.
      DurableObject::INSTANCES.clear
      klass.new(event['name']).run
    end
  end

  # One outbound request the app made in a test (Test#fetch_requests).
  class FetchRequest
    attr_reader :method, :url, :headers, :body

    def initialize(method, url, headers, body)
      @method = method
      @url = url
      @headers = headers
      @body = body
    end

    def to_a() [@method, @url, @headers, @body] end
    def inspect() "#<Kiln::FetchRequest #{@method} #{@url}>" end
  end

  class TestRequest
    attr_reader :request_method, :url, :headers, :body, :params

    def initialize(method, url, headers, body, params)
      @request_method = method
      @url = url
      @headers = headers
      @body = body
      @params = params
    end

    def path; fullpath.split('?', 2).first; end
    def fullpath
      p = @url.sub(%r{\Ahttps?://[^/]+}, '')
      p.empty? ? '/' : p
    end
    def query_string; fullpath.split('?', 2)[1].to_s; end
    def get?; @request_method == 'GET'; end
    def post?; @request_method == 'POST'; end
    def [](name) @headers[name.to_s.downcase] end
  end

  class TestResponse
    attr_reader :status, :headers, :body, :set_cookies

    def initialize(status, pairs, body)
      @status = status
      @body = body.to_s
      @headers = {}
      @set_cookies = []
      pairs.each do |name, value|
        name = name.downcase
        @set_cookies << value if name == 'set-cookie'
        @headers[name] = @headers.key?(name) ? "#{@headers[name]}#{name == 'set-cookie' ? "\n" : ', '}#{value}" : value
      end
    end

    def [](name) @headers[name.to_s.downcase] end
    def get_header(name) self[name] end
    def location; self['location']; end
    def content_type; self['content-type']; end
    def content_length; self['content-length']&.to_i; end
    def json; JSON.parse(@body); end
    def ok?; @status == 200; end
    def successful?; @status >= 200 && @status < 300; end
    def redirect?; [301, 302, 303, 307, 308].include?(@status); end
    def redirection?; @status >= 300 && @status < 400; end
    def client_error?; @status >= 400 && @status < 500; end
    def server_error?; @status >= 500 && @status < 600; end
    def not_found?; @status == 404; end
    def forbidden?; @status == 403; end
    def unauthorized?; @status == 401; end
    def bad_request?; @status == 400; end
    def unprocessable?; @status == 422; end
    def empty?; [201, 204, 304].include?(@status); end
    def inspect; "#<Kiln::TestResponse #{@status} #{@body.length} bytes>"; end
  end

  # Cookies across the requests of one test: name -> [value, path]. Domain is
  # not checked (every request goes to one host); expired cookies are dropped.
  class CookieJar
    def initialize; @cookies = {}; end

    def store(line, request_path)
      pair, *attrs = line.split(';')
      name, value = pair.to_s.split('=', 2)
      name = name.to_s.strip
      return if name.empty?
      path = request_path[0, request_path.rindex('/') + 1]
      expired = false
      attrs.each do |attr|
        key, val = attr.strip.split('=', 2)
        case key.to_s.downcase
        when 'path' then path = val.to_s
        when 'max-age' then expired = val.to_i <= 0
        when 'expires'
          t = begin
            Utils.parse_httpdate(val.to_s)
          rescue ArgumentError
            nil
          end
          expired ||= !t.nil? && t.to_i <= Time.now.to_i
        end
      end
      expired ? @cookies.delete(name) : @cookies[name] = [value.to_s.strip, path.empty? ? '/' : path]
    end

    def header_for(path)
      pairs = @cookies.select { |_, (_, p)| path.start_with?(p) || "#{path}/" == p }.map { |n, (v, _)| "#{n}=#{v}" }
      pairs.empty? ? nil : pairs.join('; ')
    end

    def [](name) (c = @cookies[name.to_s]) && Utils.unescape(c[0]) end
    def []=(name, value) @cookies[name.to_s] = [Utils.escape(value.to_s), '/'] end
    def delete(name) @cookies.delete(name.to_s) end
    def clear; @cookies.clear; end
    def to_hash; @cookies.map { |n, (v, _)| [n, Utils.unescape(v)] }.to_h; end
    alias to_h to_hash
  end

  class << self
    # Route errors surface in the test that made the request (see Test.route_error).
    def request_failed(e)
      Test.route_error = e
    end
  end

  Events::HANDLERS['test_load'] = ->(event) { Test.load(event) }
  Events::HANDLERS['test_run'] = ->(event) { Test.run_one(event) }
end

# Binding names as constants inside tests: KV.get('k'), DB.prepare(...).
class Kiln::Test
  def self.const_missing(name)
    Kiln::Bindings.names.include?(name.to_s) ? Kiln::Bindings[name] : super
  end
end

# Unchanged Minitest / rack-test files load: same classes, no-op requires.
module Minitest
  Test = Kiln::Test
  Assertion = Kiln::Test::Assertion
  Skip = Kiln::Test::Skip
end

module Rack
  module Test
    module Methods; end
  end
end

module Kiln
  module Loader
    TEST_BUILTIN = %w[minitest minitest/autorun minitest/test minitest/spec rack/test rack-test kiln/test test/unit].freeze

    class << self
      alias require_outside_tests require

      # As `ruby -Itest`: `require 'test_helper'` finds test/test_helper.rb.
      def require(name)
        return false if TEST_BUILTIN.include?(name)
        path = name.end_with?('.rb') ? name : "#{name}.rb"
        in_test = !Kiln.__bundled?(normalize(path)) && !Kiln.__bundled?(normalize("lib/#{path}")) &&
                  Kiln.__bundled?(normalize("test/#{path}"))
        require_outside_tests(in_test ? "test/#{path}" : name)
      end
    end
  end
end
