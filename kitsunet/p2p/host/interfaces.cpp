#include "kitsunet/p2p/host/interfaces.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace kitsunet::p2p {

namespace asio = boost::asio;

std::vector<asio::ip::address> interface_addresses(bool v6) {
    std::vector<asio::ip::address> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
        if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0) continue;
        if (!v6 && i->ifa_addr->sa_family == AF_INET) {
            asio::ip::address_v4::bytes_type b;
            std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, b.size());
            out.emplace_back(asio::ip::address_v4(b));
        } else if (v6 && i->ifa_addr->sa_family == AF_INET6) {
            const auto* sa = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
            asio::ip::address_v6::bytes_type b;
            std::memcpy(b.data(), &sa->sin6_addr, b.size());
            const asio::ip::address_v6 a(b);
            if (!a.is_link_local()) out.emplace_back(a);  // link-local needs a zone: not dialable as is
        }
    }
    ::freeifaddrs(list);
    // Loopback first, each address once, otherwise in the system's order.
    std::vector<asio::ip::address> ordered;
    for (const bool loopback : {true, false})
        for (const auto& a : out)
            if (a.is_loopback() == loopback && std::ranges::find(ordered, a) == ordered.end())
                ordered.push_back(a);
    return ordered;
}

}  // namespace kitsunet::p2p
