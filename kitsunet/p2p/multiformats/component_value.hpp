#pragma once
/// Internal to multiaddr: the binary and text forms of one component's value, per protocol.
/// (multiaddr.hpp lists the rules.) Pure, thread-safe.
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"

namespace kitsunet::p2p::detail {

/// Checks a binary value whose size already fits the protocol. Errors: kInvalidComponentValue,
/// kInvalidPeerId.
CodecResult<void> validate_value(Protocol protocol, ByteView value) noexcept;

/// Appends the binary value of `text` (without the size prefix). Errors: as validate_value.
CodecResult<void> append_value_from_text(Protocol protocol, std::string_view text, Bytes& out);

/// The text of a valid binary value.
std::string value_to_text(Protocol protocol, ByteView value);

}  // namespace kitsunet::p2p::detail
