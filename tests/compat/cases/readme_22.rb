# compat: readme/not_found_handler  (source: sinatra test/readme_test.rb "Error: not_found handler")
#
# request: GET /nowhere
# expect-status: 404
# expect-body: This is nowhere to be found.
not_found do
  'This is nowhere to be found.'
end
