// Hex-prefix encoding, yellow paper appendix C.
#include "kitsunet/core/trie/nibbles.hpp"

#include <gtest/gtest.h>

#include <random>

#include "kitsunet/core/trie/node_writer.hpp"

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

// The Trie and HashBuilder read paths from packed keys: every (from, to) range of a key, at even
// and odd nibbles, must encode as its unpacked nibbles do.
TEST(HexPrefix, PackedPathsEncodeLikeTheirNibbles) {
    std::mt19937_64 rng(1);
    for (std::size_t len : {0u, 1u, 2u, 7u, 32u, 33u}) {
        Bytes key(len);
        for (auto& b : key) b = static_cast<std::uint8_t>(rng());
        const Nibbles nibbles = unpack_nibbles(key);
        for (std::size_t from = 0; from <= nibbles.size(); ++from)
            for (std::size_t to = from; to <= nibbles.size(); ++to)
                for (bool leaf : {false, true}) {
                    Bytes packed(hex_prefix_length(to - from) + 1, 0xee);
                    const auto* end = detail::write_hex_prefix(
                        packed.data(), detail::PackedPath{key.data(), from, to}, leaf);
                    ASSERT_EQ(end, packed.data() + packed.size() - 1) << from << ".." << to;
                    EXPECT_EQ(packed.back(), 0xee) << "wrote past its length";
                    packed.pop_back();
                    ASSERT_EQ(packed, encode_hex_prefix(ByteView{nibbles}.subspan(from, to - from), leaf))
                        << len << " bytes, nibbles " << from << ".." << to;
                }
    }
}

TEST(Nibbles, CommonNibblesOfPackedKeys) {
    std::mt19937_64 rng(2);
    for (int i = 0; i < 2000; ++i) {
        Bytes a(rng() % 40), b;
        for (auto& x : a) x = static_cast<std::uint8_t>(rng() % 4);  // long shared runs
        b = a;
        b.resize(rng() % 40, 0);
        if (!b.empty() && rng() % 2 == 0) b[rng() % b.size()] ^= static_cast<std::uint8_t>(1 << (rng() % 8));
        const std::size_t expected = common_prefix_length(unpack_nibbles(a), unpack_nibbles(b));
        EXPECT_EQ(detail::common_nibbles(a, b), expected);
        EXPECT_EQ(detail::common_nibbles(b, a), expected);
        const std::size_t equal_bytes = expected / 2;
        EXPECT_EQ(detail::common_nibbles(a, b, equal_bytes), expected);
    }
}

}  // namespace
}  // namespace kitsunet::trie
