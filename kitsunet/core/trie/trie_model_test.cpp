// Trie against a plain map under random puts, updates and erases: after each step the trie has the
// root of the naive yellow-paper definition and of HashBuilder over the map (equal roots mean equal
// shapes, so erase restored the canonical form), the map's values and size, and valid proofs.
#include <gtest/gtest.h>

#include <vector>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/test_support.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::trie {
namespace {

struct KeyShape {
    std::size_t min_len, max_len;
    unsigned alphabet;  // small: keys share prefixes and are prefixes of each other
};

Hash builder_root(const test::Entries& entries) {
    HashBuilder hb;
    for (const auto& [k, v] : entries) hb.add(k, v);
    return hb.root();
}

// Value sizes around every boundary of the layout: inline vs hashed nodes (32 bytes of RLP), one
// vs several RLP header bytes (56), the arena's size classes (16) and its large blocks (1024).
Bytes random_value(std::mt19937_64& rng) {
    static constexpr std::size_t kSizes[] = {1, 2, 5, 20, 31, 33, 40, 55, 56, 60, 100, 250, 1000, 1100, 3000};
    return test::random_bytes(rng, kSizes[rng() % std::size(kSizes)] + rng() % 3);
}

Bytes random_key(std::mt19937_64& rng, const KeyShape& shape) {
    Bytes key(shape.min_len + rng() % (shape.max_len - shape.min_len + 1));
    for (auto& b : key) b = static_cast<std::uint8_t>(rng() % shape.alphabet);
    return key;
}

void expect_same_as(const Trie& t, const test::Entries& model) {
    EXPECT_EQ(t.size(), model.size());
    EXPECT_EQ(t.empty(), model.empty());
    for (const auto& [k, v] : model) ASSERT_EQ(t.get(k), v) << to_hex(k);
}

void expect_proofs(Trie& t, const test::Entries& model, std::mt19937_64& rng, const KeyShape& shape) {
    const Hash root = t.root_hash();
    for (const auto& [k, v] : model) {
        const auto got = verify_proof(root, k, t.proof(k));
        ASSERT_TRUE(got) << describe(got.error());
        EXPECT_EQ(*got, v);
    }
    for (int i = 0; i < 50; ++i) {
        const Bytes k = random_key(rng, shape);
        const auto got = verify_proof(root, k, t.proof(k));
        ASSERT_TRUE(got) << describe(got.error());
        EXPECT_EQ(got->has_value(), model.contains(k));
    }
}

void run_operations(std::uint64_t seed, const KeyShape& shape, int steps) {
    std::mt19937_64 rng(seed);
    test::Entries model;
    std::vector<Bytes> used;  // keys seen so far, present or not
    Trie t;
    const auto some_used_key = [&] { return used[rng() % used.size()]; };
    for (int step = 0; step < steps; ++step) {
        const auto op = rng() % 10;
        Bytes key = op < 4 || used.empty() ? random_key(rng, shape) : some_used_key();
        if (op < 7) {  // put a new key, or update or re-add a used one
            Bytes value = random_value(rng);
            t.put(key, value);
            model[key] = std::move(value);
        } else {  // erase a used key (present or already gone) or a fresh one
            t.erase(key);
            model.erase(key);
        }
        used.push_back(std::move(key));
        if (step < 100 || step % 10 == 0) {
            const Hash root = t.root_hash();
            ASSERT_EQ(root, test::naive_root(model)) << "seed " << seed << " step " << step;
            ASSERT_EQ(root, builder_root(model)) << "seed " << seed << " step " << step;
        }
        if (step % 97 == 0) expect_same_as(t, model);
    }
    expect_same_as(t, model);
    expect_proofs(t, model, rng, shape);
    for (const auto& k : used) t.erase(k);  // erasing everything left, in the order of use
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
    EXPECT_TRUE(t.empty());
}

TEST(TrieModel, RandomOperationsOnHashedKeys) {
    for (std::uint64_t seed : {1u, 2u}) run_operations(seed, {32, 32, 256}, 600);
}

TEST(TrieModel, RandomOperationsOnShortKeysThatArePrefixesOfEachOther) {
    for (std::uint64_t seed : {3u, 4u, 5u}) run_operations(seed, {0, 4, 3}, 600);
}

TEST(TrieModel, RandomOperationsOnLongKeysWithLongSharedPaths) {
    // Paths of up to 140 nibbles: long extensions, joined and cut by erases and puts.
    for (std::uint64_t seed : {6u, 7u}) run_operations(seed, {40, 70, 2}, 400);
}

TEST(TrieModel, RandomOperationsOnMixedKeyLengths) {
    for (std::uint64_t seed : {8u, 9u}) run_operations(seed, {1, 33, 16}, 600);
}

// Each case below builds a shape, erases one key, and checks the result against a trie built
// directly from what remains: the same root means the same canonical shape.
void expect_erase_gives_fresh_shape(const std::vector<std::string_view>& keys, std::string_view erased) {
    Trie t;
    test::Entries remaining;
    for (const auto k : keys) {
        const Bytes value(40, static_cast<std::uint8_t>(k.size()));  // hashed leaves
        t.put(as_bytes(k), value);
        if (k != erased) remaining[Bytes(as_bytes(k).begin(), as_bytes(k).end())] = value;
    }
    t.root_hash();  // caches everything, so that stale caches would show
    t.erase(as_bytes(erased));
    Trie fresh;
    for (const auto& [k, v] : remaining) fresh.put(k, v);
    EXPECT_EQ(t.root_hash(), fresh.root_hash()) << "erasing " << erased;
    EXPECT_EQ(t.root_hash(), test::naive_root(remaining)) << "erasing " << erased;
    EXPECT_EQ(t.size(), remaining.size());
    for (const auto& [k, v] : remaining) EXPECT_EQ(t.proof(k), fresh.proof(k));
}

TEST(TrieErase, BranchLeftWithItsValueBecomesALeaf) { expect_erase_gives_fresh_shape({"ab", "abc"}, "abc"); }

TEST(TrieErase, BranchValueErasedLeavesTheChildren) {
    expect_erase_gives_fresh_shape({"ab", "abc", "abd"}, "ab");
}

TEST(TrieErase, BranchLeftWithALeafLiftsIt) { expect_erase_gives_fresh_shape({"abc", "abd", "x"}, "abd"); }

TEST(TrieErase, ExtensionsAroundAVanishingBranchJoin) {
    // An extension above a branch of two entries, and one below it: erasing one entry joins them.
    expect_erase_gives_fresh_shape({"abceef", "abceeg", "abd", "x"}, "abd");
}

TEST(TrieErase, BranchLeftWithABranchBecomesAnExtension) {
    expect_erase_gives_fresh_shape({"ab", "ac", "ad1", "ad2"}, "ab");
    expect_erase_gives_fresh_shape({"b", "c1", "c2"}, "b");
}

TEST(TrieErase, ExtensionLeftWithALeafBecomesTheLeaf) {
    expect_erase_gives_fresh_shape({"abc1", "abc2", "z"}, "abc2");
}

TEST(TrieErase, LastKeyLeavesTheEmptyTrie) {
    expect_erase_gives_fresh_shape({"only"}, "only");
    expect_erase_gives_fresh_shape({""}, "");
}

TEST(TrieMove, MovedFromTrieIsEmptyAndReusable) {
    std::mt19937_64 rng(10);
    const auto entries = test::random_entries(rng, 200, 1, 8, 4);
    Trie a;
    for (const auto& [k, v] : entries) a.put(k, v);
    const Hash root = a.root_hash();
    Trie b(std::move(a));
    EXPECT_EQ(b.root_hash(), root);
    EXPECT_EQ(b.size(), entries.size());
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    EXPECT_EQ(a.root_hash(), kEmptyRoot);
    a.put(as_bytes("k"), as_bytes("v"));
    EXPECT_EQ(a.size(), 1u);
    b = std::move(a);  // the old nodes of b are released, a's taken over
    EXPECT_EQ(b.size(), 1u);
    EXPECT_EQ(b.get(as_bytes("k")), Bytes{'v'});
    for (const auto& [k, v] : entries)
        if (k != Bytes{'k'}) {
            EXPECT_FALSE(b.get(k));
        }
}

}  // namespace
}  // namespace kitsunet::trie
