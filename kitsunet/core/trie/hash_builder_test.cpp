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

Hash builder_root(const test::Entries& entries) {
    HashBuilder hb;
    for (const auto& [k, v] : entries) hb.add(k, v);
    return hb.root();
}

TEST(HashBuilder, MatchesTheNaiveRoot) {
    std::mt19937_64 rng(6);
    for (std::size_t n : {1u, 2u, 3u, 16u, 17u, 200u, 2000u}) {
        for (const auto& entries :
             {test::random_entries(rng, n, 32, 32), test::random_entries(rng, n, 0, 8, 3),
              test::random_entries(rng, n, 30, 60, 2)})
            EXPECT_EQ(builder_root(entries), test::naive_root(entries)) << n;
    }
}

// Values whose RLP headers take two and three length bytes, in leaves and in branches (as the
// value of a key that is a prefix of others), beside tiny ones that make inline nodes.
TEST(HashBuilder, LongValuesInLeavesAndBranches) {
    std::mt19937_64 rng(7);
    test::Entries entries;
    entries[Bytes{1}] = test::random_bytes(rng, 70000);
    entries[Bytes{1, 2}] = Bytes{5};
    entries[Bytes{1, 3}] = test::random_bytes(rng, 300);
    entries[Bytes{1, 3, 4}] = Bytes{6};
    entries[Bytes{2}] = test::random_bytes(rng, 56);
    entries[Bytes{2, 0}] = test::random_bytes(rng, 55);
    EXPECT_EQ(builder_root(entries), test::naive_root(entries));
    Trie t;
    for (const auto& [k, v] : entries) t.put(k, v);
    EXPECT_EQ(t.root_hash(), test::naive_root(entries));
}

TEST(HashBuilder, EmptyValuesAreSkipped) {
    HashBuilder hb;
    hb.add(Bytes{1}, Bytes{1});
    hb.add(Bytes{2}, {});
    hb.add(Bytes{3}, Bytes{3});
    hb.add(Bytes{4}, {});
    test::Entries entries{{Bytes{1}, Bytes{1}}, {Bytes{3}, Bytes{3}}};
    EXPECT_EQ(hb.root(), test::naive_root(entries));
}

// A sink set part-way reports the nodes hashed from then on, with the same paths as one set first.
TEST(HashBuilder, SinkSetLateReportsTheRest) {
    std::mt19937_64 rng(8);
    const auto entries = test::random_entries(rng, 500, 32, 32);
    std::map<Hash, Bytes> all, late;
    HashBuilder first, second;
    first.set_node_sink(
        [&](ByteView path, const Hash& h, ByteView) { all[h] = Bytes(path.begin(), path.end()); });
    std::size_t i = 0;
    for (const auto& [k, v] : entries) {
        if (i++ == 250)
            second.set_node_sink(
                [&](ByteView path, const Hash& h, ByteView) { late[h] = Bytes(path.begin(), path.end()); });
        first.add(k, v);
        second.add(k, v);
    }
    EXPECT_EQ(first.root(), second.root());
    EXPECT_GT(late.size(), 100u);
    for (const auto& [h, path] : late) EXPECT_EQ(all.at(h), path);
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

TEST(HashBuilderDeathTest, RefusesKeysOutOfOrderAfterASkippedOne) {
    EXPECT_DEATH(
        {
            HashBuilder hb;
            hb.add(Bytes{1}, Bytes{1});
            hb.add(Bytes{3}, {});
            hb.add(Bytes{2}, Bytes{1});
        },
        "invariant failed");
}

TEST(HashBuilderDeathTest, RefusesARepeatedKey) {
    EXPECT_DEATH(
        {
            HashBuilder hb;
            hb.add(Bytes{1, 2}, Bytes{1});
            hb.add(Bytes{1, 2}, Bytes{2});
        },
        "invariant failed");
}

TEST(HashBuilderDeathTest, RefusesAPrefixAfterItsExtension) {
    EXPECT_DEATH(
        {
            HashBuilder hb;
            hb.add(Bytes{1, 2}, Bytes{1});
            hb.add(Bytes{1}, Bytes{2});
        },
        "invariant failed");
}

}  // namespace
}  // namespace kitsunet::trie
