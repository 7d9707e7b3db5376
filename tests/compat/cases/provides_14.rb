# compat: provides/param_count_ignores_q  (source: sinatra test/routing_test.rb "ignores the quality parameter when ordering by parameter count")
#
# request: GET /
# request-header: Accept: image/jpeg;q=1.0;compress=0.25, image/png
# expect-status: 200
# expect-body: image/jpeg
#
# request: GET /
# request-header: Accept: image/jpeg;q=1.0;compress=0.25, image/png;profile=FOGRA40;gamma=0.8
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :jpg]) { content_type }
