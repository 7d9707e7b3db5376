# compat: filters/after_sees_status_404  (source: sinatra test/filter_test.rb "after filters run for unmatched routes")
#
# request: GET /nowhere
# expect-status: 404
# expect-header: X-After: 404
after { headers 'X-After' => status.to_s }
