# `kiln test`: WebSockets. `ws = websocket('/chat', 'Authorization' => ...)`
# upgrades through the app's real request path (forward_to and Durable
# Objects included) on the emulated sockets of js/node/bindings/websocket.js;
# its ops (test_websocket, test_ws) are in js/cli/commands/test.js
# (testWebSocketOperations). Preloaded after test/dsl.rb.
module Kiln
  class Test
    # A WebSocket to path (headers: HTTP header names, or Rack env keys as
    # in requests). nil when the app did not upgrade: last_response says why.
    def websocket(path, headers = {})
      url = path.start_with?('/') ? "http://#{HOST}#{path}" : path
      sent = default_headers.merge(Test.headers_from_env(headers))
      cookie = cookie_jar.header_for(path.split('?', 2).first)
      sent['cookie'] ||= cookie if cookie
      @last_request = TestRequest.new('GET', url, sent, nil, {})
      kind, *rest = Test.checked { Kiln.await(:test_websocket, url, sent.to_a) }
      return TestWebSocket.new(rest[0], rest[1]) if kind == 'ws'
      @last_response = TestResponse.new(*rest)
      nil
    end

    # From now on (this test), every Durable Object forgets its Ruby instance
    # before each WebSocket event, as one that hibernated between them would:
    # state kept in instance variables is lost; storage, tags and
    # attachments are not.
    def hibernate!
      Test.hibernating = true
    end

    class << self
      attr_accessor :hibernating

      # Runs an await of the test, then raises the app's exception if its
      # route or handler raised meanwhile (as requests do).
      def checked
        self.route_error = nil
        begin
          value = yield
        rescue JSError
          raise unless route_error
        end
        if (error = route_error)
          self.route_error = nil
          error.set_backtrace((error.backtrace || []) + caller)
          raise error
        end
        value
      end
    end
  end

  # The test's end of a WebSocket. Sends return once the app's handler for
  # the message ran; the app's exception there is raised in the test.
  class TestWebSocket
    attr_reader :id, :headers, :close_code, :close_reason

    def initialize(id, pairs)
      @id = id
      @headers = pairs.to_h
      @close_code = nil
    end

    def send_text(data) op('send', data.to_s, false) end
    def send_binary(data) op('send', data.to_s, true) end
    def send(data) data.binary? ? send_binary(data) : send_text(data) end
    alias << send

    # The next message from the app (String or Kiln::Bytes), nil once closed
    # or after timeout seconds.
    def receive(timeout: 1)
      message, code, reason = op('receive', timeout.to_f)
      closed(code, reason) if message.nil? && code
      message
    end

    # Every message already received.
    def drain
      out = []
      while (m = receive(timeout: 0))
        out << m
      end
      out
    end

    # Returns once the app's web_socket_close ran.
    def close(code = 1000, reason = '')
      code, reason = op('close', code.to_i, reason.to_s)
      closed(code, reason)
      nil
    end

    def closed?
      return true if @close_code
      code, reason = op('state')
      closed(code, reason) if code
      !@close_code.nil?
    end

    def close_code
      closed?
      @close_code
    end

    def inspect; "#<Kiln::TestWebSocket #{@id}>"; end

    private

    def op(name, *args)
      Test.checked { Kiln.await(:test_ws, name, @id, *args) }
    end

    def closed(code, reason)
      @close_code ||= code
      @close_reason ||= reason
    end
  end

  class << DurableObject
    alias __web_socket_event web_socket_event
    def web_socket_event(event)
      DurableObject::INSTANCES.delete([event['class'], event['id']]) if Test.hibernating
      __web_socket_event(event)
    rescue ::Exception => e
      # Raised in the test whose send or close it answered (Test.checked).
      Test.route_error = e
      raise e
    end
  end
end

# Each test starts awake (hibernate! is per test).
run_test = Kiln::Events::HANDLERS['test_run']
Kiln::Events::HANDLERS['test_run'] = lambda do |event|
  Kiln::Test.hibernating = false
  run_test.call(event)
end
