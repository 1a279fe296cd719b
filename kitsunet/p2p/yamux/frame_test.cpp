#include "kitsunet/p2p/yamux/frame.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace kitsunet::p2p::yamux {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(YamuxFrame, EncodesBigEndianFieldsAsTheSpecLaysThemOut) {
    const FrameHeader h{FrameType::window_update, flag::syn | flag::fin, 0x01020304, 0x00040000};
    const auto bytes = encode_header(h);
    EXPECT_EQ(Bytes(bytes.begin(), bytes.end()), (Bytes{0, 1, 0, 5, 1, 2, 3, 4, 0, 4, 0, 0}));
    EXPECT_EQ(decode_header(bytes), h);
}

TEST(YamuxFrame, RoundTripsEveryTypeAndFlagCombination) {
    for (std::uint8_t t = 0; t <= 3; ++t) {
        for (std::uint16_t f = 0; f < 16; ++f) {
            const auto type = static_cast<FrameType>(t);
            const bool session = type == FrameType::ping || type == FrameType::go_away;
            const FrameHeader h{type, f, session ? 0u : 7u, 0xfffffffe};
            const auto decoded = decode_header(encode_header(h));
            if (type == FrameType::ping && f != flag::syn && f != flag::ack) {
                EXPECT_EQ(decoded.error(), HeaderError::kBadPingFlags) << int(f);
            } else {
                EXPECT_EQ(decoded, h);
            }
        }
    }
}

TEST(YamuxFrame, IgnoresTrailingBytesAndUnknownFlagBits) {
    Bytes bytes{0, 0, 0x80, 0x00, 0, 0, 0, 3, 0, 0, 0, 9, 0xaa, 0xbb};
    const auto h = decode_header(bytes);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->flags, 0x8000);
    EXPECT_FALSE(h->has(flag::syn | flag::ack | flag::fin | flag::rst));
    EXPECT_EQ(h->length, 9u);
}

TEST(YamuxFrame, RefusesMalformedHeaders) {
    auto with = [](std::initializer_list<std::pair<int, std::uint8_t>> edits) {
        Bytes b{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
        for (auto [i, v] : edits) b[static_cast<std::size_t>(i)] = v;
        return decode_header(b);
    };
    EXPECT_EQ(decode_header(Bytes(11, 0)).error(), HeaderError::kTooShort);
    EXPECT_EQ(with({{0, 1}}).error(), HeaderError::kBadVersion);
    EXPECT_EQ(with({{1, 4}}).error(), HeaderError::kBadType);
    EXPECT_EQ(with({{1, 0xff}}).error(), HeaderError::kBadType);
    EXPECT_EQ(with({{7, 0}}).error(), HeaderError::kStreamFrameOnZero);             // data on 0
    EXPECT_EQ(with({{1, 1}, {7, 0}}).error(), HeaderError::kStreamFrameOnZero);     // window update on 0
    EXPECT_EQ(with({{1, 2}, {3, 1}}).error(), HeaderError::kSessionFrameOnStream);  // ping on stream 1
    EXPECT_EQ(with({{1, 3}}).error(), HeaderError::kSessionFrameOnStream);          // go-away on stream 1
    EXPECT_EQ(with({{1, 2}, {7, 0}}).error(), HeaderError::kBadPingFlags);          // ping without SYN/ACK
    EXPECT_EQ(with({{1, 2}, {3, 3}, {7, 0}}).error(), HeaderError::kBadPingFlags);  // both
    EXPECT_FALSE(describe(HeaderError::kBadType).empty());
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
