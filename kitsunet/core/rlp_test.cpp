#include "kitsunet/core/rlp.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"

namespace kitsunet {
namespace {

Bytes enc_str(std::string_view s) { return rlp::encode_string(as_bytes(s)); }

TEST(Rlp, EncodesStringsAndIntegers) {
    EXPECT_EQ(to_hex(enc_str("dog")), "83646f67");
    EXPECT_EQ(to_hex(enc_str("")), "80");
    Bytes out;
    rlp::encode(out, std::uint64_t{0});
    rlp::encode(out, std::uint64_t{15});
    rlp::encode(out, std::uint64_t{1024});
    EXPECT_EQ(to_hex(out), "800f820400");
}

TEST(Rlp, RejectsNonCanonical) {
    auto err = [](std::string_view hex) {
        const Bytes b = from_hex(hex).value();
        return rlp::decode_item(b).error();
    };
    EXPECT_EQ(err("8100"), Errc::kNonCanonicalSingleByte);
    EXPECT_EQ(err("b800"), Errc::kLeadingZero);
    EXPECT_EQ(err("b80100"), Errc::kNonCanonicalSize);
    EXPECT_EQ(err("83646f"), Errc::kInputTooShort);
    EXPECT_EQ(err("83646f6700"), Errc::kTrailingBytes);
}

TEST(Rlp, ItemTreeReencodesToItsInput) {
    // ["cat", ["dog", ""], 0x7f, 56-byte string (long form)]
    const std::string long_hex = "b838" + std::string(112, 'a');
    const std::string whole_hex =
        "f845"
        "83636174"
        "c5"
        "83646f67"
        "80"
        "7f" +
        long_hex;
    const Bytes whole = from_hex(whole_hex).value();
    const auto item = rlp::decode_item(whole);
    ASSERT_TRUE(item.has_value()) << describe(item.error());
    ASSERT_EQ(item->items.size(), 4U);
    EXPECT_EQ(item->items[1].items.size(), 2U);
    Bytes again;
    rlp::encode(again, *item);
    EXPECT_EQ(to_hex(again), whole_hex);
}

}  // namespace
}  // namespace kitsunet
