#pragma once
/// Reading the scalar fields of Ethereum JSON (geth, retesteth, JSON-RPC) into core types.
/// Every reader throws FormatError naming `what` (e.g. "0xabc…: balance") when the value is
/// missing, of the wrong JSON type, or malformed. Thread-safe.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/uint256.hpp"

namespace kitsunet::ethjson {

/// Bad content in an Ethereum JSON file; what() names the offending entry.
struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A number given as decimal text, 0x-hex text or a JSON integer.
U256 read_number(const boost::json::value& v, std::string_view what);
/// As read_number, at most 2^64 - 1.
std::uint64_t read_uint64(const boost::json::value& v, std::string_view what);
/// Hex text, "0x" optional (geth writes storage without it): a number, leading zeros allowed.
U256 read_hex_number(const boost::json::value& v, std::string_view what);
/// Hex text of any length ("0x" optional; "" and "0x" are empty).
Bytes read_bytes(const boost::json::value& v, std::string_view what);
/// Hex text of exactly 32 bytes.
Hash read_hash(const boost::json::value& v, std::string_view what);
/// Hex text of exactly 20 bytes.
Address read_address(std::string_view text, std::string_view what);

/// The member `key` of object `v`, or nullptr when absent. Throws when `v` is not an object.
const boost::json::value* find_member(const boost::json::value& v, std::string_view key,
                                      std::string_view what);
/// The member `key` of object `v`; throws when absent.
const boost::json::value& member(const boost::json::value& v, std::string_view key, std::string_view what);

}  // namespace kitsunet::ethjson
