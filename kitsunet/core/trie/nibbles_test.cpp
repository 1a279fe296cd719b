// Hex-prefix encoding, yellow paper appendix C.
#include "kitsunet/core/trie/nibbles.hpp"

#include <gtest/gtest.h>

namespace kitsunet::trie {
namespace {

TEST(Nibbles, UnpackHighNibbleFirst) {
    EXPECT_EQ(unpack_nibbles(Bytes{0x12, 0xab}), (Nibbles{1, 2, 0xa, 0xb}));
    EXPECT_EQ(pack_nibbles(Nibbles{1, 2, 0xa, 0xb}), (Bytes{0x12, 0xab}));
    EXPECT_TRUE(unpack_nibbles({}).empty());
}

TEST(Nibbles, CommonPrefix) {
    EXPECT_EQ(common_prefix_length(Nibbles{1, 2, 3}, Nibbles{1, 2, 4}), 2u);
    EXPECT_EQ(common_prefix_length(Nibbles{1, 2}, Nibbles{1, 2, 4}), 2u);
    EXPECT_EQ(common_prefix_length(Nibbles{}, Nibbles{1}), 0u);
}

TEST(HexPrefix, FlagsSayLeafAndOddLength) {
    EXPECT_EQ(encode_hex_prefix(Nibbles{1, 2, 3, 4, 5}, false), (Bytes{0x11, 0x23, 0x45}));
    EXPECT_EQ(encode_hex_prefix(Nibbles{0, 1, 2, 3, 4, 5}, false), (Bytes{0x00, 0x01, 0x23, 0x45}));
    EXPECT_EQ(encode_hex_prefix(Nibbles{0xf, 1, 0xc, 0xb, 8}, true), (Bytes{0x3f, 0x1c, 0xb8}));
    EXPECT_EQ(encode_hex_prefix(Nibbles{0, 0xf, 1, 0xc, 0xb, 8}, true), (Bytes{0x20, 0x0f, 0x1c, 0xb8}));
    EXPECT_EQ(encode_hex_prefix(Nibbles{}, true), (Bytes{0x20}));
}

TEST(HexPrefix, DecodeInvertsEncode) {
    for (bool leaf : {false, true}) {
        for (const Nibbles& path : {Nibbles{}, Nibbles{7}, Nibbles{1, 2}, Nibbles{0, 0xf, 3}}) {
            auto back = decode_hex_prefix(encode_hex_prefix(path, leaf));
            ASSERT_TRUE(back);
            EXPECT_EQ(back->nibbles, path);
            EXPECT_EQ(back->leaf, leaf);
        }
    }
}

TEST(HexPrefix, DecodeRejectsMalformed) {
    EXPECT_EQ(decode_hex_prefix({}).error(), Errc::kInvalidHexPrefix);
    EXPECT_EQ(decode_hex_prefix(Bytes{0x40}).error(), Errc::kInvalidHexPrefix);  // flag 4
    EXPECT_EQ(decode_hex_prefix(Bytes{0x05}).error(), Errc::kInvalidHexPrefix);  // padding not zero
    EXPECT_EQ(decode_hex_prefix(Bytes{0x2f, 0x12}).error(), Errc::kInvalidHexPrefix);
}

}  // namespace
}  // namespace kitsunet::trie
