# compat: rack_middleware/deflater  (source: rack test/spec_deflater.rb "be able to deflate bodies that respond to each" (gzip chosen, vary), "not deflate if content is not in :include", "not deflate with identity", "return 406 when identity is not acceptable"; on Workers the runtime compresses: the body here is what the client decodes)
#
# request: GET /
# request-header: Accept-Encoding: gzip
# expect-status: 200
# expect-body: foobar
# expect-header: Content-Encoding: gzip
# expect-header: Vary: Accept-Encoding
# expect-no-header: Content-Length
#
# request: GET /
# request-header: Accept-Encoding: identity
# expect-status: 200
# expect-no-header: Content-Encoding
#
# request: GET /plain.txt
# request-header: Accept-Encoding: gzip
# expect-status: 200
# expect-no-header: Content-Encoding
#
# request: GET /
# request-header: Accept-Encoding: identity;q=0
# expect-status: 406
# expect-body: An acceptable encoding for the requested resource / could not be found.
use Rack::Deflater, include: %w[text/html]

get('/') { 'foobar' }
get('/plain.txt') { content_type :txt; 'plain' }
