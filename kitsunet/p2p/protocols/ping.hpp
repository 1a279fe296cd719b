#pragma once
/// Ping (/ipfs/ping/1.0.0, libp2p/specs ping): the dialer sends 32 random bytes, the listener
/// sends them back; repeated on one stream as often as the dialer likes.
/// Errors (system_error): kBadMessage when the echo differs, eof when the peer closes early,
/// and the stream's own errors. No timeout here: callers bound each ping.
#include <chrono>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::ping {

inline constexpr std::string_view kProtocolId = "/ipfs/ping/1.0.0";
inline constexpr std::size_t kPingSize = 32;

/// One round trip on `stream`; returns its duration.
Task<std::chrono::steady_clock::duration> ping_once(ByteStream& stream);

/// Echoes every 32-byte ping until the peer closes; then closes our side.
Task<void> serve(ByteStream& stream);

}  // namespace kitsunet::p2p::ping
