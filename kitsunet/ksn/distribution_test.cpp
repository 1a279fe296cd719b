// Who serves what (DESIGN §5): the fast lookup against a brute-force reference, independence from
// the order of arrival, minimal movement on join and leave, storage radii, and the load goal.
#include "kitsunet/ksn/distribution.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/slice/slice_id.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "kitsunet/ksn/distribution_sim.hpp"

namespace kitsunet::ksn {
namespace {

using Ids = std::vector<Bytes>;

Key256 distance(const Hash& a, const Hash& b) {
    Key256 d = Key256::from(a);
    const Key256 kb = Key256::from(b);
    for (std::size_t w = 0; w < 4; ++w) d.words[w] ^= kb.words[w];
    return d;
}

struct RefPeer {
    Bytes id;
    unsigned depth{kNoStorageRadius};
};

// The definition of DESIGN §5, written as plainly as possible: every virtual key of every peer.
Ids reference(const std::vector<RefPeer>& peers, const DistributionParams& params, const Hash& slice) {
    std::vector<std::pair<Key256, std::size_t>> nearest;  // (distance of the peer's nearest key, peer)
    for (std::size_t i = 0; i < peers.size(); ++i) {
        Key256 best{{~0ULL, ~0ULL, ~0ULL, ~0ULL}};
        for (std::uint16_t v = 0; v < params.virtual_nodes; ++v)
            best = std::min(best, distance(virtual_key(peer_key(peers[i].id), v), slice));
        nearest.emplace_back(best, i);
    }
    std::ranges::sort(nearest);
    Ids out;
    for (std::size_t i = 0; i < std::min(params.replicas, nearest.size()); ++i)
        out.push_back(peers[nearest[i].second].id);
    std::vector<std::tuple<unsigned, Hash, Bytes>> radius;
    for (const auto& p : peers) {
        const Hash key = peer_key(p.id);
        if (p.depth <= 256 && common_prefix_bits(Key256::from(key), Key256::from(slice)) >= p.depth &&
            std::ranges::find(out, p.id) == out.end())
            radius.emplace_back(p.depth, key, p.id);
    }
    std::ranges::sort(radius);
    for (const auto& r : radius) out.push_back(std::get<2>(r));
    return out;
}

Ids ids_of(const Distribution& d, const std::vector<Distribution::Slot>& slots) {
    Ids out;
    for (const auto s : slots) out.emplace_back(d.peer_id(s).begin(), d.peer_id(s).end());
    return out;
}

std::size_t shared_count(const Ids& a, const Ids& b) {
    return static_cast<std::size_t>(
        std::ranges::count_if(a, [&](const Bytes& id) { return std::ranges::find(b, id) != b.end(); }));
}

Ids responsible_ids(const Distribution& d, const Hash& slice) { return ids_of(d, d.responsible(slice)); }

TEST(Distribution, AgreesWithBruteForceReference) {
    const DistributionParams params{.replicas = 3, .virtual_nodes = 8};
    const Ids ids = random_peer_ids(60, 5);
    std::vector<RefPeer> peers;
    Distribution d(params);
    std::mt19937_64 rng(3);
    for (const auto& id : ids) {
        // A few peers with storage radii of various depths (depth 3: about 1/8 of the key space).
        const unsigned depth = rng() % 6 == 0 ? static_cast<unsigned>(1 + rng() % 5) : kNoStorageRadius;
        peers.push_back({id, depth});
        d.add_peer(id, depth);
    }
    for (int round = 0; round < 3; ++round) {
        for (std::uint32_t p = 0; p < 256; ++p) {
            const Hash slice = slice_key(prefix_nibbles(p, 2));
            const Ids got = responsible_ids(d, slice);
            ASSERT_EQ(got, reference(peers, params, slice))
                << "prefix " << slice::nibbles_to_text(prefix_nibbles(p, 2));
            for (const auto& id : ids) {
                const auto slot = d.find(id);
                if (!slot) continue;
                EXPECT_EQ(d.serves(*slot, slice), std::ranges::find(got, id) != got.end());
            }
        }
        // Churn, then check again: removals, re-adds with other depths, slot reuse.
        for (int i = 0; i < 10; ++i) {
            const std::size_t victim = rng() % peers.size();
            ASSERT_TRUE(d.remove_peer(peers[victim].id));
            peers.erase(peers.begin() + static_cast<std::ptrdiff_t>(victim));
        }
        for (std::size_t i = 0; i < peers.size(); i += 7) {
            peers[i].depth = static_cast<unsigned>(rng() % 4);
            d.add_peer(peers[i].id, peers[i].depth);
        }
    }
}

// A random configuration for the property tests: peer count, R, V, and some storage radii.
struct Config {
    DistributionParams params;
    Ids ids;
    std::vector<unsigned> depths;  // by peer; kNoStorageRadius for most
};

Config random_config(std::mt19937_64& rng) {
    Config c;
    c.params = {.replicas = 1 + rng() % 6, .virtual_nodes = static_cast<std::uint16_t>(16u << (rng() % 4))};
    c.ids = random_peer_ids(2 + rng() % 300, rng());
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        c.depths.push_back(rng() % 10 == 0 ? static_cast<unsigned>(2 + rng() % 6) : kNoStorageRadius);
    return c;
}

Distribution build(const Config& c, const std::vector<std::size_t>& order) {
    Distribution d(c.params);
    for (const auto i : order) d.add_peer(c.ids[i], c.depths[i]);
    return d;
}

std::vector<std::size_t> first_n(std::size_t n) {
    std::vector<std::size_t> out(n);
    std::iota(out.begin(), out.end(), std::size_t{0});
    return out;
}

// Property: the responsible peers of every slice are a function of the set of peers (with their
// storage depths) alone: any order of arrival, adding all at once, or leaving and coming back
// gives the same lists, in the same order.
TEST(Distribution, PropertyDeterministicWhateverTheOrderOfArrival) {
    std::mt19937_64 rng(4);
    const std::vector<Hash> keys = all_slice_keys(3);
    for (int trial = 0; trial < 12; ++trial) {
        const Config c = random_config(rng);
        SCOPED_TRACE("trial " + std::to_string(trial) + ": " + std::to_string(c.ids.size()) + " peers, R " +
                     std::to_string(c.params.replicas) + ", V " + std::to_string(c.params.virtual_nodes));
        const Distribution a = build(c, first_n(c.ids.size()));
        auto order = first_n(c.ids.size());
        std::ranges::shuffle(order, rng);
        Distribution b = build(c, order);
        const std::size_t back = order[rng() % order.size()];  // leaves and comes back
        ASSERT_TRUE(b.remove_peer(c.ids[back]));
        b.add_peer(c.ids[back], c.depths[back]);
        Distribution bulk(c.params);  // all at once, radii set afterwards
        bulk.add_peers(c.ids);
        for (std::size_t i = 0; i < c.ids.size(); ++i)
            if (c.depths[i] != kNoStorageRadius) bulk.add_peer(c.ids[i], c.depths[i]);
        for (const auto& key : keys) {
            const Ids expected = responsible_ids(a, key);
            ASSERT_EQ(responsible_ids(b, key), expected);
            ASSERT_EQ(responsible_ids(bulk, key), expected);
        }
    }
}

// Property (consistent hashing): a join only lets the new peer in, taking at most one peer out of
// each list; a leave only takes the leaving peer out, letting at most one peer in. Nothing else
// moves, and only about the changed peer's share of the lists changes (R/N, plus its radius).
TEST(Distribution, PropertyJoinsAndLeavesMoveOnlyTheChangedPeer) {
    std::mt19937_64 rng(21);
    const std::vector<Hash> keys = all_slice_keys(3);
    const auto missing = [](const Ids& from, const Ids& in) { return from.size() - shared_count(from, in); };
    for (int trial = 0; trial < 12; ++trial) {
        const Config c = random_config(rng);
        const std::size_t n = c.ids.size() - 1;  // the last one joins
        SCOPED_TRACE("trial " + std::to_string(trial) + ": " + std::to_string(n) + " peers, R " +
                     std::to_string(c.params.replicas) + ", V " + std::to_string(c.params.virtual_nodes));
        const Distribution before = build(c, first_n(n));
        Distribution joined = before;
        joined.add_peer(c.ids[n], c.depths[n]);
        const std::size_t leaver = rng() % n;
        Distribution left = before;
        ASSERT_TRUE(left.remove_peer(c.ids[leaver]));
        std::size_t join_changed = 0, leave_changed = 0;
        for (const auto& key : keys) {
            const Ids old = responsible_ids(before, key);
            Ids after_join = responsible_ids(joined, key);
            const Ids after_leave = responsible_ids(left, key);
            if (after_join != old) {
                ++join_changed;
                ASSERT_EQ(std::ranges::count(after_join, c.ids[n]), 1);
                std::erase(after_join, c.ids[n]);
                ASSERT_EQ(missing(after_join, old), 0u) << "a peer other than the newcomer came in";
                ASSERT_LE(missing(old, after_join), 1u) << "more than one peer went out";
            }
            if (after_leave != old) {
                ++leave_changed;
                ASSERT_EQ(std::ranges::count(old, c.ids[leaver]), 1) << "a list without the leaver changed";
                ASSERT_EQ(missing(old, after_leave), 1u) << "a peer other than the leaver went out";
                ASSERT_LE(missing(after_leave, old), 1u) << "more than one peer came in";
            }
        }
        // The changed peer's expected share, with a wide margin (V >= 16 keeps shares near it).
        const auto bound = [&](unsigned depth, std::size_t peers) {
            const double radius = depth == kNoStorageRadius ? 0.0 : std::ldexp(1.0, -static_cast<int>(depth));
            const double share =
                std::min(1.0, static_cast<double>(c.params.replicas) / static_cast<double>(peers));
            return static_cast<double>(keys.size()) * (2.5 * share + radius) + 40;
        };
        EXPECT_LE(static_cast<double>(join_changed), bound(c.depths[n], n + 1));
        EXPECT_LE(static_cast<double>(leave_changed), bound(c.depths[leaver], n));
        EXPECT_GT(join_changed, 0u);
        EXPECT_GT(leave_changed, 0u);
    }
}

TEST(Distribution, FewerPeersThanReplicasServeEverything) {
    Distribution d;
    EXPECT_TRUE(d.responsible(slice_key(Bytes{1})).empty());
    const Ids ids = random_peer_ids(3, 1);
    for (const auto& id : ids) d.add_peer(id);
    EXPECT_EQ(d.responsible(slice_key(Bytes{1})).size(), 3u);
    EXPECT_FALSE(d.remove_peer(as_bytes("nobody")));
    EXPECT_EQ(d.peer_count(), 3u);
}

TEST(Distribution, StorageRadiusAddsServedSlices) {
    const Ids ids = random_peer_ids(100, 2);
    Distribution d;
    for (const auto& id : ids) d.add_peer(id);
    const auto slot = *d.find(ids[0]);
    const std::vector<Hash> keys = all_slice_keys(3);
    const auto served = [&] {
        return std::ranges::count_if(keys, [&](const Hash& k) { return d.serves(slot, k); });
    };
    const auto nearest_only = served();
    d.add_peer(ids[0], 2);  // a quarter of the key space besides
    EXPECT_EQ(d.storage_depth(slot), 2u);
    const auto with_radius = served();
    EXPECT_GT(with_radius, nearest_only + 4096 / 4 - 150);
    EXPECT_LT(with_radius, nearest_only + 4096 / 4 + 150);
    d.add_peer(ids[0], 0);
    EXPECT_EQ(served(), 4096);
    d.add_peer(ids[0]);
    EXPECT_EQ(served(), nearest_only);
}

TEST(Distribution, StorageDepthForCapacity) {
    EXPECT_EQ(storage_depth_for(0, 65536), kNoStorageRadius);
    EXPECT_EQ(storage_depth_for(65536, 65536), 0u);
    EXPECT_EQ(storage_depth_for(1'000'000, 65536), 0u);
    EXPECT_EQ(storage_depth_for(65535, 65536), 1u);
    EXPECT_EQ(storage_depth_for(32768, 65536), 1u);
    EXPECT_EQ(storage_depth_for(4096, 65536), 4u);
    EXPECT_EQ(storage_depth_for(4095, 65536), 5u);
    EXPECT_EQ(storage_depth_for(1, ~0ULL), 64u);
}

// The goal of DESIGN §5, at its own scale: 1,000 peers, R = 4, 65,536 slices.
TEST(Distribution, MostLoadedPeerHoldsAtMost1_3TimesTheMean) {
    const SimReport r = simulate({});
    EXPECT_EQ(r.slices, 65536u);
    EXPECT_DOUBLE_EQ(r.load.mean, 65536.0 * 4 / 1000);
    EXPECT_LE(static_cast<double>(r.load.max), 1.3 * r.load.mean);
    EXPECT_GE(static_cast<double>(r.load.min), 0.7 * r.load.mean);
    // 1% churn moves about 1% of the replicas: at most a little above the unavoidable share.
    EXPECT_LE(r.join.movement.replicas_moved, 1.2 * r.join.ideal);
    EXPECT_LE(r.leave.movement.replicas_moved, 1.2 * r.leave.ideal);
}

}  // namespace
}  // namespace kitsunet::ksn
