# compat: routing/encoded_colons  (source: sinatra test/routing_test.rb "it handles encoded colons correctly")
#
# request: GET /:
# expect-status: 200
# expect-body: a
#
# request: GET /%3a
# expect-status: 200
# expect-body: a
#
# request: GET /a/:
# expect-status: 200
# expect-body: b
#
# request: GET /a/%3a
# expect-status: 200
# expect-body: b
#
# request: GET /a/:/b
# expect-status: 200
# expect-body: c
#
# request: GET /a/%3A/b
# expect-status: 200
# expect-body: c
#
# request: GET /a/b:
# expect-status: 200
# expect-body: d
#
# request: GET /a/b%3a
# expect-status: 200
# expect-body: d
#
# request: GET /a/b%3a%20
# expect-status: 200
# expect-body: e
#
# request: GET /a/b%3a+
# expect-status: 200
# expect-body: e
get("/\\:") { 'a' }
get("/a/\\:") { 'b' }
get("/a/\\:/b") { 'c' }
get("/a/b\\:") { 'd' }
get("/a/b\\: ") { 'e' }
