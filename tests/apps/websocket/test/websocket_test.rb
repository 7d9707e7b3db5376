# The kiln test WebSocket DSL (ruby/kiln/test/websocket.rb) against app.rb.
class WebSocketTest < Kiln::Test
  def test_not_upgraded_answers_426
    get '/echo'
    assert_equal 426, last_response.status
    assert_match 'WebSocket endpoint', last_response.body
    assert_nil websocket('/rooms/a')  # no name: the object answers 400
    assert_equal 400, last_response.status
  end

  def test_worker_route_echo_keeps_frame_types
    ws = websocket('/echo', 'Sec-WebSocket-Protocol' => 'x.v1, y')
    assert_equal 'x.v1', ws.headers['sec-websocket-protocol']
    ws.send_text('hi')
    assert_equal 'echo: hi', ws.receive
    ws.send_binary("\x01\x02ok")
    got = ws.receive
    assert got.binary?
    assert_equal "\x01\x02ok".b, got
    ws.send('bye')
    assert_nil ws.receive
    assert_equal 4000, ws.close_code
  end

  def test_broadcast_by_tag_and_private_messages
    ann = websocket('/rooms/r1?name=ann')
    assert_equal 'chat.v1', ann.headers['sec-websocket-protocol']
    bob = websocket('/rooms/r1?name=bob')
    ann.send_text('hello')
    assert_equal 'ann: hello', ann.receive
    assert_equal 'ann: hello', bob.receive
    bob.send_text('who')
    assert_equal 'ann,bob', bob.receive
    bob.send_text('@ann psst')
    assert_equal 'bob (private): psst', ann.receive
    assert_nil bob.receive(timeout: 0.05)
  end

  def test_attachments_survive_hibernation_instance_variables_do_not
    ws = websocket('/rooms/r2?name=cy')
    ws.send_text('seen')
    ws.send_text('seen')
    assert_equal %w[1 2], [ws.receive, ws.receive]
    hibernate!
    ws.send_text('seen')
    assert_equal '1', ws.receive
    ws.send_text('count')
    ws.send_text('count')
    assert_equal %w[1 2], [ws.receive, ws.receive]
  end

  def test_attachment_limit_is_workerds
    ws = websocket('/rooms/r3?name=di')
    e = assert_raises(ArgumentError) { ws.send_text('big') }
    assert_match "A WebSocket 'attachment' cannot be larger than 16384 bytes.", e.message
    ws.send_text('count')
    assert_equal '1', ws.receive  # the attachment before the failed write
  end

  def test_auto_response_and_close
    ann = websocket('/rooms/r4?name=ann')
    bob = websocket('/rooms/r4?name=bob')
    ann.send_text('ping')
    assert_equal 'pong', ann.receive
    bob.close(1000, 'done')
    assert_equal 'bob left (1000)', ann.receive
    assert_equal 1000, bob.close_code
    ann.send_text('quit')
    assert_nil ann.receive
    assert_equal 4001, ann.close_code
  end

  def test_a_handler_error_reaches_the_test
    ws = websocket('/rooms/r5?name=ed')
    e = assert_raises(ArgumentError) { ws.send_text('boom') }
    assert_equal 'boom in the handler', e.message
    refute ws.closed?  # as on workerd: logged, the socket stays open
    ws.send_text('count')
    assert_equal '1', ws.receive
  end

  def test_message_over_32_mib_closes_with_1009
    ws = websocket('/echo')
    ws.send_text('x' * ((32 << 20) + 1))
    assert_nil ws.receive
    assert_equal 1009, ws.close_code
  end
end
