// Ordered tries: the streaming RLP(index) order gives the same root as inserting by index.
#include "kitsunet/core/trie/ordered.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/node.hpp"
#include "kitsunet/core/trie/test_support.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::trie {
namespace {

TEST(OrderedRoot, EmptyListHasEmptyRoot) { EXPECT_EQ(ordered_root(std::span<const Bytes>{}), kEmptyRoot); }

TEST(OrderedRoot, MatchesTrieKeyedByRlpIndex) {
    std::mt19937_64 rng(6);
    for (std::size_t n : {1u, 2u, 127u, 128u, 129u, 255u, 256u, 257u, 1000u}) {
        std::vector<Bytes> items;
        Trie t;
        for (std::size_t i = 0; i < n; ++i) {
            items.push_back(test::random_bytes(rng, 1 + rng() % 100));
            Bytes key;
            rlp::encode(key, static_cast<std::uint64_t>(i));
            t.put(key, items.back());
        }
        EXPECT_EQ(ordered_root(items), t.root_hash()) << n;
        std::vector<ByteView> views(items.begin(), items.end());
        EXPECT_EQ(ordered_root(views), t.root_hash()) << n;
    }
}

}  // namespace
}  // namespace kitsunet::trie
