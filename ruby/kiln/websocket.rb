# WebSockets in Ruby (docs/guide/websockets.md), one class for every socket:
#   - a Worker route's: `ws = websocket!` answers 101 and the route's fiber
#     runs on, `while (msg = ws.receive) ... end`;
#   - an outbound one: Kiln::WebSocket.connect(url, headers:);
#   - a Durable Object's hibernatable ones: accept_web_socket(protocol:,
#     tags:, attachment:), then web_socket_message / web_socket_close /
#     web_socket_error events, state.web_sockets(tag) for broadcast.
# Every call is the `websocket` op (js/worker/bindings/websocket.js; offline
# js/node/bindings/websocket.js emulates the sockets). A socket crosses the
# bridge as an id JS maps to its WebSocket (a hibernatable one's id is in its
# attachment, so it survives hibernation). Text frames arrive as Strings,
# binary frames as Kiln::Bytes; ws.send picks the frame type by #binary?.
module Kiln
  class WebSocket
    attr_reader :id, :tags, :close_code, :close_reason

    # An outbound WebSocket (fetch with Upgrade: websocket), read with receive.
    def self.connect(url, headers: {})
      new(Kiln.await(:websocket, 'connect', url.to_s, headers))
    end

    # tags and attachment: a hibernatable socket's, as the event carried them.
    def initialize(id, tags = [], attachment = nil)
      @id = id
      @tags = tags
      @attachment = attachment
    end

    # The next message (a String for a text frame, Kiln::Bytes for a binary
    # one); nil once the socket is closed (close_code and close_reason say
    # how). Awaits: other requests run meanwhile.
    def receive
      return if @close_code
      message, @close_code, @close_reason = Kiln.await(:websocket, 'receive', @id)
      message
    end

    # A Kiln::Bytes goes as a binary frame, any other String as a text frame.
    def send(data) send_text(data, data.binary?) end
    def send_binary(data) send_text(data, true) end

    def send_text(data, binary = false)
      Kiln.await(:websocket, 'send', @id, data.to_s, binary)
      nil
    end

    def close(code = 1000, reason = '')
      Kiln.await(:websocket, 'close', @id, code, reason.to_s)
      @close_code ||= code
      @close_reason ||= reason
      nil
    end

    def closed?
      !!@close_code || Kiln.await(:websocket, 'closed', @id)
    end

    # A hibernatable socket's own value (kept by workerd with the socket,
    # across hibernation; any value the bridge carries). Read: no await.
    attr_reader :attachment

    def attachment=(value)
      begin
        Kiln.await(:websocket, 'set_attachment', @id, value)
      rescue JSError => e
        # workerd's own message (its 16 KiB limit): the value was not stored.
        raise ArgumentError, e.message.sub(/\A\w+: /, '')
      end
      @attachment = value
    end

    def ==(other) other.is_a?(WebSocket) && other.id == @id end

    # In a route: websocket! (included in sinatra/helpers.rb).
    module Helpers
      # Upgrades this request: answers 101 now (Sec-WebSocket-Protocol:
      # protocol when given) and returns the socket; the route runs on and the
      # socket closes when it returns. Without Upgrade: websocket it halts 426.
      def websocket!(protocol: nil)
        refused = WebSocket.upgrade_required(env) and halt(*refused)
        WebSocket.new(Kiln.await(:websocket, 'accept', protocol && protocol.to_s))
      end
    end

    # The answer to a request for a WebSocket endpoint that is not an
    # upgrade (nil for an upgrade).
    def self.upgrade_required(env)
      return if env['HTTP_UPGRADE'].to_s.downcase == 'websocket'
      [426, { 'content-type' => 'text/plain;charset=utf-8' },
       "Upgrade Required: #{env['PATH_INFO']} is a WebSocket endpoint\n"]
    end
  end

  # The Durable Object half: hibernatable sockets, their events and state.
  class DurableObject
    # In fetch or a route: upgrade this request to a hibernatable WebSocket
    # (state.acceptWebSocket(server, tags)). tags: up to 10 Strings for
    # state.web_sockets(tag); attachment: ws.attachment's first value;
    # protocol: the subprotocol the 101 echoes (Sec-WebSocket-Protocol).
    # Returns the 101 response; the runtime hands the client its socket. A
    # route's request without Upgrade: websocket gets a 426 instead.
    def accept_web_socket(protocol: nil, tags: [], attachment: nil)
      refused = env && WebSocket.upgrade_required(env) and return refused
      Kiln.await(:websocket, 'accept_hibernatable', tags, attachment)
      [101, protocol ? { 'sec-websocket-protocol' => protocol } : {}, '']
    end

    # Default handlers; a subclass overrides what it uses. A client's close
    # is answered with the same code after web_socket_close returns (unless
    # it closed the socket itself).
    def web_socket_message(_ws, _message); end
    def web_socket_close(_ws, _code, _reason, _clean); end
    def web_socket_error(_ws, _error); end

    class State
      # The object's open hibernatable sockets (with that tag, if given).
      def web_sockets(tag = nil)
        Kiln.await(:websocket, 'list', tag && tag.to_s).map { |s| WebSocket.new(s['ws'], s['tags'], s['attachment']) }
      end

      # Answers `request` (a text message) with `response` without waking
      # the object (WebSocketRequestResponsePair); nil removes it.
      def set_web_socket_auto_response(request, response = nil)
        Kiln.await(:websocket, 'auto_response', request, response)
      end
    end

    # do_ws_message / do_ws_close / do_ws_error (js/worker/entry.js): the
    # event carries the socket's id, tags and attachment.
    def self.web_socket_event(event)
      obj = instance_for(event['class'], event['id'])
      ws = WebSocket.new(event['ws'], event['tags'], event['attachment'])
      case event['type']
      when 'do_ws_message' then obj.web_socket_message(ws, event['message'])
      when 'do_ws_close'
        # (ws, code, reason) handlers from before `clean` keep working.
        args = [ws, event['code'], event['reason'], event['clean']]
        obj.web_socket_close(*args.first(obj.method(:web_socket_close).arity == 3 ? 3 : 4))
      else obj.web_socket_error(ws, event['error'])
      end
      nil
    end

    %w[do_ws_message do_ws_close do_ws_error].each { |t| Events::HANDLERS[t] = ->(event) { web_socket_event(event) } }
  end
end
