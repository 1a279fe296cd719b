#pragma once
/// This machine's IP addresses (up interfaces), to expand a listen address like 0.0.0.0.
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace kitsunet::p2p {

/// IPv4 (or IPv6 when `v6`) addresses of the interfaces that are up; loopback first.
std::vector<boost::asio::ip::address> interface_addresses(bool v6);

}  // namespace kitsunet::p2p
