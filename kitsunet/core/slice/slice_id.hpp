#pragma once
/// SliceId: which slice of which trie (DESIGN §4). A slice is the subtree of a state or storage trie
/// under a nibble-path prefix, down to `depth` node levels below its head. Text form (compatible
/// with the original kitsunet): `<prefix hex>-<depth>-<root hex>`, plus `-<owner hex>` for a
/// storage slice; `<prefix>-<depth>` (group()) names the same slice across roots. Binary form: the
/// RLP list [hex-prefix(prefix), depth, root] (+ owner for a storage slice).
/// Value type; all functions are pure and thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/trie/nibbles.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::slice {

/// Nibbles in a key of the state and storage tries (32-byte keccak-256 keys).
inline constexpr std::size_t kKeyNibbles = 64;
/// The prefix length kitsunet distributes by default: 65,536 state slices.
inline constexpr std::size_t kDefaultPrefixLength = 4;
/// A depth that reaches the leaves of every trie with 32-byte keys: below a head at nibble p no
/// node lies more than 64 - p levels deep.
inline constexpr std::uint8_t kFullDepth = 64;

struct SliceId {
    Hash root{trie::kEmptyRoot};        ///< the state root, or the storage root of `storage_owner`
    trie::Nibbles prefix;               ///< at most kKeyNibbles nibbles, each below 16
    std::uint8_t depth{kFullDepth};     ///< node levels below the head included; at most kFullDepth
    std::optional<Hash> storage_owner;  ///< keccak256(address) of the account, for a storage slice

    bool is_storage() const noexcept { return storage_owner.has_value(); }

    /// `<prefix>-<depth>-<root>[-<owner>]`, lowercase hex without 0x.
    std::string to_string() const;
    /// `<prefix>-<depth>`: the slice group, the same prefix and depth at any root.
    std::string group() const;
    /// Parses the text form (hex of either case; "0x" before root and owner allowed; an empty
    /// prefix is allowed, as in "-64-<root>"). Errors: kSliceInvalidId.
    static Result<SliceId> parse(std::string_view text) noexcept;

    friend bool operator==(const SliceId&, const SliceId&) = default;
};

/// Checks the invariants above (prefix nibbles < 16 and length <= kKeyNibbles, depth <=
/// kFullDepth). Errors: kSliceInvalidId.
Status validate(const SliceId& id) noexcept;

/// The first `length` nibbles of `key` (a trie key such as keccak256(address)).
/// Precondition: length <= kKeyNibbles.
trie::Nibbles key_prefix(const Hash& key, std::size_t length = kDefaultPrefixLength);
/// The prefix of the slice holding `address`: the first nibbles of keccak256(address).
trie::Nibbles account_prefix(const Address& address, std::size_t length = kDefaultPrefixLength);
/// Whether `key` lies under `prefix`.
bool key_has_prefix(const Hash& key, ByteView prefix) noexcept;

/// Lowercase hex text of nibbles, one digit each ("0aa8"). Precondition: nibbles below 16.
std::string nibbles_to_text(ByteView nibbles);
/// Hex digits (either case) as nibbles. Errors: kInvalidHexDigit.
Result<trie::Nibbles> nibbles_from_text(std::string_view text) noexcept;

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
std::size_t length(const slice::SliceId& id) noexcept;
void encode(Bytes& to, const slice::SliceId& id);
/// Reads one SliceId item from `from` and advances past it. Strict: a list of 3 or 4 items,
/// canonical RLP, a valid id (validate()). Errors: RLP errors, kSliceInvalidId.
Result<slice::SliceId> decode_slice_id(ByteView& from) noexcept;
}  // namespace kitsunet::rlp
