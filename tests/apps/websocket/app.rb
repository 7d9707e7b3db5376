# WebSocket fixture: a Worker-route echo (websocket!), and chat rooms as
# Durable Objects with hibernatable sockets (accept_web_socket).

# Echoes each frame with its type: text stays text, binary stays binary.
get '/echo' do
  ws = websocket!(protocol: request.env['HTTP_SEC_WEBSOCKET_PROTOCOL']&.split(',')&.first&.strip)
  while (msg = ws.receive)
    break ws.close(4000, 'bye') if msg == 'bye'
    ws.send(msg.binary? ? msg : "echo: #{msg}")
  end
  nil
end

# Relays each message to an outbound WebSocket (Kiln::WebSocket.connect) and
# its answer back: to= the upstream URL (default: this app's /echo).
get '/relay' do
  ws = websocket!
  up = Kiln::WebSocket.connect(params[:to] || "#{request.base_url}/echo", headers: { 'x-relayed' => 'yes' })
  while (msg = ws.receive)
    up.send(msg)
    ws.send(up.receive || "upstream closed (#{up.close_code})")
  end
  up.close
  nil
end

get '/rooms/:room' do
  forward_to bindings.ROOMS.get_by_name(params[:room]), "/join?name=#{Rack::Utils.escape(params[:name].to_s)}"
end

class Room < Kiln::DurableObject
  get '/join' do
    name = params[:name].to_s
    halt 400, 'a name, please' if name.empty?
    state.set_web_socket_auto_response('ping', 'pong')
    accept_web_socket(protocol: 'chat.v1', tags: ['all', "user:#{name}"], attachment: { 'name' => name, 'sent' => 0 })
  end

  def web_socket_message(ws, msg)
    return ws.send(msg) if msg.binary?  # binary frames are echoed as they came
    @seen = (@seen || 0) + 1            # lost when the object hibernates
    case msg
    when 'who' then ws.send(state.web_sockets('all').map { |s| s.attachment['name'] }.sort.join(','))
    when 'seen' then ws.send(@seen.to_s)
    when 'big' then ws.attachment = { 'name' => ws.attachment['name'], 'blob' => 'x' * 17_000 }
    when 'count'
      ws.attachment = ws.attachment.merge('sent' => ws.attachment['sent'] + 1)
      ws.send(ws.attachment['sent'].to_s)
    when 'boom' then raise ArgumentError, 'boom in the handler'
    when 'incr'  # read, await, write: updates are lost if two handlers interleave
      n = storage.get('n') || 0
      sleep 0.001
      storage.put('n', n + 1)
    when 'total' then ws.send(storage.get('n').to_s)
    when /\A@(\w+) (.*)\z/
      state.web_sockets("user:#{$1}").each { |s| s.send("#{ws.attachment['name']} (private): #{$2}") }
    when 'quit' then ws.close(4001, 'quit')
    else
      state.web_sockets('all').each { |s| s.send("#{ws.attachment['name']}: #{msg}") }
    end
  end

  def web_socket_close(ws, code, reason, clean)
    state.web_sockets('all').each { |s| s.send("#{ws.attachment['name']} left (#{code})") unless s == ws }
  end
end
