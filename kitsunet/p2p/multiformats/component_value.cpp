#include "kitsunet/p2p/multiformats/component_value.hpp"

#include <algorithm>

#include "kitsunet/p2p/multiformats/ip_text.hpp"
#include "kitsunet/p2p/multiformats/multibase.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"
#include "kitsunet/p2p/multiformats/peer_id_format.hpp"

namespace kitsunet::p2p::detail {

namespace {

constexpr auto kBadValue = CodecError::kInvalidComponentValue;

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates, or code points past U+10FFFF).
bool is_utf8(ByteView s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const std::uint8_t b = s[i];
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xe0) == 0xc0) {
            extra = 1, cp = b & 0x1fu;
        } else if ((b & 0xf0) == 0xe0) {
            extra = 2, cp = b & 0x0fu;
        } else if ((b & 0xf8) == 0xf0) {
            extra = 3, cp = b & 0x07u;
        } else {
            return false;
        }
        if (s.size() - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = cp << 6 | (s[i + k] & 0x3fu);
        }
        constexpr std::uint32_t kMinOf[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMinOf[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += extra + 1;
    }
    return true;
}

/// A host name, SNI or zone: non-empty UTF-8 without '/' (which would split the text form).
bool is_name(ByteView s) noexcept { return !s.empty() && std::ranges::find(s, '/') == s.end() && is_utf8(s); }

bool is_name_protocol(Protocol p) noexcept {
    switch (p) {
        case Protocol::kDns:
        case Protocol::kDns4:
        case Protocol::kDns6:
        case Protocol::kDnsAddr:
        case Protocol::kSni:
        case Protocol::kIp6Zone:
            return true;
        default:
            return false;
    }
}

bool is_port_protocol(Protocol p) noexcept {
    return p == Protocol::kTcp || p == Protocol::kUdp || p == Protocol::kDccp || p == Protocol::kSctp;
}

/// Decimal without sign, spaces or leading zeros, at most `max`.
std::optional<std::uint32_t> parse_decimal(std::string_view text, std::uint32_t max) noexcept {
    if (text.empty() || text.size() > 10 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (value > max) return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

void append_text(Bytes& out, std::string_view text) {
    const ByteView b = as_bytes(text);
    out.insert(out.end(), b.begin(), b.end());
}

CodecResult<void> append_multihash_text(Protocol protocol, std::string_view text, Bytes& out) {
    auto mh = protocol == Protocol::kP2p ? peer_id_from_text(text) : multibase_decode(text);
    if (!mh) return std::unexpected(protocol == Protocol::kP2p ? mh.error() : kBadValue);
    if (auto ok = validate_value(protocol, *mh); !ok) return ok;
    out.insert(out.end(), mh->begin(), mh->end());
    return {};
}

std::uint32_t big_endian(ByteView v) noexcept {
    std::uint32_t n = 0;
    for (const std::uint8_t b : v) n = n << 8 | b;
    return n;
}

}  // namespace

CodecResult<void> validate_value(Protocol protocol, ByteView value) noexcept {
    if (is_name_protocol(protocol)) {
        if (!is_name(value)) return std::unexpected(kBadValue);
    } else if (protocol == Protocol::kP2p) {
        if (!validate_peer_id(value)) return std::unexpected(CodecError::kInvalidPeerId);
    } else if (protocol == Protocol::kCertHash) {
        if (!parse_multihash(value)) return std::unexpected(kBadValue);
    }
    return {};  // fixed-size values: every bit pattern is valid
}

CodecResult<void> append_value_from_text(Protocol protocol, std::string_view text, Bytes& out) {
    if (protocol == Protocol::kIp4) {
        const auto ip = parse_ip4(text);
        if (!ip) return std::unexpected(kBadValue);
        out.insert(out.end(), ip->begin(), ip->end());
    } else if (protocol == Protocol::kIp6) {
        const auto ip = parse_ip6(text);
        if (!ip) return std::unexpected(kBadValue);
        out.insert(out.end(), ip->begin(), ip->end());
    } else if (is_port_protocol(protocol) || protocol == Protocol::kIpCidr) {
        const bool port = protocol != Protocol::kIpCidr;
        const auto n = parse_decimal(text, port ? 0xffff : 0xff);
        if (!n) return std::unexpected(kBadValue);
        if (port) out.push_back(static_cast<std::uint8_t>(*n >> 8));
        out.push_back(static_cast<std::uint8_t>(*n));
    } else if (is_name_protocol(protocol)) {
        if (!is_name(as_bytes(text))) return std::unexpected(kBadValue);
        append_text(out, text);
    } else if (protocol == Protocol::kP2p || protocol == Protocol::kCertHash) {
        return append_multihash_text(protocol, text, out);
    }
    return {};
}

std::string value_to_text(Protocol protocol, ByteView value) {
    if (protocol == Protocol::kIp4) return format_ip4(Ip4Bytes{value[0], value[1], value[2], value[3]});
    if (protocol == Protocol::kIp6) {
        Ip6Bytes ip{};
        std::ranges::copy(value, ip.begin());
        return format_ip6(ip);
    }
    if (is_port_protocol(protocol) || protocol == Protocol::kIpCidr) return std::to_string(big_endian(value));
    if (is_name_protocol(protocol)) return {reinterpret_cast<const char*>(value.data()), value.size()};
    if (protocol == Protocol::kP2p) return peer_id_to_base58(value);
    if (protocol == Protocol::kCertHash) return multibase_encode(Multibase::kBase64Url, value);
    return {};
}

}  // namespace kitsunet::p2p::detail
