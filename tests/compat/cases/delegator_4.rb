# compat: delegator/production_predicate  (source: sinatra test/delegator_test.rb "production? is delegated")
#
# request: GET /
# expect-status: 200
# expect-body: true
get('/') { production?.to_s }
