#include "kitsunet/core/slice/hash_index.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"

namespace kitsunet::slice::detail {

Result<HashIndex> index_by_hash(const std::vector<Bytes>& items) {
    HashIndex index;
    index.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        index.emplace_back(keccak256(items[i]), static_cast<std::uint32_t>(i));
    std::ranges::sort(index, {}, &HashIndex::value_type::first);
    const auto duplicate = std::ranges::adjacent_find(index, {}, &HashIndex::value_type::first);
    if (duplicate != index.end()) return std::unexpected(Errc::kSliceDuplicate);
    return index;
}

const std::uint32_t* find_in(const HashIndex& index, const Hash& hash) noexcept {
    const auto found = std::ranges::lower_bound(index, hash, {}, &HashIndex::value_type::first);
    return found != index.end() && found->first == hash ? &found->second : nullptr;
}

}  // namespace kitsunet::slice::detail
