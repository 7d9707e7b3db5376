// The message transport the sync client runs over: one binary WebSocket
// message per send/recv. The real one (a Boost.Beast WebSocket client,
// ws_transport.*) is not written yet; tests/fake_server.h has the in-process
// loopback to the fake server that the tests use.
#pragma once

#include <stdexcept>
#include <string>

namespace edgereplica {

// The connection is gone: closed by the peer (close_code as received; 1006
// when it just dropped) or failed locally.
struct TransportError : std::runtime_error {
  TransportError(int code, const std::string& message) : std::runtime_error(message), close_code(code) {}
  int close_code;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const std::string& message) = 0;
  virtual std::string recv() = 0;  // blocks for the next message; throws TransportError
  virtual void close(int code) = 0;
};

}  // namespace edgereplica
