#pragma once
/// Multiaddr (multiformats/multiaddr): self-describing network addresses, a sequence of
/// components, each a protocol code (varint) and a value whose size the protocol fixes (ip4: 4
/// bytes, tcp: 2, ws: none) or gives as a varint length prefix (dns, p2p). Binary and text
/// ("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…") forms, both parsed strictly: a Multiaddr always
/// holds valid, canonical bytes, so its text and binary forms round-trip exactly.
///
/// Protocols (codes and sizes of the multicodec table): ip4, tcp, dccp, ip6, ip6zone, ipcidr,
/// dns, dns4, dns6, dnsaddr, sctp, udp, webrtc-direct, webrtc, p2p-circuit, p2p (text alias
/// "ipfs"), https, tls, sni, noise, quic, quic-v1, webtransport, certhash, ws, wss, http. Others
/// are refused (kUnknownProtocol): their value size would be unknown.
///
/// Value rules: ip4 dotted decimal without leading zeros; ip6 any RFC 4291 text (an embedded ip4
/// tail included), written back in RFC 5952 form; ports decimal 0..65535 without leading zeros;
/// dns/dns4/dns6/dnsaddr/sni/ip6zone non-empty UTF-8 without '/'; p2p a valid peer id (text:
/// base58btc or CIDv1, written back as base58btc); certhash a multihash (text: multibase, written
/// back as base64url).
///
/// Pure, no exceptions: parsing returns CodecResult. A Multiaddr is a value type (its bytes);
/// const access is thread-safe.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

enum class Protocol : std::uint32_t {
    kIp4 = 0x04,
    kTcp = 0x06,
    kDccp = 0x21,
    kIp6 = 0x29,
    kIp6Zone = 0x2a,
    kIpCidr = 0x2b,
    kDns = 0x35,
    kDns4 = 0x36,
    kDns6 = 0x37,
    kDnsAddr = 0x38,
    kSctp = 0x84,
    kUdp = 0x0111,
    kWebRtcDirect = 0x0118,
    kWebRtc = 0x0119,
    kP2pCircuit = 0x0122,
    kP2p = 0x01a5,
    kHttps = 0x01bb,
    kTls = 0x01c0,
    kSni = 0x01c1,
    kNoise = 0x01c6,
    kQuic = 0x01cc,
    kQuicV1 = 0x01cd,
    kWebTransport = 0x01d1,
    kCertHash = 0x01d2,
    kWs = 0x01dd,
    kWss = 0x01de,
    kHttp = 0x01e0,
};

/// What the multicodec table says of a protocol.
struct ProtocolInfo {
    Protocol protocol;
    std::string_view name;
    int value_size;  ///< bytes of a fixed-size value (0: none), or kVariableSize
};
inline constexpr int kVariableSize = -1;

/// The table entry of `protocol`, or nullptr for a code we do not know.
const ProtocolInfo* protocol_info(std::uint64_t code) noexcept;
/// The table entry named `name` ("ipfs" is an alias of p2p), or nullptr.
const ProtocolInfo* protocol_info(std::string_view name) noexcept;

/// One component of a multiaddr: its protocol and its binary value (borrowed from the
/// multiaddr; empty for value-less protocols).
struct Component {
    Protocol protocol;
    ByteView value;

    /// The text form of this component, e.g. "/tcp/4001" or "/ws".
    std::string to_string() const;
};

class Multiaddr {
  public:
    /// Forward iteration over the components, in order.
    class Iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Component;
        using difference_type = std::ptrdiff_t;

        Iterator() = default;
        Component operator*() const noexcept;
        Iterator& operator++() noexcept;
        Iterator operator++(int) noexcept {
            auto old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(const Iterator& a, const Iterator& b) noexcept { return a.pos_ == b.pos_; }

      private:
        friend class Multiaddr;
        explicit Iterator(ByteView rest) noexcept : pos_(rest.data()), end_(rest.data() + rest.size()) {}
        const std::uint8_t* pos_{nullptr};
        const std::uint8_t* end_{nullptr};
    };

    /// The empty multiaddr (no components; text "/").
    Multiaddr() = default;

    /// Parses the binary form. Errors: kUnknownProtocol, kTruncated, varint errors,
    /// kInvalidComponentValue, kInvalidPeerId (a /p2p value that is not a peer id).
    static CodecResult<Multiaddr> from_bytes(ByteView bytes);
    /// Parses the text form ("/" is the empty multiaddr; one trailing '/' is tolerated).
    /// Errors: kInvalidMultiaddrText, kUnknownProtocol, kInvalidComponentValue, kInvalidPeerId.
    static CodecResult<Multiaddr> from_string(std::string_view text);
    /// A one-component multiaddr from a binary value, validated as from_bytes would.
    static CodecResult<Multiaddr> from_component(Protocol protocol, ByteView value);

    /// The canonical binary form.
    ByteView bytes() const noexcept { return bytes_; }
    /// The canonical text form ("/" when empty).
    std::string to_string() const;

    bool empty() const noexcept { return bytes_.empty(); }
    Iterator begin() const noexcept { return Iterator{bytes_}; }
    Iterator end() const noexcept { return Iterator{ByteView{bytes_}.subspan(bytes_.size())}; }
    /// Number of components.
    std::size_t size() const noexcept;

    /// The first / last component of `protocol`, if any.
    std::optional<Component> first(Protocol protocol) const noexcept;
    std::optional<Component> last(Protocol protocol) const noexcept;
    /// Whether any component is of `protocol`.
    bool has(Protocol protocol) const noexcept { return first(protocol).has_value(); }

    /// The value of the first ip4 / ip6 component.
    std::optional<std::array<std::uint8_t, 4>> ip4() const noexcept;
    std::optional<std::array<std::uint8_t, 16>> ip6() const noexcept;
    /// The port of the first tcp / udp component.
    std::optional<std::uint16_t> tcp_port() const noexcept;
    std::optional<std::uint16_t> udp_port() const noexcept;
    /// The host name of the first dns, dns4, dns6 or dnsaddr component.
    std::optional<std::string_view> dns_name() const noexcept;
    /// The multihash bytes of the last /p2p component (the peer the address leads to; earlier
    /// ones name relays). identity/peer_id.hpp turns it into a PeerId.
    std::optional<ByteView> p2p() const noexcept;

    /// `*this` followed by `inner` ("/ip4/…/tcp/1" + "/ws" → "/ip4/…/tcp/1/ws").
    Multiaddr encapsulate(const Multiaddr& inner) const;
    /// `*this` up to (excluding) the last occurrence of `suffix` as a component sequence;
    /// unchanged when `suffix` does not occur or is empty.
    Multiaddr decapsulate(const Multiaddr& suffix) const;
    /// `*this` up to (excluding) the last component of `protocol`; unchanged when absent.
    Multiaddr decapsulate(Protocol protocol) const;

    friend bool operator==(const Multiaddr&, const Multiaddr&) = default;
    friend std::strong_ordering operator<=>(const Multiaddr& a, const Multiaddr& b) noexcept {
        return a.bytes_ <=> b.bytes_;
    }

  private:
    explicit Multiaddr(Bytes bytes) noexcept : bytes_(std::move(bytes)) {}
    Bytes bytes_;
};

}  // namespace kitsunet::p2p

template <>
struct std::hash<kitsunet::p2p::Multiaddr> {
    std::size_t operator()(const kitsunet::p2p::Multiaddr& addr) const noexcept;
};
