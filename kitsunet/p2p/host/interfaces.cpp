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
    std::ranges::stable_partition(out, [](const asio::ip::address& a) { return a.is_loopback(); });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace kitsunet::p2p
