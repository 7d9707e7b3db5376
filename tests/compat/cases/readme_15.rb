# compat: readme/pass_guess  (source: sinatra test/readme_test.rb "Passing: pass to the next route")
#
# request: GET /guess/Frank
# expect-status: 200
# expect-body: You got me!
#
# request: GET /guess/Bob
# expect-status: 200
# expect-body: You missed!
get '/guess/:who' do
  pass unless params['who'] == 'Frank'
  'You got me!'
end
get '/guess/*' do
  'You missed!'
end
