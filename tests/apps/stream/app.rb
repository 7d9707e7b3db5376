# Streaming responses and Server-Sent Events (tests/node/stream.test.mjs, tests/workerd/stream.test.mjs).
STATS = { 'closed' => 0, 'callbacks' => 0 }
ROOM = []

after { headers['x-after'] = 'ran' }

# n chunks, `gap` seconds apart; each carries the server's clock in ms.
get '/ticks' do
  n = (params[:n] || 3).to_i
  gap = (params[:gap] || 0.2).to_f
  content_type 'text/plain'
  stream do |out|
    n.times do |i|
      out << "tick #{i} #{(Time.now.to_f * 1000).to_i}\n"
      sleep gap if i < n - 1
    end
  end
end

get '/hello/:name' do
  stream { |out| out << 'hello '; out.write(params[:name]); out.puts('!') }
end

# A binding call between chunks, inside the block.
get '/kv' do
  stream do |out|
    bindings.CACHE.put('streamed', 'from KV')
    out << "before\n"
    out << bindings.CACHE.get('streamed') << "\n"
  end
end

get '/events' do
  sse do |out|
    out.event("first line\nsecond line", event: 'greeting', id: '1', retry: 2500)
    out.comment('keep-alive')
    out.event({ 'n' => 1, 'list' => [1, 'two'] }, id: 2)
    out.event('')
  end
end

get '/bad-event' do
  sse { |out| out.event('x', event: "a\nb") }
end

# Never ends by itself: the client disconnecting must stop it.
get '/forever' do
  stream do |out|
    out.callback { STATS['callbacks'] += 1 }
    i = 0
    begin
      loop do
        out << "#{i}\n"
        i += 1
        sleep 0.05
      end
    ensure
      STATS['closed'] += 1 if out.closed?
    end
  end
end

get '/stats' do
  "closed=#{STATS['closed']} callbacks=#{STATS['callbacks']}"
end

get '/boom' do
  stream do |out|
    out << "partial\n"
    raise ArgumentError, 'boom after headers'
  end
end

# stream(:keep_open): stays open after the block until out.close; other
# requests write to it.
get '/room' do
  stream(:keep_open) do |out|
    ROOM << out
    out << "joined\n"
    out.callback { ROOM.delete(out) }
  end
end

post '/room' do
  ROOM.each { |out| out << "#{request.body.read}\n" }
  "sent to #{ROOM.size}"
end

delete '/room' do
  n = ROOM.size
  ROOM.dup.each(&:close)
  "closed #{n}"
end

get '/status' do
  status 201
  headers['x-custom'] = 'yes'
  stream { |out| out << 'created' }
end

# wait_until work runs after the stream has ended.
get '/bg' do
  wait_until { STATS['bg'] = STATS['streamed'] ? 'after the stream' : 'too early' }
  stream { |out| out << 'streamed'; STATS['streamed'] = true }
end

get '/bg-state' do
  STATS['bg'].to_s
end

# Headers are checked when the stream opens: a bad one is still a 500.
get '/bad-header' do
  headers['bad header'] = 'x'
  stream { |out| out << 'never sent' }
end
