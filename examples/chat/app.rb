# A chat: one Durable Object per room, hibernatable WebSockets broadcast by
# tag, the last 100 messages in the room's SQL. `npx kiln dev`, then open
# http://localhost:8787/. Tests: test/chat_test.rb (kiln test) and
# tests/workerd/websocket.test.mjs (wrangler dev).
#
# The wire: JSON text frames. The client sends {"type":"message","text":…}
# or {"type":"history"}; the room sends {"type":"message","name","text","at"},
# {"type":"history","messages":[…]}, {"type":"presence","names":[…]} and
# {"type":"error","error":…}.
NAME = /\A[\w.-]{1,32}\z/

get '/' do
  page('Kiln chat', <<~HTML)
    <form onsubmit="location.href = '/rooms/' + encodeURIComponent(this.room.value) + '?name=' + encodeURIComponent(this.name.value); return false">
      <input name="room" placeholder="room" value="lobby" required> <input name="name" placeholder="your name" required>
      <button>Join</button>
    </form>
  HTML
end

get '/rooms/:room' do
  room = Rack::Utils.escape_html(params[:room])
  page("#{room} · Kiln chat", <<~HTML)
    <h1>#{room}</h1><p id="who"></p><ul id="log"></ul>
    <form id="say"><input name="text" autocomplete="off" autofocus> <button>Send</button></form>
    <script>
      const q = new URLSearchParams(location.search);
      const ws = new WebSocket(location.href.replace(/^http/, 'ws').replace(/\\?.*$/, '') + '/ws?name=' + encodeURIComponent(q.get('name') || 'anon'));
      const log = document.getElementById('log');
      const show = (m) => { const li = document.createElement('li'); li.textContent = m.name + ': ' + m.text; log.append(li); };
      ws.onopen = () => ws.send(JSON.stringify({ type: 'history' }));
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (m.type === 'history') m.messages.forEach(show);
        if (m.type === 'message') show(m);
        if (m.type === 'presence') document.getElementById('who').textContent = 'here: ' + m.names.join(', ');
        if (m.type === 'error') alert(m.error);
      };
      ws.onclose = (e) => { document.getElementById('who').textContent = 'disconnected (' + e.code + ')'; };
      document.getElementById('say').onsubmit = (e) => {
        e.preventDefault();
        ws.send(JSON.stringify({ type: 'message', text: e.target.text.value }));
        e.target.text.value = '';
      };
    </script>
  HTML
end

get '/rooms/:room/ws' do
  halt 400, 'a name of letters, digits, . or -, please' unless params[:name].to_s.match?(NAME)
  forward_to bindings.ROOMS.get_by_name(params[:room]), "/join?name=#{params[:name]}"
end

helpers do
  def page(title, body)
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>#{title}</title></head><body>#{body}</body></html>"
  end
end

class Room < Kiln::DurableObject
  HISTORY = 100

  get '/join' do
    name = params[:name].to_s
    halt 400, 'bad name' unless name.match?(NAME)
    response = accept_web_socket(tags: ['all', "user:#{name}"], attachment: { 'name' => name })
    broadcast({ 'type' => 'presence', 'names' => names })  # the new socket included: sends wait for its 101
    response
  end

  def web_socket_message(ws, raw)
    data = raw.binary? ? nil : (JSON.parse(raw) rescue nil)
    return ws.send({ 'type' => 'error', 'error' => 'send JSON text frames' }.to_json) unless data.is_a?(Hash)
    case data['type']
    when 'history' then ws.send({ 'type' => 'history', 'messages' => history }.to_json)
    when 'message'
      text = data['text'].to_s.strip[0, 500]
      return if text.empty?
      message = { 'type' => 'message', 'name' => ws.attachment['name'], 'text' => text, 'at' => Time.now.to_i }
      record(message)
      broadcast(message)
    else ws.send({ 'type' => 'error', 'error' => "unknown type #{data['type'].inspect}" }.to_json)
    end
  end

  def web_socket_close(ws, _code, _reason, _clean)
    broadcast({ 'type' => 'presence', 'names' => names(except: ws) }, except: ws)
  end

  private

  def sql
    @sql ||= state.storage.sql.tap do |s|
      s.exec('CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)')
    end
  end

  def record(message)
    sql.exec('INSERT INTO messages (name, text, at) VALUES (?, ?, ?)', message['name'], message['text'], message['at'])
    sql.exec('DELETE FROM messages WHERE id <= (SELECT MAX(id) FROM messages) - ?', HISTORY)
  end

  def history
    sql.exec('SELECT name, text, at FROM messages ORDER BY id DESC LIMIT ?', HISTORY).reverse.map do |r|
      { 'name' => r['name'], 'text' => r['text'], 'at' => r['at'].to_i }
    end
  end

  def names(except: nil)
    state.web_sockets('all').reject { |s| s == except }.map { |s| s.attachment['name'] }.uniq.sort
  end

  def broadcast(message, except: nil)
    frame = message.to_json
    state.web_sockets('all').each { |s| s.send(frame) unless s == except }
  end
end
