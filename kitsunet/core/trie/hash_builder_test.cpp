// HashBuilder: the nodes it reports are exactly the hashed nodes of the trie.
#include "kitsunet/core/trie/hash_builder.hpp"

#include <gtest/gtest.h>

#include <map>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/test_support.hpp"

namespace kitsunet::trie {
namespace {

TEST(HashBuilder, ReportsEveryHashedNodeOnceWithItsPath) {
    std::mt19937_64 rng(5);
    const auto entries = test::random_entries(rng, 2000, 32, 32);
    std::map<Hash, Bytes> nodes;
    std::size_t reports = 0;
    HashBuilder hb;
    hb.set_node_sink([&](ByteView path, const Hash& h, ByteView rlp) {
        EXPECT_EQ(keccak256(rlp), h);
        EXPECT_LE(path.size(), 64u);
        nodes.emplace(h, Bytes(rlp.begin(), rlp.end()));
        ++reports;
    });
    Trie t;
    for (const auto& [k, v] : entries) {
        hb.add(k, v);
        t.put(k, v);
    }
    const Hash root = hb.root();
    EXPECT_EQ(root, t.root_hash());
    EXPECT_EQ(reports, nodes.size());
    EXPECT_TRUE(nodes.contains(root));
    // Every node of every proof was reported.
    for (const auto& [k, v] : entries)
        for (const Bytes& n : create_proof(t, k)) EXPECT_TRUE(nodes.contains(keccak256(n)));
}

TEST(HashBuilder, ReportsPathsOfNodes) {
    HashBuilder hb;
    std::map<Bytes, Hash, test::BytesLess> by_path;
    hb.set_node_sink(
        [&](ByteView path, const Hash& h, ByteView) { by_path[Bytes(path.begin(), path.end())] = h; });
    const Bytes v(40, 7);  // long values: every leaf is hashed
    hb.add(Bytes{0x10}, v);
    hb.add(Bytes{0x12}, v);
    hb.add(Bytes{0x20}, v);
    const Hash root = hb.root();
    EXPECT_EQ(by_path.at({}), root);
    EXPECT_TRUE(by_path.contains(Bytes{1}));     // branch under nibble 1
    EXPECT_TRUE(by_path.contains(Bytes{1, 0}));  // leaf of 0x10
    EXPECT_TRUE(by_path.contains(Bytes{1, 2}));  // leaf of 0x12
    EXPECT_TRUE(by_path.contains(Bytes{2}));     // leaf of 0x20
}

TEST(HashBuilder, RootIsFinalAndRepeatable) {
    HashBuilder hb;
    hb.add(Bytes{1}, Bytes{1});
    const Hash r = hb.root();
    EXPECT_EQ(hb.root(), r);
}

TEST(HashBuilderDeathTest, RefusesKeysOutOfOrder) {
    EXPECT_DEATH(
        {
            HashBuilder hb;
            hb.add(Bytes{2}, Bytes{1});
            hb.add(Bytes{1}, Bytes{1});
        },
        "invariant failed");
}

}  // namespace
}  // namespace kitsunet::trie
