# Workers AI from Ruby (tests/node/ai.test.mjs runs it against a JS double of
# the remote service: the double returns what Workers AI returns, shape for shape).
get '/ask' do
  bindings.AI.run('@cf/meta/llama-3.1-8b-instruct', prompt: params[:q])['response']
end

get '/chat' do
  messages = [{ role: 'system', content: 'terse' }, { role: 'user', content: params[:q] }]
  json bindings.AI.run('@cf/meta/llama-3.1-8b-instruct', { messages: messages }, gateway: { id: 'my-gateway' })
end

get '/embed' do
  result = bindings.AI.run('@cf/baai/bge-small-en-v1.5', text: %w[a b])
  "#{result['shape'].inspect} #{result['data'].first.inspect}"
end

get '/image' do
  content_type 'image/png'
  bindings.AI.run('@cf/black-forest-labs/flux-1-schnell', prompt: 'a kiln')
end

# The model's tokens as Server-Sent Events, each sent as it arrives.
get '/stream' do
  sse do |out|
    bindings.AI.stream('@cf/meta/llama-3.1-8b-instruct', prompt: params[:q]) { |chunk| out.event(chunk) }
  end
end

get '/collect' do
  bindings.AI.run('@cf/meta/llama-3.1-8b-instruct', prompt: params[:q], stream: true).map { |c| c['response'] }.join
end

get '/first' do
  first = bindings.AI.stream('@cf/meta/llama-3.1-8b-instruct', prompt: params[:q]).each { |c| break c['response'] }
  "first=#{first}"
end

get '/missing-model' do
  bindings.AI.run('@cf/nope', prompt: 'x')
rescue Kiln::JSError => e
  status 502
  "#{e.js_name}: #{e.message}"
end
