# Every binding from Ruby, reading synchronously (each call is awaited
# through Kiln's bridge). Bindings are declared in wrangler.toml.
SCHEMA = 'CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)'

helpers do
  def db
    bindings.DB.tap { |d| d.exec(SCHEMA) }
  end
end

get '/env' do
  ENV['GREETING']
end

# --- KV ---------------------------------------------------------------------
put '/kv/:key' do
  bindings.CACHE.put(params[:key], request.body.read, metadata: { 'by' => 'kiln' })
  'stored'
end

get '/kv/:key' do
  value = bindings.CACHE.get(params[:key])
  halt 404, 'missing' if value.nil?
  value
end

get '/kv-meta/:key' do
  value, meta = bindings[:CACHE].get_with_metadata(params[:key])
  "#{value}|#{meta && meta['by']}"
end

get '/kv-list' do
  bindings.CACHE.list(prefix: params[:prefix])[:keys].map { |k| k[:name] }.join(',')
end

delete '/kv/:key' do
  bindings.CACHE.delete(params[:key])
  'deleted'
end

put '/kv-ttl/:key' do
  bindings.CACHE.put(params[:key], 'short-lived', expiration_ttl: 120)
  entry = bindings.CACHE.list(prefix: params[:key])[:keys].first
  "#{entry[:name]} expires in #{entry[:expiration] - Time.now.to_i}s"
end

get '/kv-json' do
  bindings.CACHE.put('config', JSON.generate({ 'a' => [1, 2.5, nil, true] }))
  bindings.CACHE.get('config', type: :json).inspect
end

# Awaits inside a block: each KV read parks the request's fiber in turn.
get '/kv-many' do
  params[:keys].to_s.split(',').map { |k| bindings.CACHE.get(k) || '-' }.join(',')
end

# --- D1 ---------------------------------------------------------------------
post '/notes' do
  result = db.prepare('INSERT INTO notes (body) VALUES (?)').bind(params[:body]).run
  result[:meta][:last_row_id].to_s
end

get '/notes' do
  db.query('SELECT id, body FROM notes ORDER BY id').map { |r| "#{r[:id]}:#{r['body']}" }.join("\n")
end

get '/notes/count' do
  db.prepare('SELECT COUNT(*) AS n FROM notes').first(:n).to_s
end

# A batch is one transaction: the failing statement rolls back the insert.
post '/notes/batch-fail' do
  begin
    db.batch([db.prepare('INSERT INTO notes (body) VALUES (?)').bind('never'),
              db.prepare('INSERT INTO no_such_table VALUES (1)')])
    'committed'
  rescue Kiln::JSError => e
    "rolled back: #{e.js_name}"
  end
end

# Values of every type go in and come back as they were.
get '/d1-types' do
  db.exec('CREATE TABLE IF NOT EXISTS kinds (i INTEGER, f REAL, t TEXT, n TEXT, b BLOB)')
  db.exec('DELETE FROM kinds')
  blob = [0, 255, 1, 128].pack('C*')
  db.prepare('INSERT INTO kinds VALUES (?, ?, ?, ?, ?)').bind(9_007_199_254_740_991, 2.5, 'héllo', nil, blob).run
  row = db.prepare('SELECT * FROM kinds').first
  [row[:i], row[:f], row[:t], row[:n].inspect, row[:b].bytes.inspect, db.prepare('SELECT i FROM kinds').raw.inspect].join('|')
end

# --- R2 ---------------------------------------------------------------------
put '/files/:name' do
  bindings.FILES.put(params[:name], request.body.read, custom_metadata: { 'source' => 'kiln' })
  'uploaded'
end

get '/files/:name/range' do
  object = bindings.FILES.get(params[:name], range: { offset: params[:offset].to_i, length: params[:length].to_i })
  content_type 'application/octet-stream'
  object.body
end

get '/files/:name' do
  object = bindings.FILES.get(params[:name])
  halt 404, 'no such file' unless object
  content_type 'application/octet-stream'
  headers 'x-size' => object.size.to_s, 'x-source' => object.custom_metadata['source'].to_s
  object.body
end

# --- Queues (producer) ------------------------------------------------------
post '/jobs' do
  bindings.JOBS.send({ 'task' => params[:task] })
  'queued'
end

# Queue consumer: each message is handled, then acked.
consume_queue 'kiln-jobs' do |batch|
  batch.messages.each do |message|
    bindings.CACHE.put("job:#{message.body['task']}", "done after #{message.attempts} attempt(s)")
    message.ack
  end
end

# --- Cron ---------------------------------------------------------------------
schedule '*/5 * * * *' do |event|
  bindings.CACHE.put('last-cron', event.cron)
end

# --- Work after the response --------------------------------------------------
get '/later/:key' do
  key = params[:key]
  wait_until do
    sleep 0.05
    bindings.CACHE.put(key, 'written after the response')
  end
  'responded'
end

# --- Durable Objects ------------------------------------------------------------
class Counter < Kiln::DurableObject
  get '/count' do
    n = (state.storage.get('n') || 0) + 1
    state.storage.put('n', n)
    n.to_s
  end

  get '/sql' do
    sql = state.storage.sql
    sql.exec('CREATE TABLE IF NOT EXISTS hits (at INTEGER)')
    sql.exec('INSERT INTO hits VALUES (?)', Time.now.to_i)
    sql.exec('SELECT COUNT(*) AS n FROM hits').first[:n].to_s
  end

  get '/alarm' do
    state.storage.set_alarm(Time.now.to_i * 1000 + 200)
    'alarm set'
  end

  get '/ws' do
    accept_web_socket
  end

  def alarm
    storage.put('alarm', 'fired')
  end

  def web_socket_message(ws, message)
    ws.send("echo: #{message}")
  end

  # RPC: stub.call(:peek, key)
  def peek(key)
    storage.get(key)
  end
end

get '/counter/:name' do
  bindings.COUNTER.get_by_name(params[:name]).fetch('/count').body
end

get '/counter/:name/sql' do
  bindings.COUNTER.get_by_name(params[:name]).fetch('/sql').body
end

get '/counter/:name/alarm' do
  bindings.COUNTER.get_by_name(params[:name]).fetch('/alarm').body
end

get '/counter/:name/peek/:key' do
  bindings.COUNTER.get_by_name(params[:name]).call(:peek, params[:key]).inspect
end

get '/counter/:name/ws' do
  forward_to bindings.COUNTER.get_by_name(params[:name]), '/ws'
end
