# The soak app (scripts/soak, tests/node/soak.test.mjs): a mix of what real
# apps do per request, each route with one expected status.
require 'json'
enable :sessions
# Small, so the oversized-body kinds (a declared 95 MB, a chunked 2 MiB)
# cost the soak little; every other route's body is far below it.
set :max_body_size, 1 << 20

helpers do
  def page(title) = "<h1>#{h title}</h1><p>#{params.keys.sort.join(',')}</p>"
end

before { @started = true }
after { headers 'X-Soak' => '1' }

get('/') { page('home') }
get('/hello/:name') { page("Hello #{params[:name]}") }
get('/files/*.*') { |path, ext| "#{path}.#{ext}" }
get('/query') { params.to_a.flatten.join('|') }
post('/form') { params.inspect }
post('/json') do
  content_type :json
  data = JSON.parse(request.body.read)
  JSON.generate('sum' => data['items'].inject(0) { |s, i| s + i['n'] }, 'echo' => data)
end
get('/session') do
  session['n'] = session['n'].to_i + 1
  session['n'].to_s
end
get('/await') do
  sleep 0
  Kiln.await(:unknown_op) rescue 'rescued'
end
get('/halt') { halt 403, 'no' }
get('/redirect') { redirect '/' }
get('/raise') { raise 'expected failure' }
get('/big') { 'x' * 100_000 }
get('/digest') { Digest::SHA256.hexdigest(params[:s].to_s * 100) }
post('/upload') { request.body.read.bytesize.to_s }
# 200 MB in one allocation: past the wasm memory cap, NoMemoryError, a 500.
get('/hog') { ('x' * (200 << 20)).bytesize.to_s }
