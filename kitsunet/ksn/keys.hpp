#pragma once
/// The key space of slice distribution (DESIGN §5): 256-bit keys compared by XOR distance.
///   slice key   K(prefix) = sha256("kitsunet:slice:" + prefix as lowercase hex text)
///   peer key    sha256(peer id bytes)             (the Kademlia DHT's key space)
///   virtual key sha256(peer key ‖ uint16_be(i))   (i = 1 … V-1; virtual key 0 is the peer key)
/// SHA-256 is libsodium's. All functions are pure and thread-safe.
#include <array>
#include <compare>
#include <cstdint>
#include <vector>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::ksn {

/// A 256-bit key as four big-endian 64-bit words: ordering and XOR as on the 32 bytes, faster.
struct Key256 {
    std::array<std::uint64_t, 4> words{};

    static Key256 from(const Hash& h) noexcept;
    Hash to_hash() const noexcept;

    /// Bit `i` counted from the most significant (0 … 255).
    bool bit(unsigned i) const noexcept { return ((words[i / 64] >> (63 - i % 64)) & 1U) != 0; }

    friend constexpr auto operator<=>(const Key256&, const Key256&) = default;
};

/// Index of the first bit where `a` and `b` differ, 256 when equal (the length of their common prefix).
unsigned common_prefix_bits(const Key256& a, const Key256& b) noexcept;

/// `key` with every bit from `bits` on set to zero (`fill` false) or one (`fill` true): the ends of
/// the range of keys that share its first `bits` bits. Precondition: bits <= 256.
Key256 with_low_bits(const Key256& key, unsigned bits, bool fill) noexcept;

/// SHA-256 of `data`.
Hash sha256(ByteView data) noexcept;

/// K(prefix) of DESIGN §5 (the text is slice::nibbles_to_text's: "0aa8").
/// Precondition: every element of `nibbles` is below 16.
Hash slice_key(ByteView nibbles);

/// The peer key: sha256 of the peer id's bytes (opaque here: a libp2p peer id's multihash bytes).
Hash peer_key(ByteView peer_id) noexcept;

/// Virtual key `index` of a peer whose peer key is `peer_key`: the peer key itself for index 0.
Hash virtual_key(const Hash& peer_key, std::uint16_t index) noexcept;

/// Largest prefix length the helpers below accept (16^6 = 16,777,216 prefixes).
inline constexpr unsigned kMaxPrefixLength = 6;

/// The nibbles of prefix number `index` among the 16^length prefixes of that length, in order
/// ("0000", "0001", …). Preconditions: length <= kMaxPrefixLength, index < 16^length.
Bytes prefix_nibbles(std::uint32_t index, unsigned length);

/// K(prefix) of every prefix of `length` nibbles, indexed as prefix_nibbles numbers them.
/// Precondition: length <= kMaxPrefixLength.
std::vector<Hash> all_slice_keys(unsigned length);

}  // namespace kitsunet::ksn
