// The store's contract (store.hpp), on real RocksDB in a scratch directory: slices come back as
// they were put, refused ones leave nothing, nodes are shared and freed with their last slice,
// groups track the latest root, pruning keeps the window and the latest, the quota holds.
#include "kitsunet/store/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/store/store_test_support.hpp"
#include "kitsunet/store/test_chain.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::store {
namespace {

using test::consistent;
using test::open_or_fail;
using test::ScratchDir;
using test::SyntheticChain;

const SyntheticChain& chain() {
    static const SyntheticChain c({.accounts = 600, .code_every = 25, .seed = 7});
    return c;
}

// Slices of prefix length 1 of the chain at `number`, put as of `number`.
std::vector<slice::Slice> put_block(Store& store, std::uint64_t number, std::size_t prefix_length = 1) {
    auto slices = SyntheticChain::slices_of(chain().state_at(number), prefix_length);
    for (const auto& s : slices) {
        const auto put = store.put_slice(s, number);
        EXPECT_TRUE(put) << put.error().message;
    }
    return slices;
}

slice::SliceId id_at(const Hash& root, trie::Nibbles prefix) {
    slice::SliceId id;
    id.root = root;
    id.prefix = std::move(prefix);
    return id;
}

TEST(Store, SlicesComeBackExactlyAsPut) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto slices = put_block(*store, 1);
    for (const auto& s : slices) {
        const auto got = store->get_slice(s.id);
        ASSERT_TRUE(got && *got) << s.id.to_string();
        EXPECT_EQ(**got, s);
        const auto verified = store->get_verified_slice(s.id);
        ASSERT_TRUE(verified && *verified);
        EXPECT_EQ((*verified)->id(), s.id);
    }
    const Stats stats = store->stats();
    EXPECT_EQ(stats.slices, 16u);
    EXPECT_EQ(stats.codes, 600u / 25);
    EXPECT_GT(stats.nodes, 600u);
    EXPECT_GT(stats.usage_bytes, 600u * 100);
    EXPECT_GT(stats.disk_bytes, 0u);
    EXPECT_TRUE(consistent(*store, true));
    // Absent: another root, a prefix never put, an invalid id.
    EXPECT_FALSE(store->get_slice(id_at(keccak256(as_bytes("x")), {1})).value());
    EXPECT_FALSE(store->get_slice(id_at(slices[0].id.root, {1, 2})).value());
    EXPECT_FALSE(store->get_slice(id_at(slices[0].id.root, {1, 17})).value());
}

TEST(Store, ReopenedStoreHoldsTheSame) {
    ScratchDir dir;
    std::vector<slice::Slice> slices;
    Stats before;
    {
        auto store = open_or_fail(dir.path());
        slices = put_block(*store, 3);
        before = store->stats();
    }
    auto store = open_or_fail(dir.path());
    const Stats after = store->stats();
    EXPECT_EQ(after.slices, before.slices);
    EXPECT_EQ(after.nodes, before.nodes);
    EXPECT_EQ(after.usage_bytes, before.usage_bytes);
    for (const auto& s : slices) EXPECT_EQ(*store->get_slice(s.id).value(), s);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, RefusesSlicesThatDoNotVerifyAndWritesNothing) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    auto slices = SyntheticChain::slices_of(chain().state_at(1), 1);
    auto forged = slices[5];
    forged.nodes.back().back() ^= 1;  // a node that no longer hashes to its reference
    auto put = store->put_slice(forged, 1);
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error().code, StoreErrc::kRefused);
    EXPECT_NE(put.error().message.find(forged.id.to_string()), std::string::npos) << put.error().message;

    auto incomplete = slices[6];
    incomplete.nodes.pop_back();
    put = store->put_slice(incomplete, 1);
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error().code, StoreErrc::kRefused);

    auto wrong_root = slices[7];
    wrong_root.id.root = keccak256(as_bytes("another root"));
    EXPECT_EQ(store->put_slice(wrong_root, 1).error().code, StoreErrc::kRefused);

    EXPECT_TRUE(test::same_totals(store->stats(), Stats{}));
    EXPECT_FALSE(store->get_slice(forged.id).value());
    EXPECT_FALSE(store->latest(forged.id.prefix).value());
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, NodesAreSharedBetweenRootsAndFreedWithTheirLastSlice) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto first = put_block(*store, 10);
    const Stats one = store->stats();
    const auto second = put_block(*store, 11);
    const Stats two = store->stats();
    EXPECT_EQ(two.slices, 32u);
    // Most accounts did not change between blocks 10 and 11: far fewer than twice the nodes.
    EXPECT_LT(two.nodes, one.nodes * 3 / 2);
    EXPECT_EQ(two.codes, one.codes);  // codes never change
    EXPECT_TRUE(consistent(*store));

    // A node of block 10's root that block 11 lacks: the old root node itself.
    const Hash old_root = first[0].id.root;
    ASSERT_TRUE(store->get_node(old_root).value());
    for (const auto& s : first) EXPECT_TRUE(store->remove_slice(s.id).value());
    EXPECT_FALSE(store->remove_slice(first[0].id).value());
    EXPECT_FALSE(store->get_node(old_root).value());
    const Stats left = store->stats();
    EXPECT_EQ(left.slices, 16u);
    EXPECT_EQ(left.nodes, one.nodes);  // block 11 alone holds as many nodes as block 10 alone
    EXPECT_EQ(left.codes, one.codes);
    for (const auto& s : second) EXPECT_EQ(*store->get_slice(s.id).value(), s);
    EXPECT_TRUE(consistent(*store, true));

    for (const auto& s : second) EXPECT_TRUE(store->remove_slice(s.id).value());
    EXPECT_TRUE(test::same_totals(store->stats(), Stats{}));  // nothing left
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, StoringASliceTwiceStoresItOnce) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto slices = put_block(*store, 4);
    const Stats once = store->stats();
    put_block(*store, 4);
    const Stats twice = store->stats();
    EXPECT_EQ(twice.slices, once.slices);
    EXPECT_EQ(twice.nodes, once.nodes);
    EXPECT_EQ(twice.usage_bytes, once.usage_bytes);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, LatestFollowsTheHighestBlockOfEachGroup) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto b5 = put_block(*store, 5);
    const auto b6 = put_block(*store, 6);
    auto latest = store->latest({3}).value();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->id, b6[3].id);
    EXPECT_EQ(latest->number, 6u);
    // A late slice of an older block does not take the group back.
    store->remove_slice(b5[3].id).value();
    ASSERT_TRUE(store->put_slice(b5[3], 5));
    EXPECT_EQ(store->latest({3}).value()->id, b6[3].id);
    // Another depth, or a storage owner, is another group.
    EXPECT_FALSE(store->latest({3}, 5).value());
    EXPECT_FALSE(store->latest({3}, slice::kFullDepth, keccak256(as_bytes("owner"))).value());
    const auto all = store->latest_slices().value();
    ASSERT_EQ(all.size(), 16u);
    for (std::size_t i = 0; i < 16; ++i) EXPECT_EQ(all[i].id, b6[i].id);
    // Removing the latest leaves the group without one.
    EXPECT_TRUE(store->remove_slice(b6[3].id).value());
    EXPECT_FALSE(store->latest({3}).value());
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, PruningKeepsTheWindowAndEachGroupsLatest) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path(), {.prune_window = 4});
    std::vector<std::vector<slice::Slice>> blocks(13);
    for (std::uint64_t n = 1; n <= 12; ++n) {
        blocks[n] = SyntheticChain::slices_of(chain().state_at(n), 1);
        for (std::size_t p = 0; p < 16; ++p) {
            if (p == 0 && n > 3) continue;  // group 0 stops at block 3
            ASSERT_TRUE(store->put_slice(blocks[n][p], n));
        }
        ASSERT_TRUE(store->prune(n));
        EXPECT_TRUE(consistent(*store)) << "after block " << n;
    }
    // Head 12, window 4: blocks 9…12 stay; of the rest, only group 0's latest (block 3).
    for (std::uint64_t n = 1; n <= 12; ++n) {
        for (std::size_t p = 0; p < 16; ++p) {
            const bool put = !(p == 0 && n > 3);
            const bool kept = put && (n >= 9 || (p == 0 && n == 3));
            EXPECT_EQ(store->get_slice(blocks[n][p].id).value().has_value(), kept)
                << "block " << n << " prefix " << p;
        }
    }
    EXPECT_EQ(store->stats().slices, 4u * 15 + 1);
    // Group 0 moves on: its block-3 slice goes at the next prune.
    ASSERT_TRUE(store->put_slice(blocks[12][0], 12));
    EXPECT_EQ(store->prune(12)->slices_removed, 1u);
    EXPECT_FALSE(store->get_slice(blocks[3][0].id).value());
    EXPECT_TRUE(consistent(*store, true));
}

// DESIGN's default: 128 blocks of history below the head.
TEST(Store, TheDefaultWindowKeeps128BlocksBelowTheHead) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    EXPECT_EQ(store->options().prune_window, 128u);
    std::vector<slice::SliceId> ids{{}};  // by block, of group 1 (group 2 stays at block 1)
    const auto first = SyntheticChain::slices_of(chain().state_at(1), 1);
    ASSERT_TRUE(store->put_slice(first[2], 1));
    for (std::uint64_t n = 1; n <= 131; ++n) {
        auto slices = SyntheticChain::slices_of(chain().state_at(n), 1);
        ASSERT_TRUE(store->put_slice(slices[1], n));
        ids.push_back(slices[1].id);
    }
    EXPECT_EQ(store->prune(131)->slices_removed, 3u);  // blocks 1, 2 and 3 are 128 or more below
    for (std::uint64_t n = 1; n <= 131; ++n)
        EXPECT_EQ(store->get_slice(ids[n]).value().has_value(), n >= 4) << "block " << n;
    EXPECT_TRUE(store->get_slice(first[2].id).value());  // its group's latest stays
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, PruneReportsWhatItFreed) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path(), {.prune_window = 1});
    put_block(*store, 20);
    const Stats one = store->stats();
    put_block(*store, 21);
    const Stats two = store->stats();
    const auto report = store->prune(21).value();
    EXPECT_EQ(report.slices_removed, 16u);
    EXPECT_EQ(report.nodes_removed, two.nodes - store->stats().nodes);
    EXPECT_EQ(report.bytes_freed, two.usage_bytes - store->stats().usage_bytes);
    EXPECT_GT(report.nodes_removed, 0u);
    EXPECT_LT(report.nodes_removed, one.nodes);
    EXPECT_EQ(store->prune(21)->slices_removed, 0u);  // nothing more to do
    EXPECT_EQ(store->prune(5)->slices_removed, 0u);   // a head below the window prunes nothing
}

TEST(Store, QuotaRefusesWhatWouldExceedItAndWritesNothing) {
    ScratchDir dir;
    const auto slices = SyntheticChain::slices_of(chain().state_at(1), 1);
    std::uint64_t half = 0;
    {
        ScratchDir probe;
        auto unlimited = open_or_fail(probe.path());
        for (std::size_t i = 0; i < 8; ++i) ASSERT_TRUE(unlimited->put_slice(slices[i], 1));
        half = unlimited->stats().usage_bytes;
    }
    auto store = open_or_fail(dir.path(), {.quota_bytes = half, .prune_window = 1});
    std::size_t stored = 0;
    for (const auto& s : slices) {
        const Stats before = store->stats();
        const auto put = store->put_slice(s, 1);
        if (put) {
            ++stored;
            continue;
        }
        EXPECT_EQ(put.error().code, StoreErrc::kQuotaExceeded) << put.error().message;
        EXPECT_FALSE(store->get_slice(s.id).value());
        EXPECT_EQ(store->stats().usage_bytes, before.usage_bytes);
        EXPECT_EQ(store->stats().nodes, before.nodes);
    }
    EXPECT_EQ(stored, 8u);
    EXPECT_LE(store->stats().usage_bytes, half);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, PruningMakesRoomWithinTheQuota) {
    std::uint64_t block = 0;
    {
        ScratchDir probe;
        auto unlimited = open_or_fail(probe.path());
        put_block(*unlimited, 1);
        block = unlimited->stats().usage_bytes;
    }
    // Room for a block and a half: each block shares most nodes with the one before, so the
    // store keeps up as long as pruning drops what the window no longer needs.
    ScratchDir dir;
    auto store = open_or_fail(dir.path(), {.quota_bytes = block * 3 / 2, .prune_window = 1});
    for (std::uint64_t n = 1; n <= 12; ++n) {
        put_block(*store, n);
        ASSERT_TRUE(store->prune(n));
        EXPECT_LE(store->stats().usage_bytes, block * 3 / 2);
    }
    EXPECT_TRUE(consistent(*store));
    // Without pruning, the quota is reached and refuses.
    bool refused = false;
    for (std::uint64_t n = 13; n <= 30 && !refused; ++n)
        for (const auto& s : SyntheticChain::slices_of(chain().state_at(n), 1))
            if (auto put = store->put_slice(s, n); !put) {
                EXPECT_EQ(put.error().code, StoreErrc::kQuotaExceeded);
                refused = true;
                break;
            }
    EXPECT_TRUE(refused);
    EXPECT_TRUE(consistent(*store));
}

BlockHeader header_at(std::uint64_t number, std::uint64_t salt = 0) {
    BlockHeader h;
    h.number = number;
    h.parent_hash = keccak256(as_bytes("parent " + std::to_string(number)));
    h.state_root = keccak256(as_bytes("state " + std::to_string(number + 1000 * salt)));
    h.gas_limit = 30'000'000;
    h.timestamp = 1'700'000'000 + 12 * number;
    h.base_fee_per_gas = U256{7};
    return h;
}

TEST(Store, HeadersByHashAndByNumberWithReorgs) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    for (std::uint64_t n = 100; n < 110; ++n) ASSERT_TRUE(store->put_header(header_at(n)));
    for (std::uint64_t n = 100; n < 110; ++n) {
        const auto h = header_at(n);
        EXPECT_EQ(store->header_by_number(n).value(), h);
        EXPECT_EQ(store->header_by_hash(block_hash(h)).value(), h);
    }
    EXPECT_FALSE(store->header_by_number(99).value());
    EXPECT_FALSE(store->header_by_hash(keccak256(as_bytes("none"))).value());
    // A reorg at 105: the new header is canonical there; the old one stays reachable by hash.
    const auto uncle = header_at(105, 1);
    ASSERT_TRUE(store->put_header(uncle));
    EXPECT_EQ(store->header_by_number(105).value(), uncle);
    EXPECT_EQ(store->header_by_hash(block_hash(header_at(105))).value(), header_at(105));
    EXPECT_EQ(store->stats().headers, 11u);
    ASSERT_TRUE(store->put_header(uncle));  // again: nothing new
    EXPECT_EQ(store->stats().headers, 11u);
    BlockHeader malformed = header_at(1);
    malformed.withdrawals_root.reset();
    malformed.base_fee_per_gas.reset();
    malformed.blob_gas_used = 1;  // Cancun fields without London's
    EXPECT_EQ(store->put_header(malformed).error().code, StoreErrc::kRefused);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, RealMainnetHeaders) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    std::size_t count = 0;
    for (const auto& file : std::filesystem::directory_iterator(vectors / "mainnet/headers")) {
        if (!file.path().string().ends_with(".rlp.hex")) continue;
        auto text = kitsunet::testing::read_file(file.path());
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
        const Bytes rlp = from_hex(text).value();
        const BlockHeader h = rlp::decode_block_header(rlp).value();
        ASSERT_TRUE(store->put_header(h));
        EXPECT_EQ(block_hash(*store->header_by_number(h.number).value()), keccak256(rlp));
        ++count;
    }
    EXPECT_GE(count, 10u);
    EXPECT_EQ(store->stats().headers, count);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, SlicesCutFromTheStoreEqualThoseCutFromMemory) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto state = chain().state_at(9);
    put_block(*store, 9);
    const auto source = store->node_source();
    // Prefixes of 2 nibbles (finer than what was stored) and a depth limit: re-cut, not replayed.
    for (const trie::Nibbles& prefix : {trie::Nibbles{0, 0}, trie::Nibbles{7, 3}, trie::Nibbles{0xf, 0xe}}) {
        for (const std::uint8_t depth : {std::uint8_t{1}, slice::kFullDepth}) {
            auto id = id_at(state.root, prefix);
            id.depth = depth;
            const auto from_store = slice::cut(*source, id);
            ASSERT_TRUE(from_store) << describe(from_store.error());
            EXPECT_EQ(*from_store, slice::cut(state.nodes, id).value());
            EXPECT_TRUE(slice::verify(*from_store));
        }
    }
    // Codes come along: the whole-trie slice carries every contract's code.
    const auto whole = slice::cut(*source, id_at(state.root, {})).value();
    EXPECT_EQ(whole.codes.size(), 600u / 25);
    EXPECT_EQ(source->node(keccak256(as_bytes("absent"))).error(), Errc::kMissingNode);
    EXPECT_EQ(store->get_code(keccak256(whole.codes[0])).value(), whole.codes[0]);
}

TEST(Store, NodeSourceSeesOneSnapshot) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    const auto slices = put_block(*store, 2);
    const auto source = store->node_source();
    for (const auto& s : slices) ASSERT_TRUE(store->remove_slice(s.id).value());
    EXPECT_FALSE(store->get_node(slices[0].id.root).value());
    EXPECT_TRUE(source->node(slices[0].id.root));  // still there in the source's snapshot
    EXPECT_EQ(slice::cut(*source, slices[4].id).value(), slices[4]);
}

// Storage slices, slices that prove their prefix empty, heads embedded in their parents.
TEST(Store, StorageSlicesAndEmptyPrefixes) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path());
    slice::NodeMap nodes;
    std::vector<std::pair<Hash, Bytes>> storage;
    for (std::uint8_t i = 1; i <= 40; ++i) {
        Hash key = keccak256(Bytes{i});
        key.bytes[0] &= 0x7f;  // nothing under prefixes 8…f
        storage.emplace_back(key, rlp::encode_string(Bytes{i}));
    }
    // Four keys that differ in their last nibble only: a branch at nibble 63 whose leaves are so
    // short that they are embedded in it, and so are the heads of slices at those keys.
    Hash cluster = keccak256(as_bytes("cluster"));
    cluster.bytes[0] = 0x12;
    for (std::uint8_t last = 0; last < 4; ++last) {
        cluster.bytes[31] = static_cast<std::uint8_t>((cluster.bytes[31] & 0xf0) | last);
        storage.emplace_back(cluster, rlp::encode_string(Bytes{static_cast<std::uint8_t>(last + 1)}));
    }
    std::ranges::sort(storage);
    const Hash root = slice::add_trie(nodes, storage);
    const Hash owner = keccak256(as_bytes("a contract address"));
    std::vector<trie::Nibbles> prefixes;
    for (std::uint8_t p = 0; p < 16; ++p)
        for (std::uint8_t q = 0; q < 16; q += 5) prefixes.push_back({p, q});
    for (std::uint8_t last = 0; last < 6; ++last) {
        trie::Nibbles at_key = trie::unpack_nibbles(cluster);
        at_key.back() = last;
        prefixes.push_back(at_key);
    }
    std::size_t empty = 0, embedded = 0;
    for (const auto& prefix : prefixes) {
        auto id = id_at(root, prefix);
        id.storage_owner = owner;
        const auto s = slice::cut(nodes, id).value();
        if (s.proves_empty()) ++empty;
        if (!s.head.empty() && s.head.size() < 32) ++embedded;
        const auto put = store->put_slice(s, 50);
        ASSERT_TRUE(put) << put.error().message;
        EXPECT_EQ(*store->get_slice(id).value(), s);
        EXPECT_EQ(store->latest(prefix, slice::kFullDepth, owner).value()->id, id);
    }
    EXPECT_GT(empty, 0u);
    EXPECT_GT(embedded, 0u);
    EXPECT_FALSE(store->latest({0, 0}).value());  // the state group of the same prefix is another
    EXPECT_TRUE(consistent(*store, true));
}

// Readers run while a writer puts and prunes: every slice they see is whole and verifies.
TEST(Store, ConcurrentReadersSeeWholeSlices) {
    ScratchDir dir;
    auto store = open_or_fail(dir.path(), {.prune_window = 2});
    std::vector<std::vector<slice::Slice>> blocks;
    for (std::uint64_t n = 0; n < 8; ++n) blocks.push_back(SyntheticChain::slices_of(chain().state_at(n), 1));
    std::atomic<bool> done{false};
    std::atomic<std::size_t> seen{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&, r] {
            std::size_t i = static_cast<std::size_t>(r);
            while (!done.load()) {
                const auto& s = blocks[i % blocks.size()][i % 16];
                const auto got = store->get_verified_slice(s.id);
                EXPECT_TRUE(got) << got.error().message;
                if (got && *got) ++seen;
                i += 7;
            }
        });
    }
    for (std::uint64_t n = 0; n < blocks.size(); ++n) {
        for (const auto& s : blocks[n]) ASSERT_TRUE(store->put_slice(s, n));
        ASSERT_TRUE(store->prune(n));
    }
    done = true;
    for (auto& t : readers) t.join();
    EXPECT_GT(seen.load(), 0u);
    EXPECT_TRUE(consistent(*store));
}

TEST(Store, OpenFailsCleanlyOnWhatIsNotAStore) {
    ScratchDir dir;
    std::ofstream(dir.path() / "CURRENT") << "garbage\n";
    auto store = Store::open(dir.path());
    ASSERT_FALSE(store);
    EXPECT_FALSE(store.error().message.empty());
    const auto missing = Store::open(dir.path() / "absent", {.create_if_missing = false});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, StoreErrc::kIo);
}

TEST(Store, ReadOnlyOpenReads) {
    ScratchDir dir;
    std::vector<slice::Slice> slices;
    {
        auto store = open_or_fail(dir.path());
        slices = put_block(*store, 1);
    }
    auto store = open_or_fail(dir.path(), {.read_only = true});
    EXPECT_EQ(*store->get_slice(slices[2].id).value(), slices[2]);
    EXPECT_FALSE(store->put_slice(SyntheticChain::slices_of(chain().state_at(2), 1)[0], 2));
}

}  // namespace
}  // namespace kitsunet::store
