// SliceId: prefixes of keys, the text form (the original kitsunet's) and the RLP form.
#include "kitsunet/core/slice/slice_id.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet::slice {
namespace {

const std::string kRoot = "a7511d0abbcc70b8b59ae8eff1ffc2704d47751a6a043c952b4729f656377bce";

TEST(SliceId, PrefixOfAnAccountIsTheStartOfKeccakOfItsAddressBytes) {
    const Address a = fixed_from_hex<20>("0x6810e776880C02933D47DB1b9fc05908e5386b96").value();
    EXPECT_EQ(nibbles_to_text(account_prefix(a)), "0aa8");
    EXPECT_EQ(nibbles_to_text(account_prefix(a, 1)), "0");
    EXPECT_EQ(nibbles_to_text(account_prefix(a, 7)), "0aa8224");  // keccak256 of the address: 0aa8224d…
    EXPECT_EQ(account_prefix(a, 0).size(), 0u);
}

TEST(SliceId, TextFormOfTheOriginalKitsunet) {
    const auto id = SliceId::parse("1372-12-" + kRoot).value();
    EXPECT_EQ(id.prefix, (trie::Nibbles{1, 3, 7, 2}));
    EXPECT_EQ(id.depth, 12);
    EXPECT_EQ(to_hex(id.root), kRoot);
    EXPECT_FALSE(id.is_storage());
    EXPECT_EQ(id.to_string(), "1372-12-" + kRoot);
    EXPECT_EQ(id.group(), "1372-12");
}

TEST(SliceId, TextFormOfAStorageSliceAndOfTheWholeTrie) {
    const std::string owner(64, 'b');
    const auto id = SliceId::parse("ABC-64-0x" + kRoot + "-" + owner).value();
    EXPECT_EQ(id.prefix, (trie::Nibbles{10, 11, 12}));
    ASSERT_TRUE(id.storage_owner);
    EXPECT_EQ(id.to_string(), "abc-64-" + kRoot + "-" + owner);
    const auto whole = SliceId::parse("-64-" + kRoot).value();
    EXPECT_TRUE(whole.prefix.empty());
    EXPECT_EQ(whole.to_string(), "-64-" + kRoot);
}

TEST(SliceId, RefusesBadText) {
    for (const std::string& bad : std::vector<std::string>{
             "", "1372", "1372-12", "1372-12-" + kRoot.substr(2), "13g2-12-" + kRoot, "1372-65-" + kRoot,
             "1372--" + kRoot, "1372-012-" + kRoot, "1372-+1-" + kRoot, "1372-12-" + kRoot + "-",
             "1372-12-" + kRoot + "-" + kRoot + "-" + kRoot, std::string(65, '1') + "-12-" + kRoot}) {
        const auto id = SliceId::parse(bad);
        ASSERT_FALSE(id) << bad;
        EXPECT_EQ(id.error(), Errc::kSliceInvalidId) << bad;
    }
}

TEST(SliceId, RlpRoundTripsForOddAndEvenPrefixes) {
    for (const std::string& text :
         std::vector<std::string>{"1372-12-" + kRoot, "137-0-" + kRoot, "-64-" + kRoot,
                                  "0123456789abcdef-3-" + kRoot + "-" + std::string(64, 'f')}) {
        const auto id = SliceId::parse(text).value();
        Bytes encoded;
        rlp::encode(encoded, id);
        EXPECT_EQ(encoded.size(), rlp::length(id));
        ByteView from = encoded;
        const auto decoded = rlp::decode_slice_id(from);
        ASSERT_TRUE(decoded) << text;
        EXPECT_TRUE(from.empty());
        EXPECT_EQ(*decoded, id);
    }
}

TEST(SliceId, RlpRefusesALeafFlagTooManyFieldsAndTooDeep) {
    const auto id = SliceId::parse("1372-12-" + kRoot).value();
    Bytes encoded;
    rlp::encode(encoded, id);
    // e6 83 [00 13 72] → e6 83 [20 13 72]: the hex-prefix leaf flag is not a slice prefix.
    Bytes leaf_flag = encoded;
    ASSERT_EQ(leaf_flag[2], 0x00);
    leaf_flag[2] = 0x20;
    ByteView from = leaf_flag;
    EXPECT_EQ(rlp::decode_slice_id(from).error(), Errc::kSliceInvalidId);
    SliceId deep = id;
    deep.depth = 65;
    Bytes too_deep;
    rlp::encode(too_deep, deep);
    from = too_deep;
    EXPECT_EQ(rlp::decode_slice_id(from).error(), Errc::kSliceInvalidId);
    from = encoded;
    const ByteView items = rlp::decode_list(from).value();
    Bytes payload(items.begin(), items.end());
    for (int i = 0; i < 2; ++i) rlp::encode(payload, Hash{});  // owner and one field too many
    const Bytes five = rlp::wrap_list(payload);
    from = five;
    EXPECT_EQ(rlp::decode_slice_id(from).error(), Errc::kListLengthMismatch);
}

TEST(SliceId, KeyHasPrefix) {
    const Hash key = fixed_from_hex<32>("1372c6cc" + std::string(56, '0')).value();
    EXPECT_TRUE(key_has_prefix(key, trie::Nibbles{1, 3, 7, 2, 12}));
    EXPECT_TRUE(key_has_prefix(key, {}));
    EXPECT_FALSE(key_has_prefix(key, trie::Nibbles{1, 3, 7, 3}));
    EXPECT_EQ(nibbles_to_text(key_prefix(key, 6)), "1372c6");
}

}  // namespace
}  // namespace kitsunet::slice
