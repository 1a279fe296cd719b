#pragma once
/// IP address text, strictly: what multiaddr's ip4 and ip6 values accept and write.
/// ip4: four decimal octets 0..255 without leading zeros ("10.0.0.1"; "010.0.0.1" is refused).
/// ip6: RFC 4291 §2.2 text (1..4 hex digits per group in either case, at most one "::" standing
/// for one or more zero groups, an optional dotted ip4 tail; no zone), written back in RFC 5952
/// §4 form (lowercase, no leading zeros, the longest run of two or more zero groups as "::",
/// the first on a tie; no dotted tail: "::ffff:102:304", as js-multiaddr writes it).
/// Pure, thread-safe.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kitsunet::p2p {

using Ip4Bytes = std::array<std::uint8_t, 4>;
using Ip6Bytes = std::array<std::uint8_t, 16>;

std::optional<Ip4Bytes> parse_ip4(std::string_view text) noexcept;
std::optional<Ip6Bytes> parse_ip6(std::string_view text) noexcept;
std::string format_ip4(const Ip4Bytes& ip);
std::string format_ip6(const Ip6Bytes& ip);

}  // namespace kitsunet::p2p
