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
    return a.lead != b.lead ? a.lead < b.lead : a.position < b.position;
}

std::size_t bucket_of(const HashIndex& index, std::uint64_t lead) noexcept {
    return index.shift >= 64 ? 0 : static_cast<std::size_t>(lead >> index.shift);
}

// A counting sort on the leading bits: counts per bucket, their running sums as bucket ends, each
// entry placed just below its bucket's end (which leaves starts[b] at the bucket's beginning);
// then the few entries of each bucket in order.
void sort_into_buckets(HashIndex& index) {
    const std::size_t n = index.by_position.size();
    const auto bits = static_cast<unsigned>(std::bit_width(n));
    index.shift = 64 - bits;
    const std::size_t buckets = std::size_t{1} << bits;
    index.starts.assign(buckets + 1, 0);
    for (const Hash& h : index.by_position) ++index.starts[bucket_of(index, lead_of(h))];
    for (std::size_t b = 1; b <= buckets; ++b) index.starts[b] += index.starts[b - 1];
    index.entries.resize(n);
    for (std::size_t i = n; i-- > 0;) {
        const std::uint64_t lead = lead_of(index.by_position[i]);
        index.entries[--index.starts[bucket_of(index, lead)]] = {lead, static_cast<std::uint32_t>(i)};
    }
    for (std::size_t b = 0; b < buckets; ++b)
        if (index.starts[b + 1] - index.starts[b] > 1)
            std::sort(index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[b]),
                      index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[b + 1]), before);
}

// Two equal items have equal hashes, hence equal leads: only entries within a run of one lead
// compare (runs of more than one are rare: 64-bit collisions).
bool has_duplicate(const HashIndex& index) noexcept {
    const auto& e = index.entries;
    for (std::size_t run = 0; run < e.size();) {
        std::size_t end = run + 1;
        while (end < e.size() && e[end].lead == e[run].lead) ++end;
        for (std::size_t i = run; i < end; ++i)
            for (std::size_t j = i + 1; j < end; ++j)
                if (index.by_position[e[i].position] == index.by_position[e[j].position]) return true;
        run = end;
    }
    return false;
}

}  // namespace

Result<HashIndex> index_by_hash(const std::vector<Bytes>& items) {
    HashIndex index;
    index.by_position.reserve(items.size());
    for (const Bytes& item : items) index.by_position.push_back(keccak256(item));
    sort_into_buckets(index);
    if (has_duplicate(index)) return std::unexpected(Errc::kSliceDuplicate);
    return index;
}

const std::uint32_t* find_in(const HashIndex& index, const Hash& hash) noexcept {
    if (index.entries.empty()) return nullptr;
    const std::uint64_t lead = lead_of(hash);
    const std::size_t bucket = bucket_of(index, lead);
    const auto last = index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[bucket + 1]);
    auto it =
        std::lower_bound(index.entries.begin() + static_cast<std::ptrdiff_t>(index.starts[bucket]), last,
                         lead, [](const HashIndexEntry& e, std::uint64_t l) { return e.lead < l; });
    for (; it != last && it->lead == lead; ++it)
        if (index.by_position[it->position] == hash) return &it->position;
    return nullptr;
}

}  // namespace kitsunet::slice::detail
