# compat: stdlib/date  (source: CRuby's 'time' requires 'date', so Sinatra apps use Date without a require)
#
# request: GET /add
# expect-status: 200
# expect-body: 2024-02-29
#
# request: GET /day
# expect-status: 200
# expect-body: Sunday
get('/add') { (Date.new(2024, 1, 31) >> 1).to_s }
get('/day') { Date.parse('2020-05-17').strftime('%A') }
