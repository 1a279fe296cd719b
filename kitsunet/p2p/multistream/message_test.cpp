// multistream-select message codec against the wire bytes the spec and js-libp2p produce.
#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/multistream/message.hpp"

namespace kitsunet::p2p::multistream {
namespace {

Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

TEST(MultistreamMessage, HeaderEncodingIsTheSpecBytes) {
    // 0x13 = 19 = "/multistream/1.0.0\n".size()
    EXPECT_EQ(to_hex(encode_message(kProtocolId)), "132f6d756c746973747265616d2f312e302e300a");
    EXPECT_EQ(encode_message("na"), bytes_of("\x03na\n"));
}

TEST(MultistreamMessage, DecodeTakesOneMessageAndLeavesTheRest) {
    Bytes in = encode_message("/ipfs/ping/1.0.0");
    in.push_back(0xAA);  // protocol data after the message
    const auto m = decode_message(in);
    ASSERT_TRUE(m && m->has_value());
    EXPECT_EQ((*m)->text, "/ipfs/ping/1.0.0");
    EXPECT_EQ((*m)->size, in.size() - 1);
}

TEST(MultistreamMessage, EveryPrefixNeedsMoreBytes) {
    const Bytes in = encode_message(std::string(200, 'p'));  // two-byte length prefix
    for (std::size_t n = 0; n < in.size(); ++n) {
        const auto m = decode_message(ByteView(in).first(n));
        ASSERT_TRUE(m.has_value()) << n;
        EXPECT_FALSE(m->has_value()) << n;
    }
}

TEST(MultistreamMessage, MalformedInputIsRefused) {
    EXPECT_EQ(decode_message(bytes_of("\x03nax")).error(), MessageError::kMissingNewline);
    EXPECT_EQ(decode_message(bytes_of(std::string("\x00", 1))).error(), MessageError::kMissingNewline);
    EXPECT_EQ(decode_message(Bytes{0x83, 0x00}).error(), MessageError::kBadLength);  // non-minimal
    EXPECT_EQ(decode_message(Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}).error(),
              MessageError::kBadLength);
    Bytes big = encode_message(std::string(kMaxMessageSize, 'x'));  // 1025 bytes with the newline
    EXPECT_EQ(decode_message(big).error(), MessageError::kTooLong);
    EXPECT_TRUE(decode_message(big, kMaxMessageSize + 1).has_value());
}

TEST(MultistreamMessage, ListAnswerRoundTripsAndMatchesJsLayout) {
    const std::vector<std::string> protocols{"/ipfs/ping/1.0.0", "/ipfs/id/1.0.0"};
    const Bytes body = encode_list_answer(protocols);
    // js-libp2p: <len>(<len>/ipfs/ping/1.0.0\n<len>/ipfs/id/1.0.0\n)\n
    EXPECT_EQ(body, bytes_of("\x11/ipfs/ping/1.0.0\n\x0f/ipfs/id/1.0.0\n"));
    const auto outer =
        encode_message(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
    const auto m = decode_message(outer, kMaxListSize);
    ASSERT_TRUE(m && m->has_value());
    const auto decoded = decode_list_answer((*m)->text);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, protocols);
}

TEST(MultistreamMessage, ListAnswerRefusesCutAndDirtyEntries) {
    EXPECT_FALSE(decode_list_answer("\x11/ipfs/ping"));
    EXPECT_FALSE(decode_list_answer(std::string_view("\x03\x01x\n", 4)));
}

}  // namespace
}  // namespace kitsunet::p2p::multistream
