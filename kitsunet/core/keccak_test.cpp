#include "kitsunet/core/keccak.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"

namespace kitsunet {
namespace {

TEST(Keccak, KnownAnswers) {
    EXPECT_EQ(to_hex(keccak256({})), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(to_hex(keccak256(as_bytes("abc"))),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    // RLP of the empty string: the root of the empty trie.
    EXPECT_EQ(to_hex(keccak256(Bytes{0x80})),
              "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
}

TEST(Keccak, IncrementalEqualsOneShot) {
    Bytes data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 3);
    for (std::size_t split : {0UL, 1UL, 135UL, 136UL, 137UL, 500UL, 1000UL}) {
        Keccak256 h;
        h.update(ByteView(data).first(split));
        h.update(ByteView(data).subspan(split));
        EXPECT_EQ(h.finish(), keccak256(data)) << split;
    }
}

}  // namespace
}  // namespace kitsunet
