# The smallest Kiln app. Serve it with `scripts/dev` (or `npx wrangler dev`
# in this directory) and open http://localhost:8787/hello/world
get '/' do
  'Hello from Kiln'
end

get '/hello/:name' do
  "Hello #{params[:name]}"
end

# sleep does not block the isolate: other requests run meanwhile.
get '/nap/:ms' do
  sleep(params[:ms].to_i / 1000.0)
  "slept #{params[:ms]} ms"
end
