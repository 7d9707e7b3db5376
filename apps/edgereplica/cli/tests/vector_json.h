// Generic MessagePack <-> JSON for the golden vectors (protocol/vectors/,
// format in protocol/vectors/README.md): a value is written as JSON with bin
// as {"$bin": "<hex>"} and maps in wire order. This encoder knows nothing of
// frames, so encoding a vector's "value" and comparing with its "hex"
// cross-checks the typed encoder in src/frames.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace edgereplica::test {

using ojson = nlohmann::ordered_json;

ojson msgpack_to_json(std::string_view msgpack);  // exactly one value, no trailing bytes
std::string json_to_msgpack(const ojson& value);  // smallest form of every value
ojson message_json(const std::string& message);   // version byte + [type, body] → its "value"

}  // namespace edgereplica::test
