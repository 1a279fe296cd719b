#pragma once
/// The store's on-disk format: how keys and values of each RocksDB column family are laid out.
/// Internal to the store (public for its tests and its fuzz target). Pure and thread-safe; every
/// decoder is strict (whatever decodes re-encodes to the same bytes) and never trusts a length.
///
///   column family  key                               value
///   nodes          keccak(rlp)                       the node's RLP
///   codes          keccak(code)                      the code
///   refs           kind ‖ hash (kind 0 node, 1 code)  RefCount: slices referencing it, its size
///   slices         root ‖ group key                  SliceRecord
///   groups         group key                         GroupEntry: the group's latest root
///   roots          root                              u64 BE: the newest block number stored with it
///   ages           u64 BE number ‖ root              (empty): roots prune must look at, oldest first
///   headers        block hash                        the header's RLP
///   numbers        u64 BE number                     block hash (the canonical chain)
///   default        "format", "counters"              kFormatVersion, Counters
/// group key = 0x00 (state) | 0x01 ‖ owner (storage) ‖ depth ‖ nibble count ‖ packed nibbles
/// (high nibble first, an odd count padded with a zero nibble), so the slices of one root are one
/// key range and every key names its slice.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/slice/slice_id.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::store::format {

inline constexpr std::string_view kFormatVersion = "kitsunet-store/1";

/// The group key of `id` (root left out). Precondition: slice::validate(id).
Bytes group_key(const slice::SliceId& id);
/// The slices key of `id`: root ‖ group key.
Bytes slice_key(const slice::SliceId& id);
/// The id named by a slices key. Errors: kWrongLength, kSliceInvalidId.
Result<slice::SliceId> decode_slice_key(ByteView key) noexcept;
/// The id named by a group key, with root `root`. Errors: as decode_slice_key.
Result<slice::SliceId> decode_group_key(ByteView key, const Hash& root) noexcept;

/// What the store keeps of a slice: the hashes of its nodes (in the table `nodes`) and codes, in
/// the slice's own order, so that the slice comes back exactly as it was put.
struct SliceRecord {
    std::vector<Hash> stem;
    trie::NodeRef head;  ///< by hash, embedded (RLP shorter than 32 bytes), or empty
    std::vector<Hash> nodes;
    std::vector<Hash> codes;

    friend bool operator==(const SliceRecord&, const SliceRecord&) = default;
};
/// The nodes a record names (stem, head when hashed, nodes) and the codes, each once, sorted: what
/// the record's share of the reference counts covers.
std::vector<Hash> referenced_nodes(const SliceRecord& record);
std::vector<Hash> referenced_codes(const SliceRecord& record);

/// RLP [stem hashes, head, node hashes, code hashes]; each hash list one string of 32-byte hashes.
Bytes encode_record(const SliceRecord& record);
/// Errors: RLP errors, kWrongLength (a hash list not a multiple of 32), kInvalidNode (head).
Result<SliceRecord> decode_record(ByteView value);

/// How many stored slices reference a node or code, and its size (to account for it when freed).
struct RefCount {
    std::uint32_t count{0};
    std::uint32_t size{0};
    friend bool operator==(const RefCount&, const RefCount&) = default;
};
enum class RefKind : std::uint8_t { kNode = 0, kCode = 1 };
Bytes ref_key(RefKind kind, const Hash& hash);
/// Errors: kWrongLength, kInvalidArgument (an unknown kind).
Result<std::pair<RefKind, Hash>> decode_ref_key(ByteView key) noexcept;
/// 8 bytes: count, size (u32 LE each).
Bytes encode_ref(RefCount ref);
/// Errors: kWrongLength.
Result<RefCount> decode_ref(ByteView value) noexcept;

/// The latest root of a slice group and the block number it was stored with.
struct GroupEntry {
    Hash root;
    std::uint64_t number{0};
    friend bool operator==(const GroupEntry&, const GroupEntry&) = default;
};
/// 40 bytes: root ‖ u64 BE number.
Bytes encode_group(const GroupEntry& entry);
/// Errors: kWrongLength.
Result<GroupEntry> decode_group(ByteView value) noexcept;

/// Big-endian u64 (keys sort by number).
Bytes encode_number(std::uint64_t number);
/// Errors: kWrongLength.
Result<std::uint64_t> decode_number(ByteView bytes) noexcept;

/// An ages key: number ‖ root.
Bytes age_key(std::uint64_t number, const Hash& root);
/// Errors: kWrongLength.
Result<std::pair<std::uint64_t, Hash>> decode_age_key(ByteView key) noexcept;

/// Store-wide totals, updated in the batch of every change. `usage` is the store's logical size:
/// the sizes of the keys and values of every entry outside `default` (what the quota bounds).
struct Counters {
    std::uint64_t usage{0};
    std::uint64_t slices{0};
    std::uint64_t nodes{0};
    std::uint64_t codes{0};
    std::uint64_t headers{0};
    friend bool operator==(const Counters&, const Counters&) = default;
};
/// RLP [usage, slices, nodes, codes, headers].
Bytes encode_counters(const Counters& c);
/// Errors: RLP errors, kListLengthMismatch.
Result<Counters> decode_counters(ByteView value);

}  // namespace kitsunet::store::format
