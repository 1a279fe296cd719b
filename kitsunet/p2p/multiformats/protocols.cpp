// The multiaddr protocol table (multicodec table.csv, tag "multiaddr"; sizes from multiaddr's
// protocols.csv): the protocols kitsunet reads and writes.
#include <array>

#include "kitsunet/p2p/multiformats/multiaddr.hpp"

namespace kitsunet::p2p {

namespace {

constexpr std::array kProtocols{
    ProtocolInfo{Protocol::kIp4, "ip4", 4},
    ProtocolInfo{Protocol::kTcp, "tcp", 2},
    ProtocolInfo{Protocol::kDccp, "dccp", 2},
    ProtocolInfo{Protocol::kIp6, "ip6", 16},
    ProtocolInfo{Protocol::kIp6Zone, "ip6zone", kVariableSize},
    ProtocolInfo{Protocol::kIpCidr, "ipcidr", 1},
    ProtocolInfo{Protocol::kDns, "dns", kVariableSize},
    ProtocolInfo{Protocol::kDns4, "dns4", kVariableSize},
    ProtocolInfo{Protocol::kDns6, "dns6", kVariableSize},
    ProtocolInfo{Protocol::kDnsAddr, "dnsaddr", kVariableSize},
    ProtocolInfo{Protocol::kSctp, "sctp", 2},
    ProtocolInfo{Protocol::kUdp, "udp", 2},
    ProtocolInfo{Protocol::kWebRtcDirect, "webrtc-direct", 0},
    ProtocolInfo{Protocol::kWebRtc, "webrtc", 0},
    ProtocolInfo{Protocol::kP2pCircuit, "p2p-circuit", 0},
    ProtocolInfo{Protocol::kP2p, "p2p", kVariableSize},
    ProtocolInfo{Protocol::kHttps, "https", 0},
    ProtocolInfo{Protocol::kTls, "tls", 0},
    ProtocolInfo{Protocol::kSni, "sni", kVariableSize},
    ProtocolInfo{Protocol::kNoise, "noise", 0},
    ProtocolInfo{Protocol::kQuic, "quic", 0},
    ProtocolInfo{Protocol::kQuicV1, "quic-v1", 0},
    ProtocolInfo{Protocol::kWebTransport, "webtransport", 0},
    ProtocolInfo{Protocol::kCertHash, "certhash", kVariableSize},
    ProtocolInfo{Protocol::kWs, "ws", 0},
    ProtocolInfo{Protocol::kWss, "wss", 0},
    ProtocolInfo{Protocol::kHttp, "http", 0},
};

}  // namespace

const ProtocolInfo* protocol_info(std::uint64_t code) noexcept {
    for (const auto& p : kProtocols)
        if (static_cast<std::uint64_t>(p.protocol) == code) return &p;
    return nullptr;
}

const ProtocolInfo* protocol_info(std::string_view name) noexcept {
    if (name == "ipfs") return protocol_info(static_cast<std::uint64_t>(Protocol::kP2p));
    for (const auto& p : kProtocols)
        if (p.name == name) return &p;
    return nullptr;
}

}  // namespace kitsunet::p2p
