#include "kitsunet/ksn/distribution_sim.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::ksn {

Assignment assign(const Distribution& distribution, std::span<const Hash> slice_keys) {
    Assignment out(slice_keys.size());
    for (std::size_t i = 0; i < slice_keys.size(); ++i) distribution.responsible(slice_keys[i], out[i]);
    return out;
}

LoadSummary summarize_load(const Distribution& distribution, const Assignment& assignment) {
    std::vector<std::uint64_t> load;
    std::uint64_t total = 0;
    for (const auto& peers : assignment) {
        for (const auto slot : peers) {
            if (slot >= load.size()) load.resize(slot + 1);
            ++load[slot];
            ++total;
        }
    }
    LoadSummary s;
    if (distribution.peer_count() == 0) return s;
    s.min = ~std::uint64_t{0};
    for (Distribution::Slot slot = 0; slot < distribution.slot_limit(); ++slot) {
        if (!distribution.live(slot)) continue;
        const std::uint64_t l = slot < load.size() ? load[slot] : 0;
        s.max = std::max(s.max, l);
        s.min = std::min(s.min, l);
    }
    s.mean = static_cast<double>(total) / static_cast<double>(distribution.peer_count());
    return s;
}

Movement compare(const Assignment& before, const Assignment& after) {
    KITSUNET_ASSERT(before.size() == after.size());
    std::size_t moved = 0;
    std::size_t total = 0;
    std::size_t changed = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
        std::size_t fresh = 0;
        for (const auto slot : after[i])
            if (std::ranges::find(before[i], slot) == before[i].end()) ++fresh;
        moved += fresh;
        total += after[i].size();
        if (fresh > 0 || after[i].size() != before[i].size()) ++changed;
    }
    const auto share = [](std::size_t n, std::size_t of) {
        return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
    };
    return {share(moved, total), share(changed, after.size())};
}

std::vector<Bytes> random_peer_ids(std::size_t count, std::uint64_t seed) {
    // 0x00 0x24: identity multihash of 36 bytes; 0x08 0x01 0x12 0x20: protobuf PublicKey{Ed25519, 32 bytes}.
    static constexpr std::uint8_t kHead[] = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};
    std::mt19937_64 rng(seed);
    std::vector<Bytes> ids;
    ids.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Bytes id(std::begin(kHead), std::end(kHead));
        for (int w = 0; w < 4; ++w) {
            const std::uint64_t r = rng();
            for (int b = 0; b < 8; ++b) id.push_back(static_cast<std::uint8_t>(r >> (8 * b)));
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

namespace {

ChurnResult churn_result(std::size_t peers, const Assignment& before, const Assignment& after, double ideal) {
    return {peers, compare(before, after), ideal};
}

}  // namespace

SimReport simulate(const SimParams& params) {
    KITSUNET_ASSERT(params.peers >= 1 && params.prefix_length <= kMaxPrefixLength);
    KITSUNET_ASSERT(params.churn >= 0 && params.churn < 1);
    const std::vector<Hash> keys = all_slice_keys(params.prefix_length);
    const auto churned =
        static_cast<std::size_t>(std::ceil(params.churn * static_cast<double>(params.peers)));
    const std::vector<Bytes> ids = random_peer_ids(params.peers + churned, params.seed);

    Distribution base(params.distribution);
    base.add_peers(std::span(ids).first(params.peers));
    const Assignment before = assign(base, keys);

    SimReport report;
    report.slices = keys.size();
    report.load = summarize_load(base, before);

    Distribution joined = base;
    joined.add_peers(std::span(ids).subspan(params.peers));
    const double n = static_cast<double>(params.peers);
    const double k = static_cast<double>(churned);
    report.join = churn_result(churned, before, assign(joined, keys), k / (n + k));

    // The ids are random: the first ones leaving are as good a sample as any.
    Distribution left = base;
    for (std::size_t i = 0; i < churned && i + 1 < params.peers; ++i) left.remove_peer(ids[i]);
    report.leave = churn_result(churned, before, assign(left, keys), k / n);
    return report;
}

}  // namespace kitsunet::ksn
