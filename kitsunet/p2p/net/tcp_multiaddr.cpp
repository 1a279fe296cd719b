#include "kitsunet/p2p/net/tcp_multiaddr.hpp"

#include <iterator>

#include "kitsunet/p2p/multiformats/ip_text.hpp"

namespace kitsunet::p2p {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// The components of `addr` without a trailing /p2p, if they are exactly two.
std::optional<std::pair<Component, Component>> host_and_port(const Multiaddr& addr) {
    std::vector<Component> parts(addr.begin(), addr.end());
    if (!parts.empty() && parts.back().protocol == Protocol::kP2p) parts.pop_back();
    if (parts.size() != 2 || parts[1].protocol != Protocol::kTcp) return std::nullopt;
    return std::pair{parts[0], parts[1]};
}

std::optional<asio::ip::address> ip_of(const Component& c) {
    if (c.protocol == Protocol::kIp4 && c.value.size() == 4) {
        asio::ip::address_v4::bytes_type b;
        std::copy(c.value.begin(), c.value.end(), b.begin());
        return asio::ip::address_v4(b);
    }
    if (c.protocol == Protocol::kIp6 && c.value.size() == 16) {
        asio::ip::address_v6::bytes_type b;
        std::copy(c.value.begin(), c.value.end(), b.begin());
        return asio::ip::address_v6(b);
    }
    return std::nullopt;
}

std::uint16_t port_of(const Component& c) { return static_cast<std::uint16_t>(c.value[0] << 8 | c.value[1]); }

}  // namespace

std::optional<TcpTarget> tcp_target(const Multiaddr& addr) {
    const auto parts = host_and_port(addr);
    if (!parts) return std::nullopt;
    const auto& [host, port] = *parts;
    if (const auto ip = ip_of(host)) return TcpTarget{ip->to_string(), port_of(port), IpFamily::kAny};
    IpFamily family;
    switch (host.protocol) {
        case Protocol::kDns:
            family = IpFamily::kAny;
            break;
        case Protocol::kDns4:
            family = IpFamily::kV4;
            break;
        case Protocol::kDns6:
            family = IpFamily::kV6;
            break;
        default:
            return std::nullopt;
    }
    return TcpTarget{std::string(reinterpret_cast<const char*>(host.value.data()), host.value.size()),
                     port_of(port), family};
}

std::optional<tcp::endpoint> tcp_listen_endpoint(const Multiaddr& addr) {
    if (addr.has(Protocol::kP2p)) return std::nullopt;
    const auto parts = host_and_port(addr);
    if (!parts) return std::nullopt;
    const auto ip = ip_of(parts->first);
    if (!ip) return std::nullopt;
    return tcp::endpoint(*ip, port_of(parts->second));
}

Multiaddr to_multiaddr(const tcp::endpoint& endpoint) {
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    const std::string text = address.is_v4() ? "/ip4/" + format_ip4(address.to_v4().to_bytes())
                                             : "/ip6/" + format_ip6(address.to_v6().to_bytes());
    auto addr = Multiaddr::from_string(text + "/tcp/" + std::to_string(endpoint.port()));
    return addr ? *addr : Multiaddr{};
}

}  // namespace kitsunet::p2p
