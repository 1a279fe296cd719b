#include "kitsunet/core/slice/hash_index.hpp"

#include <algorithm>
#include <bit>

#include "kitsunet/core/keccak.hpp"

namespace kitsunet::slice::detail {
namespace {

std::uint64_t lead_of(const Hash& h) noexcept {
    std::uint64_t lead = 0;
    for (std::size_t i = 0; i < 8; ++i) lead = lead << 8 | h.bytes[i];
    return lead;
}

bool before(const HashIndexEntry& a, const HashIndexEntry& b) noexcept {
    return a.lead != b.lead ? a.lead < b.lead : a.hash < b.hash;
}

std::size_t bucket_of(const HashIndex& index, std::uint64_t lead) noexcept {
    return index.shift >= 64 ? 0 : static_cast<std::size_t>(lead >> index.shift);
}

// Distributes the entries into their buckets (a counting sort on the leading bits), then sorts
// each bucket.
void sort_into_buckets(HashIndex& index) {
    const std::size_t n = index.entries.size();
    const unsigned bits = static_cast<unsigned>(std::bit_width(n));
    index.shift = 64 - bits;
    index.starts.assign((std::size_t{1} << bits) + 1, 0);
    for (const auto& e : index.entries) ++index.starts[bucket_of(index, e.lead) + 1];
    for (std::size_t b = 1; b < index.starts.size(); ++b) index.starts[b] += index.starts[b - 1];
    std::vector<HashIndexEntry> sorted(n);
    std::vector<std::uint32_t> next(index.starts.begin(), index.starts.end() - 1);
    for (const auto& e : index.entries) sorted[next[bucket_of(index, e.lead)]++] = e;
    for (std::size_t b = 0; b + 1 < index.starts.size(); ++b)
        std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(index.starts[b]),
                  sorted.begin() + static_cast<std::ptrdiff_t>(index.starts[b + 1]), before);
    index.entries = std::move(sorted);
}

}  // namespace

Result<HashIndex> index_by_hash(const std::vector<Bytes>& items) {
    HashIndex index;
    index.entries.reserve(items.size());
    index.by_position.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Hash& hash = index.by_position.emplace_back(keccak256(items[i]));
        index.entries.push_back({lead_of(hash), hash, static_cast<std::uint32_t>(i)});
    }
    sort_into_buckets(index);
    const auto duplicate =
        std::ranges::adjacent_find(index.entries, [](const HashIndexEntry& a, const HashIndexEntry& b) {
            return a.lead == b.lead && a.hash == b.hash;
        });
    if (duplicate != index.entries.end()) return std::unexpected(Errc::kSliceDuplicate);
    return index;
}

const std::uint32_t* find_in(const HashIndex& index, const Hash& hash) noexcept {
    if (index.entries.empty()) return nullptr;
    const HashIndexEntry key{lead_of(hash), hash, 0};
    const std::size_t bucket = bucket_of(index, key.lead);
    const auto first = index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[bucket]);
    const auto last = index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[bucket + 1]);
    const auto found = std::lower_bound(first, last, key, before);
    return found != last && found->hash == hash ? &found->position : nullptr;
}

}  // namespace kitsunet::slice::detail
