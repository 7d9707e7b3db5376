# compat: rack_utils/status_codes  (source: rack test/spec_utils.rb "return status code for integer", "... for string", "... for symbol", "raise an error for an invalid symbol")
#
# request: GET /
# expect-status: 200
# expect-body: 200|200|200|404|429|422|413|Too Many Requests|Unprocessable Content|404|true|true|Unrecognized status code :foobar
#
# request: GET /teapot
# expect-status: 418
# expect-body: short and stout
require 'rack'

get '/' do
  error = begin
    Rack::Utils.status_code(:foobar)
  rescue ArgumentError => e
    e.message
  end
  [Rack::Utils.status_code(200), Rack::Utils.status_code('200'), Rack::Utils.status_code(:ok),
   Rack::Utils.status_code(:not_found), Rack::Utils.status_code(:too_many_requests),
   Rack::Utils.status_code(:unprocessable_content), Rack::Utils.status_code(:payload_too_large),
   Rack::Utils::HTTP_STATUS_CODES[429], Rack::Utils::HTTP_STATUS_CODES[422],
   Rack::Utils::SYMBOL_TO_STATUS_CODE[:not_found], Rack::Utils::STATUS_WITH_NO_ENTITY_BODY.key?(204),
   Rack::Utils::STATUS_WITH_NO_ENTITY_BODY.key?(100), error].join('|')
end

# Sinatra's own symbols still work once Rack::Utils is complete.
get('/teapot') { status :im_a_teapot; 'short and stout' }
