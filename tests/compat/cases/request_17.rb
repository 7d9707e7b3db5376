# compat: request/get_and_post_hashes  (source: sinatra test/request_test.rb "request.GET and request.POST")
#
# request: POST /?q=1
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: f=2
# expect-status: 200
# expect-body: 1 2
post('/') { "#{request.GET['q']} #{request.POST['f']}" }
