// Catch2's main for the edgereplica CLI tests (er_tests; ctest runs it once
// per tag: [frames] [hashing] [local_db] [sync] [vectors]).
#define CATCH_CONFIG_MAIN
#include <catch.hpp>
