# compat: settings/set_block_with_arg_condition  (source: sinatra test/settings_test.rb "set with a block defines a custom condition (README)")
#
# request: GET /win
# expect-status: 200
# expect-body: You won!
#
# request: GET /lose
# expect-status: 200
# expect-body: Sorry, you lost.
set(:probability) { |value| condition { value > 0.5 } }
get '/win', :probability => 0.9 do
  'You won!'
end
get '/win' do
  'Sorry, you lost.'
end
get '/lose', :probability => 0.1 do
  'You won!'
end
get '/lose' do
  'Sorry, you lost.'
end
