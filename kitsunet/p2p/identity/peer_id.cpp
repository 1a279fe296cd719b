#include "kitsunet/p2p/identity/peer_id.hpp"

#include <algorithm>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/identity/key_algorithms.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"

namespace kitsunet::p2p {

CodecResult<PeerId> PeerId::from_bytes(ByteView multihash) noexcept {
    if (auto ok = validate_peer_id(multihash); !ok) return std::unexpected(ok.error());
    PeerId id;
    std::ranges::copy(multihash, id.bytes_.begin());
    id.size_ = static_cast<std::uint8_t>(multihash.size());
    return id;
}

CodecResult<PeerId> PeerId::from_string(std::string_view text) {
    auto multihash = peer_id_from_text(text);
    if (!multihash) return std::unexpected(multihash.error());
    return from_bytes(*multihash);
}

PeerId PeerId::from_public_key(const PublicKey& key) {
    const Bytes serialized = key.to_protobuf();
    PeerId id;
    if (serialized.size() <= kMaxInlineKeyLength) {
        id.bytes_[0] = static_cast<std::uint8_t>(MultihashCode::kIdentity);
        id.bytes_[1] = static_cast<std::uint8_t>(serialized.size());  // < 0x80: a one-byte varint
        std::ranges::copy(serialized, id.bytes_.begin() + 2);
        id.size_ = static_cast<std::uint8_t>(2 + serialized.size());
    } else {
        const Hash digest = detail::sha256(serialized);
        id.bytes_[0] = static_cast<std::uint8_t>(MultihashCode::kSha2_256);
        id.bytes_[1] = static_cast<std::uint8_t>(digest.size());
        std::ranges::copy(digest.bytes, id.bytes_.begin() + 2);
        id.size_ = static_cast<std::uint8_t>(2 + digest.size());
    }
    return id;
}

std::string PeerId::to_string() const { return peer_id_to_base58(bytes()); }
std::string PeerId::to_cid_string() const { return peer_id_to_cid_text(bytes()); }

CodecResult<PublicKey> PeerId::public_key() const {
    if (!has_inline_key()) return std::unexpected(CodecError::kNoInlineKey);
    return PublicKey::from_protobuf(bytes().subspan(2));
}

bool PeerId::matches(const PublicKey& key) const { return from_public_key(key) == *this; }

std::optional<PeerId> peer_id_of(const Multiaddr& addr) {
    auto multihash = addr.p2p();
    if (!multihash) return std::nullopt;
    auto id = PeerId::from_bytes(*multihash);
    KITSUNET_ASSERT(id.has_value());  // a Multiaddr holds only valid /p2p values
    return *id;
}

Multiaddr with_peer_id(const Multiaddr& addr, const PeerId& id) {
    auto p2p = Multiaddr::from_component(Protocol::kP2p, id.bytes());
    KITSUNET_ASSERT(p2p.has_value());
    return addr.encapsulate(*p2p);
}

}  // namespace kitsunet::p2p

std::size_t std::hash<kitsunet::p2p::PeerId>::operator()(const kitsunet::p2p::PeerId& id) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(id.bytes().data()), id.bytes().size()));
}
