# compat: settings/raise_errors_disabled_handler  (source: sinatra test/settings_test.rb "disable :show_exceptions still lets error handlers run")
#
# request: GET /
# expect-status: 500
# expect-body: handled
disable :show_exceptions
error(ArgumentError) { 'handled' }
get('/') { raise ArgumentError }
