# compat: method_override/header  (source: sinatra test/sinatra_test.rb "X-HTTP-Method-Override header")
#
# request: POST /thing
# request-header: X-HTTP-Method-Override: PATCH
# expect-status: 200
# expect-body: patched
patch('/thing') { 'patched' }
