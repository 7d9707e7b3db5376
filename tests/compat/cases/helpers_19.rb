# compat: helpers/body_other_objects  (source: sinatra test/helpers_test.rb "can be used with other objects")
#
# request: GET /
# expect-status: 200
# expect-body: from json
get '/' do
  body :hello => 'from json'
end
after do
  if Hash === response.body
    body response.body[:hello]
  end
end
