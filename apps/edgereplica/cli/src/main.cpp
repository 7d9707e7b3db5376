// The edgereplica binary. This round has only the local commands (`version`,
// `inspect`); the admin RPC and sync commands need the network transport
// (Boost.Beast WebSocket, libcurl for Connect, CLI11: see
// apps/edgereplica/protocol/sync.md "Not built yet") and come with issue #22's
// second half.
#include <cstdio>
#include <cstring>
#include <string>

#include "errors.h"
#include "frames.h"
#include "hashing.h"
#include "local_db.h"
#include "sync_client.h"

using namespace edgereplica;

namespace {

int usage(FILE* out) {
  std::fprintf(out,
               "usage: edgereplica version\n"
               "       edgereplica inspect DB     page size, page count and root of one snapshot of DB\n");
  return out == stdout ? 0 : static_cast<int>(Exit::usage);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage(stderr);
  std::string cmd = argv[1];
  try {
    if (cmd == "--help" || cmd == "-h" || cmd == "help") return usage(stdout);
    if (cmd == "version" && argc == 2) {
      std::printf("%s (sync protocol %d, hash %s)\n", kClientName, kProtocolVersion, kHashName);
      return 0;
    }
    if (cmd == "inspect" && argc == 3) {
      Snapshot snap(argv[2]);
      std::printf("page_size %llu\npage_count %llu\nroot %s\n", static_cast<unsigned long long>(snap.page_size()),
                  static_cast<unsigned long long>(snap.page_count()), hex(snap.root()).c_str());
      return 0;
    }
    return usage(stderr);
  } catch (const SyncError& e) {
    std::fprintf(stderr, "edgereplica: %s\n", e.what());
    return static_cast<int>(e.exit);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "edgereplica: %s\n", e.what());
    return static_cast<int>(Exit::other);
  }
}
