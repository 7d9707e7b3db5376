# Tests for {{name}} go here. `kiln test` (coming in a later Kiln release)
# will run this directory against the app with emulated bindings (KV, D1...);
# until then `npx kiln request app.rb GET /` runs one request offline.
#
# For example:
#   def test_home
#     get '/'
#     assert_equal 200, last_response.status
#   end
