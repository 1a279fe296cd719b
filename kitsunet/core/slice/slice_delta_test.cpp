// Deltas: between the slices of one prefix at two roots of a real-ish state (the mainnet genesis
// state with accounts changed, created, deleted and given code), diff → wire → apply gives exactly
// the new slice, verified; deltas that do not fit are refused.
#include <gtest/gtest.h>

#include "kitsunet/core/slice/delta.hpp"
#include "kitsunet/core/slice/test_support.hpp"
#include "kitsunet/core/trie/test_support.hpp"

namespace kitsunet::slice {
namespace {

using test::Entries;

// A new state from `old`: balances and nonces changed, accounts created and deleted, code given.
// Returns the new entries; code goes into `nodes`.
Entries evolve(const Entries& old, std::mt19937_64& rng, NodeMap& nodes, std::vector<Hash>& touched) {
    Entries next = old;
    std::vector<Hash> keys;
    for (const auto& [k, v] : old) keys.push_back(k);
    for (int i = 0; i < 300; ++i) {
        const Hash key = keys[rng() % keys.size()];
        Account a = rlp::decode_account(next.at(key)).value();
        a.balance = U256{static_cast<std::uint64_t>(rng())};
        if (i % 4 == 0) ++a.nonce;
        if (i % 30 == 0) {
            const Bytes code = test::random_code(rng, 50 + rng() % 100);
            a.code_hash = code_hash(code);
            nodes.put_code(code);
        }
        next[key] = test::account_value(a);
        touched.push_back(key);
    }
    for (int i = 0; i < 40; ++i) {
        const Hash key = keys[rng() % keys.size()];
        next.erase(key);
        touched.push_back(key);
    }
    for (int i = 0; i < 100; ++i) {
        Account a;
        a.balance = U256{1 + rng() % 1000};
        const Hash key = keccak256(as_bytes("new account " + std::to_string(i)));
        next[key] = test::account_value(a);
        touched.push_back(key);
    }
    return next;
}

test::TestTrie build_into(NodeMap nodes, Entries entries) {
    test::TestTrie t;
    t.nodes = std::move(nodes);
    const std::vector<std::pair<Hash, Bytes>> sorted(entries.begin(), entries.end());
    t.root = add_trie(t.nodes, sorted);
    t.entries = std::move(entries);
    return t;
}

struct DeltaCounts {
    std::size_t applied{0}, unchanged{0}, became_empty{0}, became_full{0}, delta_nodes{0}, new_nodes{0};
};

// diff → RLP → decode → apply for the slice `prefix` between two tries; the result must be the new
// slice exactly.
void check_delta(const test::TestTrie& old_state, const test::TestTrie& new_state,
                 const trie::Nibbles& prefix, std::optional<Hash> owner, DeltaCounts& counts) {
    const auto old_slice =
        test::cut_and_verify(old_state.nodes, test::id_of(old_state.root, prefix, kFullDepth, owner));
    const auto new_slice =
        test::cut_and_verify(new_state.nodes, test::id_of(new_state.root, prefix, kFullDepth, owner));
    ASSERT_TRUE(old_slice && new_slice);
    const SliceDelta delta = diff(*old_slice, *new_slice).value();
    const auto received = rlp::decode_slice_delta(rlp::encode_slice_delta(delta));
    ASSERT_TRUE(received);
    ASSERT_EQ(*received, delta);
    const auto applied = apply(*old_slice, *received);
    ASSERT_TRUE(applied) << nibbles_to_text(prefix) << ": " << describe(applied.error());
    EXPECT_EQ(applied->slice(), new_slice->slice());
    ++counts.applied;
    counts.delta_nodes += delta.nodes.size();
    counts.new_nodes += new_slice->slice().nodes.size();
    if (delta.nodes.empty() && delta.head == old_slice->slice().head) ++counts.unchanged;
    if (!old_slice->slice().proves_empty() && new_slice->slice().proves_empty()) ++counts.became_empty;
    if (old_slice->slice().proves_empty() && !new_slice->slice().proves_empty()) ++counts.became_full;
}

TEST(SliceDelta, GenesisStateChangedAppliesAndVerifiesForEveryTouchedPrefix) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto genesis = test::state_trie(test::genesis_accounts(vectors));
    std::mt19937_64 rng(7);
    NodeMap new_nodes;
    std::vector<Hash> touched;
    auto new_entries = evolve(genesis.entries, rng, new_nodes, touched);
    const auto next = build_into(std::move(new_nodes), std::move(new_entries));
    ASSERT_NE(next.root, genesis.root);
    std::set<trie::Nibbles, trie::test::BytesLess> prefixes;
    for (const auto& key : touched) prefixes.insert(key_prefix(key));
    for (int i = 0; i < 200; ++i) prefixes.insert(key_prefix(keccak256(as_bytes(std::to_string(rng())))));
    for (const auto& prefix : test::all_prefixes(2)) prefixes.insert(prefix);
    DeltaCounts counts;
    for (const auto& prefix : prefixes) check_delta(genesis, next, prefix, std::nullopt, counts);
    EXPECT_GT(counts.unchanged, 100u);
    EXPECT_GT(counts.became_empty, 0u);
    EXPECT_GT(counts.became_full, 0u);
    EXPECT_LT(counts.delta_nodes * 3, counts.new_nodes);  // a delta is much smaller than the slice
}

TEST(SliceDelta, StorageSlicesWithEmbeddedNodes) {
    std::mt19937_64 rng(8);
    const auto old_state = test::build_trie(test::clustered_entries(rng, 300));
    Entries changed = old_state.entries;
    std::vector<Hash> touched;
    for (auto& [key, value] : changed)
        if (rng() % 10 == 0) {
            value = test::storage_value(1 + rng() % 100);
            touched.push_back(key);
        }
    for (const auto& [key, value] : test::clustered_entries(rng, 20)) {
        changed[key] = value;
        touched.push_back(key);
    }
    const auto new_state = test::build_trie(std::move(changed));
    DeltaCounts counts;
    for (std::size_t length : {0u, 1u, 2u, 20u, 60u})
        for (const auto& key : touched)
            check_delta(old_state, new_state, key_prefix(key, length), test::kOwner, counts);
    EXPECT_GT(counts.applied, 100u);
}

class BadDeltas : public ::testing::Test {
  protected:
    void SetUp() override {
        std::mt19937_64 rng(9);
        old_state_ = test::build_trie(test::clustered_entries(rng, 200));
        Entries changed = old_state_.entries;
        for (auto& [key, value] : changed) value = test::large_storage_value(rng);
        new_state_ = test::build_trie(std::move(changed));
        old_slice_ = test::cut_and_verify(old_state_.nodes,
                                          test::id_of(old_state_.root, {}, kFullDepth, test::kOwner));
        new_slice_ = test::cut_and_verify(new_state_.nodes,
                                          test::id_of(new_state_.root, {}, kFullDepth, test::kOwner));
        delta_ = diff(*old_slice_, *new_slice_).value();
        ASSERT_FALSE(delta_.nodes.empty());
    }

    test::TestTrie old_state_, new_state_;
    std::optional<VerifiedSlice> old_slice_, new_slice_;
    SliceDelta delta_;
};

TEST_F(BadDeltas, ForAnotherRootOrPrefixOrDepth) {
    SliceDelta other_root = delta_;
    other_root.old_root = new_state_.root;
    EXPECT_EQ(apply(*old_slice_, other_root).error(), Errc::kSliceMismatch);
    SliceDelta other_prefix = delta_;
    other_prefix.id.prefix = {1};
    EXPECT_EQ(apply(*old_slice_, other_prefix).error(), Errc::kSliceMismatch);
    SliceDelta other_depth = delta_;
    other_depth.id.depth = 3;
    EXPECT_EQ(apply(*old_slice_, other_depth).error(), Errc::kSliceMismatch);
    const auto other_slice =
        test::cut_and_verify(old_state_.nodes, test::id_of(old_state_.root, {2}, kFullDepth, test::kOwner));
    EXPECT_EQ(diff(*old_slice_, *other_slice).error(), Errc::kSliceMismatch);
}

TEST_F(BadDeltas, MissingExtraOrForgedNodes) {
    SliceDelta missing = delta_;
    missing.nodes.pop_back();
    EXPECT_EQ(apply(*old_slice_, missing).error(), Errc::kSliceMissingNode);
    SliceDelta extra = delta_;
    extra.nodes.push_back(old_slice_->slice().head);  // the old root: not part of the new slice
    EXPECT_EQ(apply(*old_slice_, extra).error(), Errc::kSliceExtraNode);
    SliceDelta duplicate = delta_;
    duplicate.nodes.push_back(duplicate.nodes.front());
    EXPECT_EQ(apply(*old_slice_, duplicate).error(), Errc::kSliceDuplicate);
    SliceDelta forged_head = delta_;
    forged_head.head.back() ^= 1;
    EXPECT_FALSE(apply(*old_slice_, forged_head));
    SliceDelta extra_code = delta_;
    extra_code.codes.push_back(Bytes{0x60, 0x00});
    EXPECT_EQ(apply(*old_slice_, extra_code).error(), Errc::kSliceExtraCode);
}

TEST_F(BadDeltas, TruncatedOrPaddedWireFormsAreRefused) {
    const Bytes wire = rlp::encode_slice_delta(delta_);
    for (std::size_t n = 0; n < wire.size(); n += 1 + n / 8)
        EXPECT_FALSE(rlp::decode_slice_delta(ByteView{wire.data(), n})) << n;
    Bytes padded = wire;
    padded.push_back(0);
    EXPECT_FALSE(rlp::decode_slice_delta(padded));
}

}  // namespace
}  // namespace kitsunet::slice
