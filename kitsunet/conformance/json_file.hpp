#pragma once
/// Reading conformance vector files: JSON, and the byte strings of ethereum/tests.
#include <filesystem>
#include <optional>

#include <boost/json/value.hpp>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::conformance {

/// Parses a JSON file whose top level is an object; throws std::runtime_error otherwise.
boost::json::object read_json_object(const std::filesystem::path& file);

/// A test string as bytes: hex when it starts with "0x" (nullopt if the hex is invalid), else the
/// raw ASCII text.
std::optional<Bytes> test_bytes(std::string_view text);

}  // namespace kitsunet::conformance
