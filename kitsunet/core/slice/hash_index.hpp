#pragma once
/// Internal to core/slice: items (nodes, codes) indexed by their keccak-256, in a sorted vector
/// rather than a hash table, so that forged input cannot force collisions.
#include <cstdint>
#include <utility>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet::slice::detail {

/// (keccak256(item), position of the item), sorted by hash.
using HashIndex = std::vector<std::pair<Hash, std::uint32_t>>;

/// Indexes `items`, hashing each once. Errors: kSliceDuplicate when two items are equal.
Result<HashIndex> index_by_hash(const std::vector<Bytes>& items);

/// The position of the item with hash `hash`, or nullptr.
const std::uint32_t* find_in(const HashIndex& index, const Hash& hash) noexcept;

}  // namespace kitsunet::slice::detail
