// Proofs: presence and absence for every key, refusal of tampered proofs.
#include "kitsunet/core/trie/proof.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/test_support.hpp"

namespace kitsunet::trie {
namespace {

struct Fixture {
    test::Entries entries;
    Trie trie;
    Hash root;
};

Fixture make(std::uint64_t seed, std::size_t n, std::size_t min_len, std::size_t max_len, unsigned alphabet) {
    std::mt19937_64 rng(seed);
    Fixture f{test::random_entries(rng, n, min_len, max_len, alphabet), {}, {}};
    for (const auto& [k, v] : f.entries) f.trie.put(k, v);
    f.root = f.trie.root_hash();
    return f;
}

TEST(Proof, ProvesEveryKeyPresentAndRandomKeysAbsent) {
    std::mt19937_64 rng(7);
    Fixture fixtures[] = {make(8, 1, 32, 32, 256), make(9, 300, 32, 32, 256), make(10, 300, 0, 5, 3)};
    for (auto& f : fixtures) {
        for (const auto& [k, v] : f.entries) {
            auto got = verify_proof(f.root, k, create_proof(f.trie, k));
            ASSERT_TRUE(got) << describe(got.error());
            EXPECT_EQ(*got, v);
        }
        for (const auto& [k, v] : test::random_entries(rng, 300, 0, 33, 3)) {
            if (f.entries.contains(k)) continue;
            auto got = verify_proof(f.root, k, create_proof(f.trie, k));
            ASSERT_TRUE(got) << describe(got.error());
            EXPECT_FALSE(*got);
        }
    }
}

TEST(Proof, EmptyTrieProvesAbsence) {
    Trie t;
    EXPECT_TRUE(create_proof(t, Bytes{1}).empty());
    auto got = verify_proof(kEmptyRoot, Bytes{1}, {});
    ASSERT_TRUE(got);
    EXPECT_FALSE(*got);
}

TEST(Proof, InlineNodesAreNotListed) {
    Trie t;  // two tiny leaves under one branch: both leaves are embedded in it
    t.put(Bytes{0x01}, Bytes{1});
    t.put(Bytes{0x02}, Bytes{2});
    const auto proof = create_proof(t, Bytes{0x01});
    ASSERT_EQ(proof.size(), 1u);
    EXPECT_EQ(keccak256(proof[0]), t.root_hash());
    EXPECT_EQ(verify_proof(t.root_hash(), Bytes{0x02}, proof).value(), Bytes{2});
}

TEST(Proof, RefusesTamperedProofs) {
    auto f = make(11, 200, 32, 32, 256);
    const Bytes& key = f.entries.begin()->first;
    const auto proof = create_proof(f.trie, key);
    ASSERT_GE(proof.size(), 2u);

    auto flipped = proof;
    flipped.back().back() ^= 1;
    EXPECT_EQ(verify_proof(f.root, key, flipped).error(), Errc::kBadProof);

    auto truncated = proof;
    truncated.pop_back();
    EXPECT_EQ(verify_proof(f.root, key, truncated).error(), Errc::kMissingNode);

    auto extra = proof;
    extra.push_back(proof.front());
    EXPECT_EQ(verify_proof(f.root, key, extra).error(), Errc::kBadProof);

    EXPECT_EQ(verify_proof(keccak256(as_bytes("other")), key, proof).error(), Errc::kBadProof);
    EXPECT_EQ(verify_proof(f.root, key, {}).error(), Errc::kMissingNode);
    EXPECT_EQ(verify_proof(kEmptyRoot, key, proof).error(), Errc::kBadProof);
}

TEST(Proof, SecureTrieProofsUseTheHashedKey) {
    SecureTrie s;
    s.put(as_bytes("alice"), as_bytes("100"));
    s.put(as_bytes("bob"), as_bytes("200"));
    const auto proof = create_proof(s, as_bytes("bob"));
    EXPECT_EQ(verify_proof(s.root_hash(), keccak256(as_bytes("bob")), proof).value(),
              Bytes(as_bytes("200").begin(), as_bytes("200").end()));
}

}  // namespace
}  // namespace kitsunet::trie
