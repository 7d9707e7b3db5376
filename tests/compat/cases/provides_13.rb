# compat: provides/param_count_order  (source: sinatra test/routing_test.rb "orders types with equal quality by parameter count")
#
# request: GET /
# request-header: Accept: image/png;q=0.5, image/jpeg;q=0.5;compress=0.25
# expect-status: 200
# expect-body: image/jpeg
#
# request: GET /
# request-header: Accept: image/png;q=0.5;profile=FOGRA40;gamma=0.8, image/jpeg;q=0.5;compress=0.25
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :jpg]) { content_type }
