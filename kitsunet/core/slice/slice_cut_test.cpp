// Cutting and verifying slices of tries built to hold every shape a slice meets: the empty trie, a
// root leaf, long extensions a prefix ends inside, nodes embedded in their parents (heads too),
// empty prefixes, depth limits. The reference is the set of entries the trie was built from.
#include <gtest/gtest.h>

#include <set>

#include "kitsunet/core/slice/test_support.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/test_support.hpp"

namespace kitsunet::slice {
namespace {

using test::Entries;

// The kinds of slice a test met, so that a test can insist it met them all.
struct Shapes {
    std::size_t empty{0}, embedded_head{0}, head_in_extension_or_leaf{0}, head_at_prefix{0}, total{0};
};

void count_shape(const VerifiedSlice& v, Shapes& shapes) {
    ++shapes.total;
    const Slice& s = v.slice();
    if (s.proves_empty()) {
        ++shapes.empty;
        return;
    }
    if (s.head.size() < 32 && !s.stem.empty()) ++shapes.embedded_head;  // a short root is hashed
    const auto head = trie::decode_node(s.head).value();
    if (std::holds_alternative<trie::BranchNode>(head))
        ++shapes.head_at_prefix;
    else
        ++shapes.head_in_extension_or_leaf;
}

// Every key under the prefix reads as the reference says, with a proof that verifies against the
// root; other keys are absent or outside; leaves() lists exactly the entries under the prefix.
void check_against(const VerifiedSlice& v, const Entries& all, std::mt19937_64& rng) {
    const auto under = test::entries_under(all, v.id().prefix);
    for (const auto& [key, value] : under) {
        const auto got = v.get(key);
        ASSERT_TRUE(got && *got) << v.id().to_string();
        EXPECT_EQ(**got, value);
        const auto proof = v.proof(key).value();
        EXPECT_EQ(trie::verify_proof(v.id().root, key, proof).value(), value);
    }
    std::vector<SliceLeaf> expected;
    for (const auto& [k, val] : under) expected.push_back({k, val});
    const auto leaves = v.leaves();
    ASSERT_EQ(leaves.size(), expected.size());
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        EXPECT_EQ(leaves[i].key, expected[i].key);
        EXPECT_EQ(leaves[i].value, expected[i].value);
    }
    for (int i = 0; i < 8; ++i) {
        Hash key =
            all.empty() ? Hash{} : std::next(all.begin(), static_cast<long>(rng() % all.size()))->first;
        key.bytes[31 - rng() % 4] ^= static_cast<std::uint8_t>(1 + rng() % 255);  // near a real key
        const auto got = v.get(key);
        if (!key_has_prefix(key, v.id().prefix)) {
            EXPECT_EQ(got.error(), Errc::kSliceOutside);
            continue;
        }
        ASSERT_TRUE(got);
        EXPECT_EQ(got->has_value(), all.contains(key));
        const auto proof = v.proof(key).value();
        EXPECT_EQ(trie::verify_proof(v.id().root, key, proof).value().has_value(), all.contains(key));
    }
}

// Prefixes of `length` nibbles worth cutting: those of the keys, their neighbours, a random one.
std::set<trie::Nibbles, trie::test::BytesLess> prefixes_of(const Entries& all, std::size_t length,
                                                           std::mt19937_64& rng) {
    std::set<trie::Nibbles, trie::test::BytesLess> out;
    for (const auto& [k, v] : all) {
        auto p = key_prefix(k, length);
        out.insert(p);
        if (length > 0) {
            p.back() = static_cast<std::uint8_t>((p.back() + 1) % 16);
            out.insert(p);
        }
    }
    trie::Nibbles random(length);
    for (auto& n : random) n = static_cast<std::uint8_t>(rng() % 16);
    out.insert(random);
    return out;
}

void check_roundtrip(const Slice& s) {
    const Bytes wire = rlp::encode_slice(s);
    EXPECT_EQ(wire.size(), rlp::length(s));
    const auto back = rlp::decode_slice(wire);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
}

TEST(SliceCut, TheEmptyTrieProvesEveryPrefixEmpty) {
    const auto t = test::build_trie({});
    std::mt19937_64 rng(1);
    for (const auto& prefix : {trie::Nibbles{}, trie::Nibbles{3}, trie::Nibbles{1, 3, 7, 2}}) {
        const auto v = test::cut_and_verify(t.nodes, test::id_of(t.root, prefix));
        ASSERT_TRUE(v);
        EXPECT_TRUE(v->slice().proves_empty());
        EXPECT_TRUE(v->slice().stem.empty());
        EXPECT_EQ(v->stats().leaves, 0u);
        check_against(*v, t.entries, rng);
        check_roundtrip(v->slice());
    }
}

TEST(SliceCut, ARootLeafIsTheHeadOfItsPrefixAndProvesOthersEmpty) {
    Entries one;
    one[keccak256(as_bytes("x"))] = test::storage_value(7);  // keccak("x") = 7521d1…
    const auto t = test::build_trie(one);
    std::mt19937_64 rng(2);
    const auto mine =
        test::cut_and_verify(t.nodes, test::id_of(t.root, {7, 5, 2, 1}, kFullDepth, test::kOwner));
    ASSERT_TRUE(mine);
    EXPECT_TRUE(mine->slice().stem.empty());
    EXPECT_EQ(keccak256(mine->slice().head), t.root);
    check_against(*mine, t.entries, rng);
    const auto other =
        test::cut_and_verify(t.nodes, test::id_of(t.root, {7, 5, 2, 2}, kFullDepth, test::kOwner));
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->slice().proves_empty());
    EXPECT_EQ(other->slice().stem.size(), 1u);  // the root leaf shows the prefix empty
    check_against(*other, t.entries, rng);
}

TEST(SliceCut, EveryShapeAtEveryPrefixLengthVerifiesAndReadsAsTheTrie) {
    std::mt19937_64 rng(3);
    const auto t = test::build_trie(test::clustered_entries(rng, 400));
    Shapes shapes;
    for (std::size_t length :
         {0u, 1u, 2u, 3u, 5u, 12u, 18u, 19u, 20u, 21u, 30u, 50u, 57u, 58u, 59u, 60u, 61u, 62u, 63u, 64u}) {
        for (const auto& prefix : prefixes_of(t.entries, length, rng)) {
            const auto v =
                test::cut_and_verify(t.nodes, test::id_of(t.root, prefix, kFullDepth, test::kOwner));
            ASSERT_TRUE(v);
            EXPECT_TRUE(v->stats().complete);
            count_shape(*v, shapes);
            check_against(*v, t.entries, rng);
            check_roundtrip(v->slice());
        }
    }
    EXPECT_GT(shapes.empty, 10u);
    EXPECT_GT(shapes.embedded_head, 10u);
    EXPECT_GT(shapes.head_in_extension_or_leaf, 10u);
    EXPECT_GT(shapes.head_at_prefix, 10u);
}

TEST(SliceCut, TheSlicesOfAllPrefixesOfALengthHoldTheWholeTrieOnce) {
    std::mt19937_64 rng(4);
    const auto t = test::build_trie(test::clustered_entries(rng, 300));
    for (std::size_t length : {0u, 1u, 2u}) {
        std::set<Hash> nodes, below_heads;
        std::size_t listed = 0;  // nodes below heads: each in one slice only
        std::vector<std::pair<Hash, Bytes>> leaves;
        for (const auto& prefix : test::all_prefixes(length)) {
            const auto v =
                test::cut_and_verify(t.nodes, test::id_of(t.root, prefix, kFullDepth, test::kOwner));
            ASSERT_TRUE(v);
            for (const auto& n : v->slice().stem) nodes.insert(keccak256(n));
            if (v->slice().head.size() >= 32 || v->slice().stem.empty())
                nodes.insert(keccak256(v->slice().head));
            for (const auto& n : v->slice().nodes) {
                nodes.insert(keccak256(n));
                below_heads.insert(keccak256(n));
            }
            listed += v->slice().nodes.size();
            for (auto& leaf : v->leaves()) leaves.emplace_back(leaf.key, std::move(leaf.value));
        }
        if (t.entries.empty()) continue;
        EXPECT_EQ(nodes.size(), t.nodes.node_count()) << "prefix length " << length;
        EXPECT_EQ(leaves.size(), t.entries.size());
        NodeMap rebuilt;
        EXPECT_EQ(add_trie(rebuilt, leaves), t.root);
        EXPECT_EQ(below_heads.size(), listed);
    }
}

TEST(SliceCut, DepthLimitedSlicesHoldTheTopOfTheSubtree) {
    std::mt19937_64 rng(5);
    const auto t = test::build_trie(test::clustered_entries(rng, 400));
    for (const auto& prefix : prefixes_of(t.entries, 1, rng)) {
        const auto full =
            test::cut_and_verify(t.nodes, test::id_of(t.root, prefix, kFullDepth, test::kOwner));
        ASSERT_TRUE(full);
        for (std::uint8_t depth = 0; depth <= 4; ++depth) {
            const auto v = test::cut_and_verify(t.nodes, test::id_of(t.root, prefix, depth, test::kOwner));
            ASSERT_TRUE(v);
            EXPECT_LE(v->stats().max_level, depth);
            EXPECT_EQ(v->stats().complete, full->stats().max_level <= depth);
            for (const auto& [key, value] : test::entries_under(t.entries, prefix)) {
                const auto got = v->get(key);
                if (got) {
                    EXPECT_EQ(got->value(), value);
                } else {
                    EXPECT_EQ(got.error(), Errc::kMissingNode);
                }
            }
        }
    }
}

TEST(SliceCut, ContractCodeTravelsByCodeHash) {
    std::mt19937_64 rng(6);
    NodeMap nodes;
    std::vector<std::pair<Hash, Bytes>> accounts;
    std::vector<Bytes> codes;
    for (int i = 0; i < 200; ++i) {
        Account a;
        a.nonce = static_cast<std::uint64_t>(i);
        if (i % 3 == 0) {
            codes.push_back(test::random_code(rng, i % 2 == 0 ? 100 : 20));
            a.code_hash = code_hash(codes.back());
            if (i % 9 != 0) nodes.put_code(codes.back());  // some code the source lacks
        }
        accounts.emplace_back(keccak256(as_bytes(std::to_string(i))), test::account_value(a));
    }
    std::ranges::sort(accounts);
    const Hash root = add_trie(nodes, accounts);
    std::size_t carried = 0;
    for (const auto& prefix : test::all_prefixes(1)) {
        const auto v = test::cut_and_verify(nodes, test::id_of(root, prefix));
        ASSERT_TRUE(v);
        carried += v->stats().codes;
        for (const auto& leaf : v->leaves()) {
            const Account a = rlp::decode_account(leaf.value).value();
            const auto code = v->code(a.code_hash);
            EXPECT_EQ(code.has_value(), nodes.code(a.code_hash).has_value());
            if (code) {
                EXPECT_EQ(code_hash(*code), a.code_hash);
            }
        }
        const auto bare = cut(nodes, test::id_of(root, prefix), {.with_code = false}).value();
        EXPECT_TRUE(bare.codes.empty());
        EXPECT_TRUE(verify(bare));
    }
    EXPECT_EQ(carried, nodes.code_count());
}

// A comb: key i has i zero nibbles, then a 1: a branch at every nibble, 64 levels of hashed nodes,
// the deepest a trie of 32-byte keys can be (and the deepest walk verify and cut make).
TEST(SliceCut, TheDeepestPossibleTrieCutsAndVerifies) {
    std::mt19937_64 rng(10);
    Entries comb;
    for (std::size_t i = 0; i < kKeyNibbles; ++i) {
        Hash key{};
        key.bytes[i / 2] = i % 2 == 0 ? 0x10 : 0x01;
        comb[key] = test::large_storage_value(rng);  // long values: every leaf hashed
    }
    comb[Hash{}] = test::large_storage_value(rng);
    const auto t = test::build_trie(comb);
    const auto v = test::cut_and_verify(t.nodes, test::id_of(t.root, {}, kFullDepth, test::kOwner));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->stats().max_level, 64u);
    EXPECT_TRUE(v->stats().complete);
    check_against(*v, t.entries, rng);
    const auto shallow = test::cut_and_verify(t.nodes, test::id_of(t.root, {}, 63, test::kOwner));
    ASSERT_TRUE(shallow);
    EXPECT_FALSE(shallow->stats().complete);
}

TEST(SliceCut, OrderStemRecoversThePathOrder) {
    std::mt19937_64 rng(7);
    const auto t = test::build_trie(test::clustered_entries(rng, 300));
    for (const auto& prefix : prefixes_of(t.entries, 21, rng)) {
        const Slice s = cut(t.nodes, test::id_of(t.root, prefix, kFullDepth, test::kOwner)).value();
        auto shuffled = s.stem;
        std::ranges::shuffle(shuffled, rng);
        EXPECT_EQ(order_stem(s.id, shuffled, s.head).value(), s.stem);
        if (s.stem.empty()) continue;
        shuffled.pop_back();
        EXPECT_EQ(order_stem(s.id, shuffled, s.head).error(), Errc::kSliceBadStem);
    }
}

TEST(SliceCut, MissingNodesInTheSourceAreReported) {
    std::mt19937_64 rng(8);
    const auto t = test::build_trie(test::clustered_entries(rng, 50));
    NodeMap empty;
    EXPECT_EQ(cut(empty, test::id_of(t.root, {1})).error(), Errc::kMissingNode);
    SliceId bad = test::id_of(t.root, {1});
    bad.prefix = {16};
    EXPECT_EQ(cut(t.nodes, bad).error(), Errc::kSliceInvalidId);
}

}  // namespace
}  // namespace kitsunet::slice
