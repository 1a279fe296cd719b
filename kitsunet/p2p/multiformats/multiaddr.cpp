// Skeleton: the implementation follows in the next commit.
#include "kitsunet/p2p/multiformats/multiaddr.hpp"

namespace kitsunet::p2p {

const ProtocolInfo* protocol_info(std::uint64_t) noexcept { return nullptr; }
const ProtocolInfo* protocol_info(std::string_view) noexcept { return nullptr; }
std::string Component::to_string() const { return {}; }
Component Multiaddr::Iterator::operator*() const noexcept { return {Protocol::kIp4, {}}; }
Multiaddr::Iterator& Multiaddr::Iterator::operator++() noexcept {
    pos_ = end_;
    return *this;
}
CodecResult<Multiaddr> Multiaddr::from_bytes(ByteView) {
    return std::unexpected(CodecError::kUnknownProtocol);
}
CodecResult<Multiaddr> Multiaddr::from_string(std::string_view) {
    return std::unexpected(CodecError::kUnknownProtocol);
}
CodecResult<Multiaddr> Multiaddr::from_component(Protocol, ByteView) {
    return std::unexpected(CodecError::kUnknownProtocol);
}
std::string Multiaddr::to_string() const { return "/"; }
std::size_t Multiaddr::size() const noexcept { return 0; }
std::optional<Component> Multiaddr::first(Protocol) const noexcept { return std::nullopt; }
std::optional<Component> Multiaddr::last(Protocol) const noexcept { return std::nullopt; }
std::optional<std::array<std::uint8_t, 4>> Multiaddr::ip4() const noexcept { return std::nullopt; }
std::optional<std::array<std::uint8_t, 16>> Multiaddr::ip6() const noexcept { return std::nullopt; }
std::optional<std::uint16_t> Multiaddr::tcp_port() const noexcept { return std::nullopt; }
std::optional<std::uint16_t> Multiaddr::udp_port() const noexcept { return std::nullopt; }
std::optional<std::string_view> Multiaddr::dns_name() const noexcept { return std::nullopt; }
std::optional<ByteView> Multiaddr::p2p() const noexcept { return std::nullopt; }
Multiaddr Multiaddr::encapsulate(const Multiaddr& inner) const {
    return Multiaddr{concat(bytes_, inner.bytes_)};
}
Multiaddr Multiaddr::decapsulate(const Multiaddr&) const { return *this; }
Multiaddr Multiaddr::decapsulate(Protocol) const { return *this; }

}  // namespace kitsunet::p2p

std::size_t std::hash<kitsunet::p2p::Multiaddr>::operator()(
    const kitsunet::p2p::Multiaddr& addr) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(addr.bytes().data()), addr.bytes().size()));
}
