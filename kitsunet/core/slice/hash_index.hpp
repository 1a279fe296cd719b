#pragma once
/// Internal to core/slice: items (nodes, codes) indexed by their keccak-256. Not a hash table, so
/// that forged input cannot force collisions: entries sorted by the hash's leading 8 bytes, plus a
/// directory of where each range of leading bits starts (about one entry per range, since hashes
/// are uniform; a range an attacker fills costs a binary search within it, never more).
#include <cstdint>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet::slice::detail {

struct HashIndexEntry {
    std::uint64_t lead;      ///< the hash's first 8 bytes, big-endian
    std::uint32_t position;  ///< of the item in its list
};

struct HashIndex {
    std::vector<Hash> by_position;        ///< the hash of each item, in list order
    std::vector<HashIndexEntry> entries;  ///< sorted by lead (then position)
    std::vector<std::uint32_t> starts;    ///< entries with lead >> shift == b begin at starts[b]
    unsigned shift{64};
};

/// Indexes `items`, hashing each once. Errors: kSliceDuplicate when two items are equal.
Result<HashIndex> index_by_hash(const std::vector<Bytes>& items);

/// The position of the item with hash `hash`, or nullptr.
const std::uint32_t* find_in(const HashIndex& index, const Hash& hash) noexcept;

}  // namespace kitsunet::slice::detail
