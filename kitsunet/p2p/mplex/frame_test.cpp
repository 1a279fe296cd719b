#include "kitsunet/p2p/mplex/frame.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace kitsunet::p2p::mplex {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes encode(const FrameHeader& h) {
    std::array<std::uint8_t, kMaxHeaderSize> out{};
    return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(encode_header(h, out)));
}

TEST(MplexFrame, EncodesTheSpecsVarints) {
    // Stream 17, MessageInitiator (2): header 17 << 3 | 2 = 138 = 0x8a 0x01; length 300 = 0xac 0x02.
    EXPECT_EQ(encode({17, Flag::message_initiator, 300}), (Bytes{0x8a, 0x01, 0xac, 0x02}));
    EXPECT_EQ(encode({0, Flag::new_stream, 1}), (Bytes{0x00, 0x01}));
    const auto d = decode_header(Bytes{0x8a, 0x01, 0xac, 0x02, 0xff});
    ASSERT_TRUE(d);
    EXPECT_EQ(d->header, (FrameHeader{17, Flag::message_initiator, 300}));
    EXPECT_EQ(d->size, 4u);
}

TEST(MplexFrame, RoundTripsEveryFlagAndLargeIds) {
    for (std::uint8_t f = 0; f < 7; ++f) {
        for (std::uint64_t id : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{127}, kMaxStreamId}) {
            const FrameHeader h{id, static_cast<Flag>(f), kMaxMessageSize};
            const auto d = decode_header(encode(h));
            ASSERT_TRUE(d);
            EXPECT_EQ(d->header, h);
        }
    }
}

TEST(MplexFrame, NamesRolesAndKinds) {
    EXPECT_EQ(kind_of(Flag::new_stream), Kind::new_stream);
    EXPECT_EQ(kind_of(Flag::message_receiver), Kind::message);
    EXPECT_EQ(kind_of(Flag::close_initiator), Kind::close);
    EXPECT_EQ(kind_of(Flag::reset_receiver), Kind::reset);
    EXPECT_TRUE(from_initiator(Flag::message_initiator));
    EXPECT_FALSE(from_initiator(Flag::close_receiver));
    EXPECT_EQ(flag_for(Kind::message, true), Flag::message_initiator);
    EXPECT_EQ(flag_for(Kind::reset, false), Flag::reset_receiver);
    EXPECT_EQ(flag_for(Kind::close, false), Flag::close_receiver);
}

TEST(MplexFrame, AsksForMoreBytesInsideAHeader) {
    const Bytes full = encode({300, Flag::message_receiver, 70000});
    for (std::size_t n = 0; n < full.size(); ++n)
        EXPECT_EQ(decode_header(std::span(full).first(n)).error(), HeaderError::kIncomplete) << n;
}

TEST(MplexFrame, RefusesMalformedHeaders) {
    EXPECT_EQ(decode_header(Bytes{0x07, 0x00}).error(), HeaderError::kBadFlag);
    EXPECT_EQ(decode_header(Bytes{0x80, 0x00, 0x00}).error(), HeaderError::kBadVarint);  // not minimal
    EXPECT_EQ(decode_header(Bytes{0x00, 0x80, 0x00}).error(), HeaderError::kBadVarint);
    EXPECT_EQ(decode_header(Bytes(9, 0xff)).error(), HeaderError::kBadVarint);                // over 9 bytes
    EXPECT_EQ(decode_header(Bytes{0x02, 0x81, 0x80, 0x40}).error(), HeaderError::kTooLarge);  // 1 MiB + 1
    EXPECT_EQ(decode_header(Bytes{0x02, 0x80, 0x80, 0x40})->header.length, kMaxMessageSize);
    EXPECT_EQ(decode_header(Bytes{0x02, 0x0b}, 10).error(), HeaderError::kTooLarge);
    EXPECT_FALSE(describe(HeaderError::kBadVarint).empty());
}

}  // namespace
}  // namespace kitsunet::p2p::mplex
