// Who serves what (DESIGN §5): the fast lookup against a brute-force reference, independence from
// the order of arrival, minimal movement on join and leave, storage radii, and the load goal.
#include "kitsunet/ksn/distribution.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/slice/slice_id.hpp"

#include <algorithm>
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

TEST(Distribution, DoesNotDependOnTheOrderOfArrival) {
    Ids ids = random_peer_ids(200, 9);
    Distribution a, b;
    a.add_peers(ids);  // at once, and below one by one in another order
    std::mt19937_64 rng(4);
    std::ranges::shuffle(ids, rng);
    for (const auto& id : ids) b.add_peer(id);
    b.remove_peer(ids[0]);
    b.add_peer(ids[0]);
    for (std::uint32_t p = 0; p < 4096; ++p) {
        const Hash slice = slice_key(prefix_nibbles(p, 3));
        ASSERT_EQ(responsible_ids(a, slice), responsible_ids(b, slice));
    }
}

// Consistent hashing: a join only lets the new peer in (one peer out per changed set); a leave
// only takes the leaving peer out (one peer in per changed set). Nothing else moves.
TEST(Distribution, JoinsAndLeavesMoveOnlyTheChangedPeer) {
    const Ids ids = random_peer_ids(301, 21);
    Distribution before;
    before.add_peers(std::span(ids).first(300));
    const std::vector<Hash> keys = all_slice_keys(3);
    const Bytes& newcomer = ids[300];
    const Bytes& leaver = ids[17];
    Distribution joined = before;
    joined.add_peer(newcomer);
    Distribution left = before;
    left.remove_peer(leaver);
    std::size_t join_changed = 0, leave_changed = 0;
    for (const auto& key : keys) {
        const Ids old = responsible_ids(before, key);
        Ids after_join = responsible_ids(joined, key);
        Ids after_leave = responsible_ids(left, key);
        if (after_join != old) {
            ++join_changed;
            ASSERT_NE(std::ranges::find(after_join, newcomer), after_join.end());
            std::erase(after_join, newcomer);
            ASSERT_EQ(shared_count(after_join, old), old.size() - 1);
        }
        if (after_leave != old) {
            ++leave_changed;
            ASSERT_NE(std::ranges::find(old, leaver), old.end());
            ASSERT_EQ(shared_count(after_leave, old), old.size() - 1);
        }
    }
    // Each peer is among the 4 nearest for about 4/300 of the keys.
    EXPECT_GT(join_changed, 0u);
    EXPECT_LT(join_changed, keys.size() * 3 / 100);
    EXPECT_GT(leave_changed, 0u);
    EXPECT_LT(leave_changed, keys.size() * 3 / 100);
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
