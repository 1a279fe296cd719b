#include "kitsunet/core/hex.hpp"

#include <gtest/gtest.h>

namespace kitsunet {
namespace {

TEST(Hex, RoundTrip) {
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "0001abff");
    EXPECT_EQ(to_hex(b, true), "0x0001abff");
    EXPECT_EQ(from_hex("0x0001ABff").value(), b);
    EXPECT_EQ(from_hex("").value(), Bytes{});
}

TEST(Hex, RejectsMalformed) {
    EXPECT_EQ(from_hex("abc").error(), Errc::kOddHexLength);
    EXPECT_EQ(from_hex("zz").error(), Errc::kInvalidHexDigit);
    EXPECT_EQ(fixed_from_hex<2>("0x010203").error(), Errc::kWrongLength);
}

}  // namespace
}  // namespace kitsunet
