# compat: request/form_data  (source: sinatra test/request_test.rb "request.form_data? for urlencoded POSTs")
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: a=1
# expect-status: 200
# expect-body: true
post('/') { request.form_data?.to_s }
