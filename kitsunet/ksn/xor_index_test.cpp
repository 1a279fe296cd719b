// XorIndex against a brute-force reference: sort every point by XOR distance, keep first owners.
#include "kitsunet/ksn/xor_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace kitsunet::ksn {
namespace {

Key256 xor_of(const Key256& a, const Key256& b) {
    Key256 out;
    for (std::size_t w = 0; w < 4; ++w) out.words[w] = a.words[w] ^ b.words[w];
    return out;
}

std::vector<XorIndex::Owner> brute_force(std::span<const XorIndex::Point> points, const Key256& target,
                                         std::size_t count) {
    std::vector<XorIndex::Point> sorted(points.begin(), points.end());
    std::ranges::sort(sorted, [&](const auto& a, const auto& b) {
        return std::pair{xor_of(a.key, target), a.owner} < std::pair{xor_of(b.key, target), b.owner};
    });
    std::vector<XorIndex::Owner> out;
    for (const auto& p : sorted)
        if (out.size() < count && std::ranges::find(out, p.owner) == out.end()) out.push_back(p.owner);
    return out;
}

// Keys with few random bits in a few places, so that long shared prefixes and equal keys occur.
Key256 sparse_key(std::mt19937_64& rng) {
    Key256 k;
    k.words[0] = rng() & 0xF000'0000'0000'000FULL;
    k.words[3] = rng() & 0x3;
    return k;
}

TEST(XorIndex, AgreesWithBruteForce) {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 200; ++round) {
        XorIndex index;
        std::vector<XorIndex::Point> all;
        const std::size_t owners = 1 + rng() % 40;
        for (XorIndex::Owner o = 0; o < owners; ++o) {
            std::vector<XorIndex::Point> points(1 + rng() % 5);
            for (auto& p : points)
                p = {round % 2 ? sparse_key(rng) : Key256{{rng(), rng(), rng(), rng()}}, o};
            index.insert(points);
            all.insert(all.end(), points.begin(), points.end());
        }
        if (rng() % 2) {
            const auto gone = static_cast<XorIndex::Owner>(rng() % owners);
            index.erase_owner(gone);
            std::erase_if(all, [gone](const auto& p) { return p.owner == gone; });
        }
        EXPECT_TRUE(std::ranges::is_sorted(index.points()));
        for (int q = 0; q < 20; ++q) {
            const Key256 target = round % 2 ? sparse_key(rng) : Key256{{rng(), rng(), rng(), rng()}};
            const std::size_t count = 1 + rng() % 6;
            std::vector<XorIndex::Owner> got;
            index.closest_owners(target, count, got);
            EXPECT_EQ(got, brute_force(all, target, count));
        }
    }
}

TEST(XorIndex, EmptyAndAlreadyFound) {
    XorIndex index;
    std::vector<XorIndex::Owner> out;
    index.closest_owners(Key256{}, 4, out);
    EXPECT_TRUE(out.empty());
    const XorIndex::Point points[] = {
        {Key256{{1, 0, 0, 0}}, 7}, {Key256{{2, 0, 0, 0}}, 8}, {Key256{{3, 0, 0, 0}}, 9}};
    index.insert(points);
    out = {8};  // counts as found and is not repeated
    index.closest_owners(Key256{{1, 0, 0, 0}}, 2, out);
    EXPECT_EQ(out, (std::vector<XorIndex::Owner>{8, 7}));
}

}  // namespace
}  // namespace kitsunet::ksn
