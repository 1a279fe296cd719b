#pragma once
/// Peer ids (libp2p specs, peer-ids.md): the multihash of a serialized PublicKey protobuf, the
/// identity multihash when it is at most 42 bytes (Ed25519, secp256k1: the key is inside the
/// id), else sha2-256 (RSA, ECDSA). Text: base58btc ("12D3KooW…" Ed25519, "16Uiu2…" secp256k1,
/// "Qm…" RSA) or the CIDv1 libp2p-key form ("bafz…"); both are parsed, base58btc is written.
///
/// A value type of at most 44 bytes held inline (no allocation): cheap to copy, hash and compare.
/// Always valid once constructed. Thread-safe for const access.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/multiformats/peer_id_format.hpp"

namespace kitsunet::p2p {

class PeerId {
  public:
    /// From multihash bytes (e.g. the /p2p value of a multiaddr, a DHT record). Errors:
    /// kInvalidPeerId.
    static CodecResult<PeerId> from_bytes(ByteView multihash) noexcept;
    /// From text (base58btc multihash or multibase CIDv1 libp2p-key). Errors: kInvalidPeerId,
    /// kWrongCodec.
    static CodecResult<PeerId> from_string(std::string_view text);
    /// The peer id of a public key.
    static PeerId from_public_key(const PublicKey& key);

    /// The multihash bytes (what goes on the wire and into /p2p).
    ByteView bytes() const noexcept { return {bytes_.data(), size_}; }
    /// base58btc of the multihash.
    std::string to_string() const;
    /// 'b' + base32 of the CIDv1 libp2p-key.
    std::string to_cid_string() const;

    /// Whether the public key is inside (identity multihash).
    bool has_inline_key() const noexcept { return bytes_[0] == 0x00; }
    /// The public key inside an identity peer id. Errors: kNoInlineKey (a sha2-256 id), or the
    /// errors of PublicKey::from_protobuf (an identity id whose digest is not a valid key).
    CodecResult<PublicKey> public_key() const;
    /// Whether `key` is the key of this peer id.
    bool matches(const PublicKey& key) const;

    friend bool operator==(const PeerId& a, const PeerId& b) noexcept {
        return a.size_ == b.size_ && a.bytes_ == b.bytes_;
    }
    friend std::strong_ordering operator<=>(const PeerId& a, const PeerId& b) noexcept {
        return std::lexicographical_compare_three_way(a.bytes_.begin(), a.bytes_.begin() + a.size_,
                                                      b.bytes_.begin(), b.bytes_.begin() + b.size_);
    }

  private:
    PeerId() = default;
    std::array<std::uint8_t, kMaxPeerIdSize> bytes_{};  // zero past size_
    std::uint8_t size_{0};
};

/// The peer id of the last /p2p component of `addr`, if any.
std::optional<PeerId> peer_id_of(const Multiaddr& addr);
/// `addr` with "/p2p/<id>" appended.
Multiaddr with_peer_id(const Multiaddr& addr, const PeerId& id);

}  // namespace kitsunet::p2p

template <>
struct std::hash<kitsunet::p2p::PeerId> {
    std::size_t operator()(const kitsunet::p2p::PeerId& id) const noexcept;
};
