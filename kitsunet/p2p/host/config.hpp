#pragma once
/// Host settings: identity, addresses, muxers, and the connection manager's limits. The defaults
/// suit a public node; tests shrink the limits and timeouts.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::p2p {

/// Bounds on what peers can make the host hold. Beyond them, new connections are closed at once
/// and new inbound streams reset, each with a logged reason; established work continues.
struct ConnectionLimits {
    /// Established connections, both directions.
    std::size_t max_connections = 1024;
    /// Inbound connections still in their handshake (bounds slow-loris peers with the timeout).
    std::size_t max_pending_inbound = 128;
    /// Inbound streams open at once on one connection.
    std::size_t max_inbound_streams = 512;
    /// Inbound streams open at once on one connection for one protocol.
    std::size_t max_inbound_streams_per_protocol = 256;
    /// Bytes a connection's muxer may buffer for unread streams beyond their initial windows
    /// (Yamux window growth; mplex per-stream buffers are bounded by the muxer itself).
    std::size_t max_buffered_bytes = 64 * 1024 * 1024;
    /// TCP connect (all resolved addresses together).
    Duration dial_timeout = std::chrono::seconds(10);
    /// From the TCP connection to a running muxer: multistream, Noise, muxer choice.
    Duration handshake_timeout = std::chrono::seconds(10);
    /// A stream's protocol negotiation; also bounds identify exchanges.
    Duration negotiate_timeout = std::chrono::seconds(10);
    /// How long stop() lets connections close politely (go-away) before cutting them.
    Duration close_timeout = std::chrono::seconds(2);
};

struct HostConfig {
    PrivateKey identity = PrivateKey::generate();
    /// Where to listen (/ip4|ip6/<address>/tcp/<port>; port 0 picks a free one).
    std::vector<Multiaddr> listen;
    /// Stream muxers in preference order ("/yamux/1.0.0", "/mplex/6.7.0"): Yamux has flow
    /// control, mplex is the fallback for peers without Yamux.
    std::vector<std::string> muxers{"/yamux/1.0.0", "/mplex/6.7.0"};
    /// Offer the muxers inside the Noise handshake (saves a round trip; js-libp2p does too).
    bool inline_muxer_negotiation = true;
    std::string agent_version = "kitsunet/0.1.0";
    std::string protocol_version = "ipfs/0.1.0";
    /// Serve /ipfs/ping/1.0.0.
    bool enable_ping = true;
    ConnectionLimits limits;
};

}  // namespace kitsunet::p2p
