// The key space of DESIGN §5, pinned against values computed independently (Python hashlib).
#include "kitsunet/ksn/keys.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/slice/slice_id.hpp"

#include <random>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::ksn {
namespace {

Hash h(std::string_view hex) { return *fixed_from_hex<32>(hex); }

TEST(SliceKey, IsSha256OfTheLowercaseHexText) {
    EXPECT_EQ(slice::nibbles_to_text(Bytes{0, 0xa, 0xa, 8}), "0aa8");
    EXPECT_EQ(slice_key(Bytes{0, 0xa, 0xa, 8}),
              h("93daf0a01dfa3b78fdf868315c15a25dcc8d9a2157ae5f11c2c5f350e1c80640"));
    EXPECT_EQ(slice_key(Bytes{}), h("7f19655ffa106d98941dc8bb06155e6bc4bc9560877543a30adb78f6aba881af"));
}

TEST(PeerKey, VirtualKeysHashThePeerKeyAndABigEndianIndex) {
    const Hash key = peer_key(as_bytes("peer-a"));
    EXPECT_EQ(key, h("bdb94c73d53c44023a715a2970a10c4d54fa9550b70fd9d34cc4b0a2de5ddcbe"));
    EXPECT_EQ(virtual_key(key, 0), key);
    EXPECT_EQ(virtual_key(key, 1), h("2b4e0c9e924ca9a53574f051fa86cba0c1a84a51d669e6516fda672cd1798b05"));
    EXPECT_EQ(virtual_key(key, 0x0102),
              h("f78e32bcec89658ced861d836b72bf574987a03861ea950c4bae15eb5c76bd35"));
}

TEST(Prefixes, AreNumberedInOrder) {
    EXPECT_EQ(prefix_nibbles(0, 4), (Bytes{0, 0, 0, 0}));
    EXPECT_EQ(prefix_nibbles(0x0aa8, 4), (Bytes{0, 0xa, 0xa, 8}));
    EXPECT_EQ(prefix_nibbles(0xfff, 3), (Bytes{0xf, 0xf, 0xf}));
    const auto keys = all_slice_keys(2);
    ASSERT_EQ(keys.size(), 256u);
    EXPECT_EQ(keys[0x3c], slice_key(Bytes{3, 0xc}));
    EXPECT_EQ(all_slice_keys(0).size(), 1u);
}

TEST(Key256, OrdersAndSplitsLikeTheBytes) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 1000; ++i) {
        Hash a, b;
        for (auto& x : a.bytes) x = static_cast<std::uint8_t>(rng() & 0x3);  // many shared prefixes
        b = a;
        b.bytes[rng() % 32] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
        const Key256 ka = Key256::from(a), kb = Key256::from(b);
        EXPECT_EQ(ka.to_hash(), a);
        EXPECT_EQ(ka <=> kb, a <=> b);
        const unsigned cpl = common_prefix_bits(ka, kb);
        ASSERT_LT(cpl, 256u);
        EXPECT_NE(ka.bit(cpl), kb.bit(cpl));
        EXPECT_EQ(with_low_bits(ka, cpl, false), with_low_bits(kb, cpl, false));
    }
    const Key256 k = Key256::from(h("93daf0a01dfa3b78fdf868315c15a25dcc8d9a2157ae5f11c2c5f350e1c80640"));
    EXPECT_EQ(common_prefix_bits(k, k), 256u);
    EXPECT_EQ(with_low_bits(k, 8, false).to_hash(),
              h("9300000000000000000000000000000000000000000000000000000000000000"));
    EXPECT_EQ(with_low_bits(k, 4, true).to_hash(),
              h("9fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"));
    EXPECT_EQ(with_low_bits(k, 256, true), k);
    EXPECT_EQ(with_low_bits(k, 0, false), Key256{});
}

}  // namespace
}  // namespace kitsunet::ksn
