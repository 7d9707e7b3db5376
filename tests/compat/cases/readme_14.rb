# compat: readme/halt_forms  (source: sinatra test/readme_test.rb "Halting: the forms of halt")
#
# request: GET /a
# expect-status: 200
# expect-body:
#
# request: GET /b
# expect-status: 410
#
# request: GET /c
# expect-status: 200
# expect-body: this will be the body
#
# request: GET /d
# expect-status: 401
# expect-body: go away!
#
# request: GET /e
# expect-status: 402
# expect-body: revenge
# expect-header: Content-Type: text/plain
get('/a') { halt }
get('/b') { halt 410 }
get('/c') { halt 'this will be the body' }
get('/d') { halt 401, 'go away!' }
get('/e') { halt 402, {'Content-Type' => 'text/plain'}, 'revenge' }
