# The chat's rooms, offline (kiln test): broadcast, history in SQL across
# hibernation, presence, bad input.
class ChatTest < Kiln::Test
  def join(room, name)
    ws = websocket("/rooms/#{room}/ws?name=#{name}")
    refute_nil ws, "#{name} could not join: #{last_response.status} #{last_response.body}" unless ws
    ws
  end

  def frames(ws) = ws.drain.map { |f| JSON.parse(f) }

  def test_the_pages
    get '/'
    assert_match 'Join', last_response.body
    get '/rooms/lob<b>y'
    assert_match '<h1>lob&lt;b&gt;y</h1>', last_response.body
  end

  def test_a_bad_name_is_refused
    assert_nil websocket('/rooms/a/ws?name=no%20spaces')
    assert_equal 400, last_response.status
  end

  def test_messages_are_broadcast_and_kept_across_hibernation
    hibernate!
    ann = join('r', 'ann')
    bob = join('r', 'bob')
    assert_equal [{ 'type' => 'presence', 'names' => %w[ann] }, { 'type' => 'presence', 'names' => %w[ann bob] }], frames(ann)
    ann.send_text({ 'type' => 'message', 'text' => ' hi all ' }.to_json)
    got = frames(bob)
    assert_equal 2, got.size  # presence, then the message
    assert_equal %w[message ann hi\ all], got.last.values_at('type', 'name', 'text')
    cy = join('r', 'cy')
    cy.send_text({ 'type' => 'history' }.to_json)
    history = frames(cy).last
    assert_equal 'history', history['type']
    assert_equal [%w[ann hi\ all]], history['messages'].map { |m| m.values_at('name', 'text') }
  end

  def test_leaving_updates_presence
    ann = join('s', 'ann')
    bob = join('s', 'bob')
    ann.drain
    bob.close
    assert_equal({ 'type' => 'presence', 'names' => %w[ann] }, JSON.parse(ann.receive))
  end

  def test_binary_or_unknown_frames_get_an_error
    ann = join('t', 'ann')
    ann.drain
    ann.send_binary("\x00\x01")
    assert_equal 'send JSON text frames', JSON.parse(ann.receive)['error']
    ann.send_text('{"type":"dance"}')
    assert_equal 'unknown type "dance"', JSON.parse(ann.receive)['error']
  end
end
