// Kiln runtime: one mruby VM per isolate, one fiber per request.
//
// Everything crossing this boundary is bytes in Kiln's value encoding
// (src/core/codec.h), the same on every path: requests, responses, awaited
// operations and their results.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kiln {

// What one step of a request produced. A step ends when the request's fiber
// finishes (Done), parks on an awaited JS operation (Await), or the runtime
// itself could not run it (Failed; the app's own errors are 500 responses).
struct Step {
  enum Kind : uint32_t { Done = 0, Await = 1, Failed = 2 };
  Kind kind = Failed;
  uint32_t request = 0;  // the id to resume with
  std::string payload;   // Done: [status, [[name, value]...], body, extras]
                         //   (src/core/response.h; events: [true, value] or
                         //   [false, {"name", "message"}])
                         // Await: [operation, [args...]]
                         // Failed: a message
};

class Runtime {
 public:
  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Loads the app. `bundle` is [[path, bytecode]...] (the first is the main
  // file); `config` is {"vars" => {name => value}}. Returns "" on success,
  // otherwise the error with the app's file:line.
  std::string boot(std::string_view bundle, std::string_view config);

  // Starts a request: [method, url, [[name, value]...], body-or-nil].
  Step start(std::string_view request);

  // Starts an event (cron, queue batch, background work): a value handed to
  // Kiln.event_fiber; Done carries [true, the handler's value] or [false,
  // {"name", "message"}] when it raised.
  Step start_event(std::string_view event);

  // Resumes a parked request with [true, value] or [false, {"name", "message"}].
  Step resume(uint32_t request, std::string_view result);

  // Drops a parked request (the client went away).
  void cancel(uint32_t request);

  // Requests parked on an await.
  size_t pending() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiln
