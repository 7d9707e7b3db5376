# compat: rack_env/input_without_middleware  (source: rack SPEC "The Input Stream" (gets, read(length), read(length, buffer), rewind); Sinatra apps that read env['rack.input'] directly, as webhook receivers do)
#
# request: POST /hook
# request-header: Content-Type: application/json
# request-body: {"a":1}
# expect-status: 200
# expect-body-json: "{\"a\":1}|{\"a\"|:1}|{\"a\":1}|{\"a\":1}"
post '/hook' do
  input = env['rack.input']
  all = input.read
  input.rewind
  head = input.read(4)
  rest = input.read(10, String.new)
  input.rewind
  [all, head, rest, input.gets, request.body.read].join("|")
end
