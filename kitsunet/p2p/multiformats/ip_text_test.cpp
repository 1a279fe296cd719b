// IP text: RFC 4291 parsing, RFC 5952 output, strict ip4.
#include "kitsunet/p2p/multiformats/ip_text.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::p2p {
namespace {

std::string ip6_hex(std::string_view text) {
    auto ip = parse_ip6(text);
    return ip ? to_hex(*ip) : "invalid";
}

TEST(Ip4Text, StrictDottedDecimal) {
    EXPECT_EQ(format_ip4(*parse_ip4("127.0.0.1")), "127.0.0.1");
    EXPECT_EQ(format_ip4(*parse_ip4("255.255.255.255")), "255.255.255.255");
    EXPECT_EQ(format_ip4(*parse_ip4("0.0.0.0")), "0.0.0.0");
    for (const std::string_view bad :
         {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4.", ".1.2.3", "1.2.3.a",
          "+1.2.3.4", "1.2.3. 4", "1234.1.1.1", "::1"})
        EXPECT_FALSE(parse_ip4(bad)) << bad;
}

TEST(Ip6Text, ParsesRfc4291Forms) {
    EXPECT_EQ(ip6_hex("::"), std::string(32, '0'));
    EXPECT_EQ(ip6_hex("::1"), std::string(31, '0') + "1");
    EXPECT_EQ(ip6_hex("1::"), "0001" + std::string(28, '0'));
    EXPECT_EQ(ip6_hex("2001:DB8::1"), "20010db8000000000000000000000001");
    EXPECT_EQ(ip6_hex("2001:db8:0:0:1:0:0:1"), "20010db8000000000001000000000001");
    EXPECT_EQ(ip6_hex("::ffff:1.2.3.4"), "00000000000000000000ffff01020304");
    EXPECT_EQ(ip6_hex("1:2:3:4:5:6:1.2.3.4"), "00010002000300040005000601020304");
    EXPECT_EQ(ip6_hex("1:2:3:4:5:6:7::"), "00010002000300040005000600070000");  // "::" for one group
    EXPECT_EQ(ip6_hex("0001:0002:0003:0004:0005:0006:0007:0008"), "00010002000300040005000600070008");
}

TEST(Ip6Text, RejectsMalformed) {
    for (const std::string_view bad :
         {"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
          "1::2::3", "12345::", "g::", ":1::", "1::2:", "1.2.3.4", "::1.2.3", "1.2.3.4::", "::1.2.3.4:1",
          "fe80::1%eth0", "1:2:3:4:5:6:7:1.2.3.4", " ::1"})
        EXPECT_EQ(ip6_hex(bad), "invalid") << bad;
}

TEST(Ip6Text, WritesRfc5952) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"0:0:0:0:0:0:0:0", "::"},
        {"0:0:0:0:0:0:0:1", "::1"},
        {"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
        {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},     // first of two equal runs
        {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // a single zero group stays
        {"1:0:0:1:0:0:0:1", "1:0:0:1::1"},                 // the longer run
        {"1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"},
        {"::ffff:1.2.3.4", "::ffff:102:304"},
        {"0:0:0:0:0:0:0:a", "::a"},
        {"a:0:0:0:0:0:0:0", "a::"},
    };
    for (const auto& [in, out] : cases) EXPECT_EQ(format_ip6(*parse_ip6(in)), out) << in;
}

}  // namespace
}  // namespace kitsunet::p2p
