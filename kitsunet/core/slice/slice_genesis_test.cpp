// The mainnet genesis state (8,893 accounts, root d7f8974f…) in slices: every prefix of 1 to 4
// nibbles cuts and verifies, the slices of each length rebuild exactly the root, and every account
// (and absent ones) reads from its slice as from the full trie.
#include <gtest/gtest.h>

#include <unordered_map>

#include "kitsunet/core/slice/test_support.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/test_support.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::slice {
namespace {

constexpr std::string_view kGenesisRoot = "d7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";

class GenesisSlices : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto vectors = testing::vectors_dir();
        if (!vectors) return;
        accounts_ = new std::vector<std::pair<Address, Account>>(test::genesis_accounts(*vectors));
        state_ = new test::TestTrie(test::state_trie(*accounts_));
    }
    static void TearDownTestSuite() {
        delete state_;
        delete accounts_;
        state_ = nullptr;
        accounts_ = nullptr;
    }
    void SetUp() override {
        if (state_ == nullptr) GTEST_SKIP() << "../shared/vectors is absent: skipping vector test";
    }

    static std::vector<std::pair<Address, Account>>* accounts_;
    static test::TestTrie* state_;
};

std::vector<std::pair<Address, Account>>* GenesisSlices::accounts_ = nullptr;
test::TestTrie* GenesisSlices::state_ = nullptr;

TEST_F(GenesisSlices, TheStateIsTheMainnetGenesisState) {
    EXPECT_EQ(accounts_->size(), 8893u);
    EXPECT_EQ(to_hex(state_->root), kGenesisRoot);
}

TEST_F(GenesisSlices, EveryPrefixOfOneToThreeNibblesAndEveryFourthOfFourVerifiesAndRebuildsTheRoot) {
    for (std::size_t length = 1; length <= 4; ++length) {
        std::vector<std::pair<Hash, Bytes>> leaves;
        std::size_t cut_count = 0;
        const auto prefixes = test::all_prefixes(length);
        for (std::size_t i = 0; i < prefixes.size(); i += (length == 4 ? 4 : 1), ++cut_count) {
            const auto v = test::cut_and_verify(state_->nodes, test::id_of(state_->root, prefixes[i]));
            ASSERT_TRUE(v);
            for (auto& leaf : v->leaves()) leaves.emplace_back(leaf.key, std::move(leaf.value));
        }
        if (length == 4) {
            EXPECT_EQ(cut_count, 16384u);
            continue;  // a sample: its leaves are not the whole state
        }
        ASSERT_EQ(leaves.size(), accounts_->size()) << "prefix length " << length;
        NodeMap rebuilt;
        EXPECT_EQ(to_hex(add_trie(rebuilt, leaves)), kGenesisRoot) << "prefix length " << length;
    }
}

TEST_F(GenesisSlices, TheUnionOfAllSixtyFiveThousandSlicesIsTheState) {
    std::vector<std::pair<Hash, Bytes>> leaves;
    std::size_t empty = 0;
    for (const auto& prefix : test::all_prefixes(kDefaultPrefixLength)) {
        auto s = cut(state_->nodes, test::id_of(state_->root, prefix));
        ASSERT_TRUE(s);
        auto v = verify(std::move(*s), state_->root);
        ASSERT_TRUE(v) << describe(v.error());
        if (v->slice().proves_empty()) ++empty;
        for (auto& leaf : v->leaves()) leaves.emplace_back(leaf.key, std::move(leaf.value));
    }
    EXPECT_GT(empty, 50000u);  // 8,893 accounts leave most of 65,536 prefixes empty
    ASSERT_EQ(leaves.size(), accounts_->size());
    NodeMap rebuilt;
    EXPECT_EQ(to_hex(add_trie(rebuilt, leaves)), kGenesisRoot);
}

TEST_F(GenesisSlices, EveryAccountAndAbsentOnesReadAsInTheFullTrie) {
    trie::SecureTrie full;
    for (const auto& [address, account] : *accounts_) full.put(address, test::account_value(account));
    std::map<trie::Nibbles, VerifiedSlice, trie::test::BytesLess> slices;
    const auto slice_of = [&](const Hash& key) -> const VerifiedSlice& {
        const auto prefix = key_prefix(key);
        auto found = slices.find(prefix);
        if (found == slices.end())
            found =
                slices
                    .emplace(prefix, *test::cut_and_verify(state_->nodes, test::id_of(state_->root, prefix)))
                    .first;
        return found->second;
    };
    for (const auto& [address, account] : *accounts_) {
        const Hash key = keccak256(address);
        const auto got = slice_of(key).account(key);
        ASSERT_TRUE(got && *got) << to_hex(address);
        EXPECT_EQ(**got, account);
        EXPECT_EQ(test::account_value(**got), full.get(address).value());
    }
    std::mt19937_64 rng(11);
    for (int i = 0; i < 2000; ++i) {
        Address absent;
        for (auto& b : absent.bytes) b = static_cast<std::uint8_t>(rng());
        const Hash key = keccak256(absent);
        const auto& v = slice_of(key);
        const auto got = v.account(key);
        ASSERT_TRUE(got);
        EXPECT_FALSE(got->has_value());
        EXPECT_FALSE(full.get(absent).has_value());
        // The absence is proven against the root by the slice's own nodes.
        EXPECT_FALSE(trie::verify_proof(state_->root, key, v.proof(key).value()).value().has_value());
    }
}

}  // namespace
}  // namespace kitsunet::slice
