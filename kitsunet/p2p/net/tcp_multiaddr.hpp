#pragma once
/// Multiaddrs of the TCP transport: /ip4/<a>/tcp/<p>, /ip6/<a>/tcp/<p>, /dns/<h>/tcp/<p>,
/// /dns4/..., /dns6/..., each optionally followed by /p2p/<peer id>. Anything else (/ws, /quic,
/// /p2p-circuit, ...) is not ours: nullopt. Pure, thread-safe.
#include <optional>

#include <boost/asio/ip/tcp.hpp>

#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/net/tcp_transport.hpp"

namespace kitsunet::p2p {

/// Where to dial `addr`, if it is a TCP address.
std::optional<TcpTarget> tcp_target(const Multiaddr& addr);

/// Where to listen for `addr` (an IP address, no DNS, no /p2p), if it is one.
std::optional<boost::asio::ip::tcp::endpoint> tcp_listen_endpoint(const Multiaddr& addr);

/// /ip4/<a>/tcp/<p> or /ip6/<a>/tcp/<p> (an IPv4-mapped IPv6 address is written as ip4).
Multiaddr to_multiaddr(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace kitsunet::p2p
