# The Kiln side of the benchmarks (bench/run): the HTTP routes measured on
# bare workerd, and the CPU / await routes timed under node.
require_relative 'workloads'

get '/' do
  'Hello from Kiln'
end

get '/hello/:name' do
  "Hello #{params[:name]}"
end

# Kiln's JSON generator (C++); Workloads.to_json is the by-hand Ruby one
# the CPU round trip uses.
get '/json' do
  content_type 'application/json'
  JSON.generate(Workloads.users)
end

# An ERB page: a layout around a 20-row table, values HTML-escaped.
get '/page' do
  @title = 'Users & scores'
  erb :users, locals: { users: Workloads.users }
end

# Three KV reads in turn (each one parks the request's fiber on Kiln.await);
# bench/run seeds kv1..kv3 in a local KV namespace (Miniflare's, on workerd).
get '/kv' do
  kv = bindings.KV
  [kv.get('kv1'), kv.get('kv2'), kv.get('kv3')].join(',')
end

get '/cpu/:name' do
  Workloads.run(params[:name]).to_s
end

# n bridged calls that resolve at once: the cost of one Kiln.await.
get '/await/:n' do
  n = params[:n].to_i
  i = 0
  while i < n
    Kiln.await(:echo, i)
    i += 1
  end
  n.to_s
end
