# The smallest Kiln app. Serve it with `scripts/dev` (or `npx wrangler dev`
# in this directory) and open http://localhost:8787/hello/world
get '/' do
  'Hello from Kiln'
end

get '/hello/:name' do
  "Hello #{params[:name]}"
end

# sleep does not block the isolate: other requests run meanwhile (the
# answer says how many were asleep at once, this one included).
$napping = 0
get '/nap/:ms' do
  $napping += 1
  sleep(params[:ms].to_i / 1000.0)
  awake_with = $napping
  $napping -= 1
  "slept #{params[:ms]} ms (#{awake_with} napping)"
end
