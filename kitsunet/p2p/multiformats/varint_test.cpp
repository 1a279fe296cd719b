// Unsigned varints: the spec's examples, the 9-byte limit, minimality.
#include "kitsunet/p2p/multiformats/varint.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::p2p {
namespace {

Bytes encoded(std::uint64_t v) {
    Bytes out;
    append_varint(out, v);
    return out;
}

CodecResult<DecodedVarint> decode_hex(std::string_view hex) { return decode_varint(*from_hex(hex)); }

TEST(Varint, SpecExamples) {
    // multiformats/unsigned-varint README.
    const std::pair<std::uint64_t, std::string_view> cases[] = {
        {1, "01"}, {127, "7f"}, {128, "8001"}, {255, "ff01"}, {300, "ac02"}, {16384, "808001"}, {0, "00"},
    };
    for (const auto& [value, hex] : cases) {
        EXPECT_EQ(to_hex(encoded(value)), hex) << value;
        auto d = decode_hex(hex);
        ASSERT_TRUE(d) << hex;
        EXPECT_EQ(d->value, value);
        EXPECT_EQ(d->size, hex.size() / 2);
        EXPECT_EQ(varint_size(value), hex.size() / 2);
    }
}

TEST(Varint, MaximumIsNineBytes) {
    EXPECT_EQ(to_hex(encoded(kMaxVarintValue)), "ffffffffffffffff7f");
    auto d = decode_hex("ffffffffffffffff7f");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->value, kMaxVarintValue);
    EXPECT_EQ(decode_hex("ffffffffffffffff80").error(), CodecError::kVarintOverflow);
    EXPECT_EQ(decode_hex("ffffffffffffffffff01").error(), CodecError::kVarintOverflow);
    EXPECT_EQ(decode_hex("80808080808080808001").error(), CodecError::kVarintOverflow);
}

TEST(Varint, RejectsNonMinimal) {
    EXPECT_EQ(decode_hex("8000").error(), CodecError::kVarintNonMinimal);
    EXPECT_EQ(decode_hex("818000").error(), CodecError::kVarintNonMinimal);
    EXPECT_EQ(decode_hex("ff8000").error(), CodecError::kVarintNonMinimal);
    EXPECT_TRUE(decode_hex("0000"));  // one zero, then unrelated bytes
}

TEST(Varint, TruncatedWantsMore) {
    EXPECT_EQ(decode_hex("").error(), CodecError::kTruncated);
    EXPECT_EQ(decode_hex("80").error(), CodecError::kTruncated);
    EXPECT_EQ(decode_hex("ffffffffffffffff").error(), CodecError::kTruncated);
}

TEST(Varint, ReadAdvancesOnlyOnSuccess) {
    const Bytes data = *from_hex("ac02ff");
    ByteView in = data;
    EXPECT_EQ(read_varint(in).value(), 300u);
    EXPECT_EQ(in.size(), 1u);
    EXPECT_EQ(read_varint(in).error(), CodecError::kTruncated);
    EXPECT_EQ(in.size(), 1u);
}

TEST(Varint, RoundTripsEveryLength) {
    for (unsigned bits = 0; bits < 63; ++bits) {
        for (const std::uint64_t v : {(std::uint64_t{1} << bits) - 1, std::uint64_t{1} << bits}) {
            const Bytes e = encoded(v);
            auto d = decode_varint(e);
            ASSERT_TRUE(d) << v;
            EXPECT_EQ(d->value, v);
            EXPECT_EQ(d->size, e.size());
            EXPECT_EQ(varint_size(v), e.size());
        }
    }
}

}  // namespace
}  // namespace kitsunet::p2p
