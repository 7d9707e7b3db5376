// JS Request (encoded) -> Rack env Hash.
#pragma once

#include <mruby.h>

#include "core/codec.h"

namespace kiln {

// Reads [method, url, [[name, value]...], body-or-nil, extra-env?] and builds the Rack
// env: REQUEST_METHOD, PATH_INFO, QUERY_STRING, SERVER_NAME/PORT, HTTP_*,
// CONTENT_TYPE/LENGTH, rack.url_scheme and "rack.input" (the body String).
// Throws codec::Error on malformed input.
mrb_value build_env(mrb_state* mrb, codec::Reader& in);

}  // namespace kiln
