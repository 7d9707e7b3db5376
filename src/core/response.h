// Rack response ([status, headers, body]) -> encoded JS Response.
#pragma once

#include <string>

#include <mruby.h>

#include "core/codec.h"

namespace kiln {

// Writes [status, [[name, value]...], bytes, background-id-or-nil]; the
// triple may carry a 4th element, the id of work to run after the response
// (wait_until). The DSL has already joined the
// body into one String. A header value holding "\n" is several headers
// (Rack's convention for Set-Cookie). Returns "" or why the response cannot
// be sent (bad status, a header with CR/NUL or a bad name) — never emitted.
std::string write_response(mrb_state* mrb, mrb_value triple, codec::Writer& out);

// The response sent when the app's own answer cannot be.
std::string internal_error_response();

}  // namespace kiln
