# compat: stdlib/uri_parts  (source: Sinatra requires 'uri'; apps take request.url apart)
#
# request: GET /u?a=1
# expect-status: 200
# expect-body: http|example.org|80|/u|a=1
#
# request: GET /go
# expect-status: 302
# expect-header: Location: http://example.org/search?q=a+b&n=1
get('/u') { u = URI(request.url); [u.scheme, u.host, u.port, u.path, u.query].join('|') }
get('/go') { redirect "/search?#{URI.encode_www_form(q: 'a b', n: 1)}" }
