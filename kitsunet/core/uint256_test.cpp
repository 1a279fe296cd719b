#include "kitsunet/core/uint256.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet {
namespace {

constexpr std::string_view kMaxDecimal =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";
constexpr std::string_view kMaxHex = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

TEST(U256, ParsesDecimalAndHexToTheSameValue) {
    EXPECT_EQ(U256::parse("1000000000000000000").value(), U256::parse("0xde0b6b3a7640000").value());
    EXPECT_EQ(U256::parse("0X0DE0B6B3A7640000").value(), U256{1000000000000000000u});
    EXPECT_EQ(U256::parse("0").value(), U256{});
    EXPECT_EQ(U256::parse("0x").value(), U256{});  // geth writes zero code/values this way
    EXPECT_EQ(U256::parse(kMaxDecimal).value(), U256::parse(kMaxHex).value());
}

TEST(U256, RefusesOverflowAndBadText) {
    EXPECT_EQ(
        U256::parse("115792089237316195423570985008687907853269984665640564039457584007913129639936").error(),
        Errc::kOverflow);
    EXPECT_EQ(U256::parse("0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff").error(),
              Errc::kOverflow);
    EXPECT_EQ(U256::parse("0x0000000000000000000000000000000000000000000000000000000000000000000001").value(),
              U256{1});  // leading zeros are not an overflow
    for (const char* bad : {"", "-1", "12a", " 1", "0x1g", "1e18", "+5"})
        EXPECT_EQ(U256::parse(bad).error(), Errc::kInvalidNumber) << bad;
}

TEST(U256, PrintsQuantityAndDecimal) {
    EXPECT_EQ(U256{}.to_quantity(), "0x0");
    EXPECT_EQ(U256{255}.to_quantity(), "0xff");
    EXPECT_EQ(U256{256}.to_quantity(), "0x100");
    EXPECT_EQ(U256::parse(kMaxDecimal)->to_quantity(), kMaxHex);
    EXPECT_EQ(U256::parse(kMaxHex)->to_decimal(), kMaxDecimal);
    EXPECT_EQ(U256{}.to_decimal(), "0");
    EXPECT_EQ(U256::parse("0x02042d55a624beaf4bc1")->to_decimal(), "9521786641815603989441");
}

TEST(U256, BigEndianBytesAreMinimal) {
    EXPECT_TRUE(U256{}.to_big_endian().empty());
    EXPECT_EQ(to_hex(U256{0x0102}.to_big_endian()), "0102");
    EXPECT_EQ(to_hex(U256{1}.to_bytes32()), std::string(62, '0') + "01");
    const Bytes padded = from_hex("000000ff00").value();
    EXPECT_EQ(U256::from_big_endian(padded).value(), U256{0xff00});
    EXPECT_EQ(U256::from_big_endian(Bytes(33, 1)).error(), Errc::kOverflow);
}

TEST(U256, ComparesAcrossLimbs) {
    const U256 big = U256::parse("0x10000000000000000").value();  // 2^64
    EXPECT_LT(U256{~std::uint64_t{0}}, big);
    EXPECT_GT(U256::parse(kMaxHex).value(), big);
    EXPECT_EQ(big, U256::from_big_endian(from_hex("010000000000000000").value()).value());
}

TEST(U256, RlpIsACanonicalInteger) {
    for (std::string_view text :
         {std::string_view{"0"}, {"1"}, {"127"}, {"128"}, {"0x10000000000000000"}, kMaxHex}) {
        const U256 x = U256::parse(text).value();
        Bytes out;
        rlp::encode(out, x);
        EXPECT_EQ(out.size(), rlp::length(x)) << text;
        ByteView in{out};
        EXPECT_EQ(rlp::decode_u256(in).value(), x) << text;
        EXPECT_TRUE(in.empty());
    }
    const Bytes leading_zero = from_hex("820001").value();
    ByteView in{leading_zero};
    EXPECT_EQ(rlp::decode_u256(in).error(), Errc::kLeadingZero);
    const Bytes too_long = from_hex("a1" + std::string(66, '1')).value();
    in = too_long;
    EXPECT_EQ(rlp::decode_u256(in).error(), Errc::kOverflow);
}

}  // namespace
}  // namespace kitsunet
