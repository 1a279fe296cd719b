// The on-disk format: every key and value decodes back to what was encoded, and decoders refuse
// anything else (stored bytes are outside bytes too: disks and other versions lie).
#include "kitsunet/store/format.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/keccak.hpp"

namespace kitsunet::store::format {
namespace {

slice::SliceId sample_id(trie::Nibbles prefix, std::optional<Hash> owner = std::nullopt) {
    slice::SliceId id;
    id.root = keccak256(as_bytes("root"));
    id.prefix = std::move(prefix);
    id.depth = 12;
    id.storage_owner = owner;
    return id;
}

TEST(StoreFormat, SliceKeysNameTheirSlice) {
    for (const auto& id :
         {sample_id({}), sample_id({1}), sample_id({1, 3, 7, 2}), sample_id({0xa, 0, 0xf}),
          sample_id({1, 2}, keccak256(as_bytes("owner"))), sample_id(trie::Nibbles(64, 9))}) {
        const Bytes key = slice_key(id);
        EXPECT_EQ(decode_slice_key(key).value(), id) << id.to_string();
        EXPECT_TRUE(std::ranges::equal(ByteView(key).first(32), id.root.view()));
        EXPECT_EQ(decode_group_key(group_key(id), id.root).value(), id);
    }
    EXPECT_EQ(slice_key(sample_id({1, 3, 7})).size(), 32u + 1 + 1 + 1 + 2);
}

TEST(StoreFormat, SliceKeysRefuseWhatTheyCannotName) {
    const Bytes good = slice_key(sample_id({1, 3, 7}));
    EXPECT_FALSE(decode_slice_key(ByteView(good).first(31)));
    Bytes kind = good;
    kind[32] = 2;  // neither state nor storage
    EXPECT_FALSE(decode_slice_key(kind));
    Bytes padding = good;
    padding.back() |= 0x01;  // an odd prefix's padding nibble must be zero
    EXPECT_FALSE(decode_slice_key(padding));
    Bytes longer = good;
    longer.push_back(0);
    EXPECT_FALSE(decode_slice_key(longer));
    Bytes depth = good;
    depth[33] = 65;  // deeper than any trie of 32-byte keys
    EXPECT_FALSE(decode_slice_key(depth));
    Bytes storage = slice_key(sample_id({1}, keccak256(as_bytes("o"))));
    storage.resize(50);
    EXPECT_FALSE(decode_slice_key(storage));
}

TEST(StoreFormat, RecordsRoundTrip) {
    SliceRecord r;
    r.stem = {keccak256(as_bytes("a")), keccak256(as_bytes("b"))};
    r.head = trie::NodeRef::to_hash(keccak256(as_bytes("head")));
    r.nodes = {keccak256(as_bytes("c"))};
    r.codes = {keccak256(as_bytes("code"))};
    EXPECT_EQ(decode_record(encode_record(r)).value(), r);
    r.head = trie::NodeRef::to_node(Bytes{0xc2, 0x20, 0x01});  // an embedded head
    EXPECT_EQ(decode_record(encode_record(r)).value(), r);
    r.head = {};  // a slice proving its prefix empty
    r.nodes.clear();
    r.codes.clear();
    EXPECT_EQ(decode_record(encode_record(r)).value(), r);

    Bytes trailing = encode_record(r);
    trailing.push_back(0x80);
    EXPECT_FALSE(decode_record(trailing));
    EXPECT_FALSE(decode_record({}));
    EXPECT_FALSE(decode_record(Bytes{0xc4, 0x81, 0x01, 0x80, 0x80}));  // a hash list of 1 byte
}

TEST(StoreFormat, ReferencedHashesAreDistinctAndSorted) {
    SliceRecord r;
    const Hash a = keccak256(as_bytes("a")), b = keccak256(as_bytes("b"));
    r.stem = {b, a};
    r.head = trie::NodeRef::to_hash(a);
    r.nodes = {b};
    r.codes = {a, a};
    auto sorted = std::vector<Hash>{a, b};
    std::ranges::sort(sorted);
    EXPECT_EQ(referenced_nodes(r), sorted);
    EXPECT_EQ(referenced_codes(r), std::vector<Hash>{a});
}

TEST(StoreFormat, SmallValuesRoundTripAndRefuseOtherSizes) {
    const Hash h = keccak256(as_bytes("h"));
    EXPECT_EQ(decode_ref(encode_ref({3, 532})).value(), (RefCount{3, 532}));
    EXPECT_FALSE(decode_ref(Bytes(7)));
    EXPECT_EQ(decode_ref_key(ref_key(RefKind::kCode, h)).value(), std::pair(RefKind::kCode, h));
    Bytes bad_kind = ref_key(RefKind::kNode, h);
    bad_kind[0] = 9;
    EXPECT_FALSE(decode_ref_key(bad_kind));
    EXPECT_EQ(decode_group(encode_group({h, 77})).value(), (GroupEntry{h, 77}));
    EXPECT_FALSE(decode_group(Bytes(39)));
    EXPECT_EQ(decode_number(encode_number(0x0102030405060708)).value(), 0x0102030405060708u);
    EXPECT_LT(encode_number(255), encode_number(256));  // keys sort by number
    EXPECT_EQ(decode_age_key(age_key(9, h)).value(), std::pair(std::uint64_t{9}, h));
    const Counters c{1, 2, 3, 4, 5};
    EXPECT_EQ(decode_counters(encode_counters(c)).value(), c);
    EXPECT_FALSE(decode_counters(Bytes{0xc3, 0x01, 0x02, 0x03}));
}

}  // namespace
}  // namespace kitsunet::store::format
