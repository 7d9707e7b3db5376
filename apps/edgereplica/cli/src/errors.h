// Exit codes of the edgereplica CLI (design §3.4, sync.md §Errors) and the
// typed errors the sync library throws; main.cpp turns a SyncError into its
// exit code. The server-side half of the mapping (which ERROR code and close
// code each condition gets) is the Ruby server's, issue #21.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace edgereplica {

enum class Exit : int {
  ok = 0,
  other = 1,
  usage = 2,
  auth = 3,       // unauthenticated, expired, forbidden
  conflict = 4,   // remote moved, or local changes would be lost
  not_found = 5,  // database, or empty remote on pull
  network = 6,    // connection failure or busy (retryable)
  protocol = 7,   // protocol or server error
  local_db = 8,   // not SQLite, integrity check failed, busy target
};

struct SyncError : std::runtime_error {
  SyncError(Exit e, const std::string& message, std::string c = "", std::optional<std::uint64_t> g = std::nullopt)
      : std::runtime_error(message), exit(e), code(std::move(c)), generation(g) {}
  Exit exit;
  std::string code;  // the server's ERROR code, when the error came from one
  std::optional<std::uint64_t> generation;
};

// A local database problem (exit 8).
struct LocalError : SyncError {
  explicit LocalError(const std::string& message) : SyncError(Exit::local_db, message) {}
};

// The exit code for a server ERROR code (unknown codes are protocol errors).
Exit exit_for_error_code(const std::string& code);
// The exit code for a close without an ERROR frame before it.
Exit exit_for_close_code(int close_code);

}  // namespace edgereplica
