// Trie: known roots, get/put/erase, and agreement with the streaming HashBuilder.
#include "kitsunet/core/trie/trie.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/test_support.hpp"

namespace kitsunet::trie {
namespace {

using test::random_entries;

Hash builder_root(const test::Entries& entries) {
    HashBuilder hb;
    for (const auto& [k, v] : entries) hb.add(k, v);
    return hb.root();
}

Hash trie_root(const test::Entries& entries) {
    Trie t;
    for (const auto& [k, v] : entries) t.put(k, v);
    return t.root_hash();
}

TEST(Trie, EmptyTrieHasEmptyRoot) {
    Trie t;
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
    EXPECT_FALSE(t.get(as_bytes("x")));
    EXPECT_EQ(HashBuilder{}.root(), kEmptyRoot);
}

// The classic example of the Ethereum wiki's Patricia tree page.
TEST(Trie, DogsExampleRoot) {
    Trie t;
    t.put(as_bytes("doe"), as_bytes("reindeer"));
    t.put(as_bytes("dog"), as_bytes("puppy"));
    t.put(as_bytes("dogglesworth"), as_bytes("cat"));
    EXPECT_EQ(to_hex(t.root_hash()), "8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
    EXPECT_EQ(t.get(as_bytes("dog")), Bytes(as_bytes("puppy").begin(), as_bytes("puppy").end()));
    EXPECT_FALSE(t.get(as_bytes("do")));
    EXPECT_FALSE(t.get(as_bytes("dogg")));
    EXPECT_EQ(t.size(), 3u);
}

TEST(Trie, SingleShortLeafRootIsHashedAnyway) {
    Trie t;
    t.put(Bytes{1}, Bytes{2});
    Bytes leaf;
    encode_leaf(leaf, Nibbles{0, 1}, Bytes{2});
    ASSERT_LT(leaf.size(), 32u);
    EXPECT_EQ(t.root_hash(), keccak256(leaf));
}

TEST(Trie, UpdateReplacesAndEmptyValueDeletes) {
    Trie t;
    t.put(as_bytes("key"), as_bytes("one"));
    const Hash one = t.root_hash();
    t.put(as_bytes("key"), as_bytes("two"));
    EXPECT_NE(t.root_hash(), one);
    EXPECT_EQ(t.size(), 1u);
    t.put(as_bytes("key"), {});
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
    EXPECT_TRUE(t.empty());
}

TEST(Trie, MatchesHashBuilderOnRandomSets) {
    std::mt19937_64 rng(1);
    for (std::size_t n : {0u, 1u, 2u, 3u, 15u, 16u, 17u, 100u, 1000u, 5000u}) {
        const auto fixed = random_entries(rng, n, 32, 32);
        EXPECT_EQ(trie_root(fixed), builder_root(fixed)) << n << " 32-byte keys";
        const auto varied = random_entries(rng, n, 0, 10, 3);  // prefixes of each other, shared paths
        EXPECT_EQ(trie_root(varied), builder_root(varied)) << n << " short keys";
    }
}

TEST(Trie, GetFindsEveryKeyAndNoOther) {
    std::mt19937_64 rng(2);
    const auto entries = random_entries(rng, 500, 0, 5, 4);
    Trie t;
    for (const auto& [k, v] : entries) t.put(k, v);
    EXPECT_EQ(t.size(), entries.size());
    for (const auto& [k, v] : entries) EXPECT_EQ(t.get(k), v);
    for (const auto& [k, v] : random_entries(rng, 200, 0, 6, 5))
        if (!entries.contains(k)) {
            EXPECT_FALSE(t.get(k));
        }
}

TEST(Trie, DeletingEverythingInAnyOrderGivesTheEmptyRoot) {
    std::mt19937_64 rng(3);
    for (unsigned alphabet : {2u, 16u, 256u}) {
        const auto entries = random_entries(rng, 300, 0, 8, alphabet);
        std::vector<Bytes> keys;
        for (const auto& e : entries) keys.push_back(e.first);
        std::ranges::shuffle(keys, rng);
        Trie t;
        for (const auto& [k, v] : entries) t.put(k, v);
        auto remaining = entries;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            t.erase(keys[i]);
            remaining.erase(keys[i]);
            if (i % 37 == 0) {  // checks that cached paths were invalidated
                EXPECT_EQ(t.root_hash(), builder_root(remaining)) << i;
            }
        }
        EXPECT_EQ(t.root_hash(), kEmptyRoot);
        EXPECT_EQ(t.size(), 0u);
    }
}

TEST(Trie, EraseOfAbsentKeyChangesNothing) {
    Trie t;
    t.put(as_bytes("dog"), as_bytes("puppy"));
    t.put(as_bytes("doge"), as_bytes("coin"));
    const Hash before = t.root_hash();
    for (std::string_view k : {"do", "dogs", "cat", "", "doge1"}) t.erase(as_bytes(k));
    EXPECT_EQ(t.root_hash(), before);
    EXPECT_EQ(t.size(), 2u);
}

TEST(Trie, InterleavedUpdatesKeepCachedHashesRight) {
    std::mt19937_64 rng(4);
    test::Entries model;
    Trie t;
    for (int round = 0; round < 50; ++round) {
        for (const auto& [k, v] : random_entries(rng, 20, 1, 4, 6)) {
            const bool del = rng() % 4 == 0;
            t.put(k, del ? Bytes{} : v);
            if (del)
                model.erase(k);
            else
                model[k] = v;
        }
        ASSERT_EQ(t.root_hash(), builder_root(model)) << round;
    }
}

TEST(SecureTrie, HashesKeys) {
    SecureTrie s;
    Trie plain;
    s.put(as_bytes("dog"), as_bytes("puppy"));
    plain.put(keccak256(as_bytes("dog")), as_bytes("puppy"));
    EXPECT_EQ(s.root_hash(), plain.root_hash());
    EXPECT_TRUE(s.get(as_bytes("dog")));
    s.erase(as_bytes("dog"));
    EXPECT_EQ(s.root_hash(), kEmptyRoot);
}

}  // namespace
}  // namespace kitsunet::trie
