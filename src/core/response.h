// Rack response ([status, headers, body]) -> encoded JS Response.
#pragma once

#include <string>
#include <string_view>

#include <mruby.h>

#include "core/codec.h"

namespace kiln {

// Writes [status, [[name, value]...], bytes-or-nil, extras-or-nil]. The DSL
// has already joined the body into one String, or made it nil: no body
// (Response#finish decides which; JS passes nil on as a null body). The
// triple may carry a 4th element, the extras: what the runtime does besides
// sending the response, a Hash of any of
//   'background' => Integer   work to run after the response (wait_until)
//   'forward'    => {'namespace' => String, 'id' => String, 'path' => String or nil}
//                             answer with that Durable Object's response to
//                             this same request instead (forward_to)
//   'websocket'  => true      accept the request's WebSocket (a Durable
//                             Object's accept_web_socket; the status is 101)
// Control signals travel only here, never as HTTP headers. A header whose value is an Array is one header per
// element (Set-Cookie). Returns "" or why the response cannot be sent (bad
// status, a header with CR, LF or NUL, or a bad name) — never emitted.
std::string write_response(mrb_state* mrb, mrb_value triple, codec::Writer& out);

// The one 500 page, sent by every fallback: Sinatra's default error handler
// and a request that raised outside the app (Ruby reads it as
// Kiln::INTERNAL_ERROR_PAGE), a response that cannot be sent (below), and
// JS's own last resort when the runtime itself failed (js/worker/kiln.js
// INTERNAL_ERROR, pinned to these bytes by tests/node/response.test.mjs).
inline constexpr std::string_view kInternalErrorType = "text/html;charset=utf-8";
inline constexpr std::string_view kInternalErrorPage = "<h1>Internal Server Error</h1>";
// Sent with it as x-content-type-options (JS INTERNAL_ERROR.nosniff).
inline constexpr std::string_view kInternalErrorNosniff = "nosniff";

// The encoded 500 response; for a HEAD request without its body.
std::string internal_error_response(bool head);

// Defines Kiln::INTERNAL_ERROR_PAGE, Kiln::InvalidResponse and
// Kiln.__response_head (a streamed response's head, checked and encoded as
// write_response does), before the DSL loads.
void define_response(mrb_state* mrb);

}  // namespace kiln
