# compat: stdlib/time_parse  (source: Sinatra loads 'time'; apps parse and format times without requiring it)
#
# request: GET /parse
# expect-status: 200
# expect-body: Sun, 02 Jan 2011 03:04:05 GMT
#
# request: GET /strptime
# expect-status: 200
# expect-body: 03.02.2020
#
# request: GET /iso
# expect-status: 200
# expect-body: 2023-11-14T22:13:20Z
get('/parse') { Time.parse('2011-01-02 03:04:05 UTC').httpdate }
get('/strptime') { Time.strptime('2020-02-03', '%Y-%m-%d').strftime('%d.%m.%Y') }
get('/iso') { Time.at(1700000000).utc.iso8601 }
