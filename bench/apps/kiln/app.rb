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
