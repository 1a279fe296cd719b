// Forged slices: a thousand random mutations of valid slices (a flipped byte in any node or code,
// a node removed, a foreign node added, a stem node swapped, a node beyond the depth, a false id)
// are all refused, each with a reason.
#include <gtest/gtest.h>

#include "kitsunet/core/slice/forgery.hpp"

namespace kitsunet::slice {
namespace {

TEST(ForgedSlices, AThousandRandomMutationsAreAllRefusedWithAReason) {
    std::mt19937_64 rng(2026);
    test::ForgeryPool pool = test::make_pool(rng);
    std::map<std::string, std::map<std::string, int>> reasons;  // mutation → refusal → count
    for (int done = 0; done < 1000; ++done) {
        const auto [name, forged] = test::forge(pool, rng);
        // Also through the wire: what a peer would receive.
        const auto received = rlp::decode_slice(rlp::encode_slice(forged));
        ASSERT_TRUE(received) << name;
        const auto verified = verify(*received);
        ASSERT_FALSE(verified) << name << ": " << forged.id.to_string() << " was accepted";
        ++reasons[name][std::string(describe(verified.error()))];
    }
    for (const auto& [name, mutate] : test::mutations())
        EXPECT_TRUE(reasons.contains(name)) << name << " never ran";
    for (const auto& [name, by_reason] : reasons)
        for (const auto& [reason, count] : by_reason)
            std::printf("  %-28s %4d  %s\n", name.c_str(), count, reason.c_str());
    // The reasons name what is wrong.
    EXPECT_TRUE(reasons["overrun the depth"].contains(std::string(describe(Errc::kSliceTooDeep))));
    EXPECT_TRUE(reasons["remove a node"].contains(std::string(describe(Errc::kSliceMissingNode))));
    EXPECT_TRUE(reasons["add a foreign node or code"].contains(std::string(describe(Errc::kSliceExtraNode))));
    EXPECT_TRUE(reasons["add a foreign node or code"].contains(std::string(describe(Errc::kSliceExtraCode))));
    EXPECT_TRUE(reasons["add a foreign node or code"].contains(std::string(describe(Errc::kSliceDuplicate))));
    EXPECT_TRUE(reasons["flip a byte"].contains(std::string(describe(Errc::kSliceBadHash))));
}

TEST(ForgedSlices, AnExpectedRootOtherThanTheSlicesIsRefused) {
    std::mt19937_64 rng(3);
    const auto t = test::build_trie(test::clustered_entries(rng, 50));
    const Slice s = cut(t.nodes, test::id_of(t.root, {1}, kFullDepth, test::kOwner)).value();
    EXPECT_TRUE(verify(s, t.root));
    EXPECT_EQ(verify(s, keccak256(as_bytes("another root"))).error(), Errc::kSliceWrongRoot);
}

TEST(ForgedSlices, StateLeavesMustBeAccountsAndStorageLeavesStorageValues) {
    std::mt19937_64 rng(4);
    const auto storage = test::build_trie(test::clustered_entries(rng, 50));
    auto as_state = cut(storage.nodes, test::id_of(storage.root, {})).value();
    EXPECT_EQ(verify(as_state).error(), Errc::kSliceBadValue);
    test::Entries zero;
    zero[keccak256(as_bytes("slot"))] = Bytes{0x80};  // a zero value is never stored
    const auto t = test::build_trie(zero);
    EXPECT_EQ(verify(cut(t.nodes, test::id_of(t.root, {}, kFullDepth, test::kOwner)).value()).error(),
              Errc::kSliceBadValue);
}

TEST(ForgedSlices, TriesOfOtherKeyLengthsAreRefused) {
    NodeMap nodes;
    trie::HashBuilder builder;
    builder.set_node_sink(nodes.sink());
    // 2-byte keys: the leaves (embedded in the root) end at nibble 4, not 64.
    builder.add(Bytes{0x12, 0x34}, test::storage_value(5));
    builder.add(Bytes{0x12, 0x35}, test::storage_value(6));
    const Hash root = builder.root();
    const SliceId id = test::id_of(root, {}, kFullDepth, test::kOwner);
    EXPECT_EQ(cut(nodes, id).error(), Errc::kSliceMalformedTrie);
    Slice forged;
    forged.id = id;
    forged.head = nodes.node(root).value();
    EXPECT_EQ(verify(forged).error(), Errc::kSliceMalformedTrie);
}

}  // namespace
}  // namespace kitsunet::slice
