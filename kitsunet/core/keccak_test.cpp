#include "kitsunet/core/keccak.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>

#include <cryptopp/keccak.h>

#include "kitsunet/core/hex.hpp"

namespace kitsunet {
namespace {

// The reference: Crypto++'s Keccak_256 (original Keccak padding, as Ethereum uses).
Hash cryptopp_keccak256(ByteView data) {
    CryptoPP::Keccak_256 reference;
    reference.Update(data.data(), data.size());
    Hash out;
    reference.Final(out.bytes.data());
    return out;
}

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

TEST(Keccak, KnownAnswers) {
    EXPECT_EQ(to_hex(keccak256({})), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(to_hex(keccak256(as_bytes("abc"))),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    // RLP of the empty string: the root of the empty trie.
    EXPECT_EQ(to_hex(keccak256(Bytes{0x80})),
              "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
}

TEST(Keccak, PermutationOfZeroStateMatchesKeccakTeamVector) {
    std::uint64_t state[25]{};
    keccak_f1600(state);
    EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(state[1], 0x84D5CCF933C0478AULL);
    EXPECT_EQ(state[24], 0xEAF1FF7B5CECA249ULL);
}

TEST(Keccak, PortableAndX86_64V3BuildsOfThePermutationAgree) {
    std::mt19937_64 rng(3);
    std::uint64_t portable[25];
    for (auto& lane : portable) lane = rng();
#if KITSUNET_KECCAK_X86_64_V3
    if (!detail::cpu_has_x86_64_v3()) GTEST_SKIP() << "this CPU lacks x86-64-v3";
    std::uint64_t v3[25];
    std::copy(std::begin(portable), std::end(portable), std::begin(v3));
    for (int i = 0; i < 100; ++i) {
        detail::keccak_f1600_portable(portable);
        detail::keccak_f1600_x86_64_v3(v3);
        ASSERT_TRUE(std::equal(std::begin(portable), std::end(portable), std::begin(v3))) << i;
    }
#else
    GTEST_SKIP() << "one build of the permutation on this target";
#endif
}

TEST(Keccak, PortablePermutationOfZeroState) {
    std::uint64_t state[25]{};
    detail::keccak_f1600_portable(state);
    EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(state[24], 0xEAF1FF7B5CECA249ULL);
}

TEST(Keccak, OneShotMatchesCryptoppForEveryLengthUpTo1000) {
    std::mt19937_64 rng(1);
    for (std::size_t n = 0; n <= 1000; ++n) {
        const Bytes data = random_bytes(rng, n);
        ASSERT_EQ(keccak256(data), cryptopp_keccak256(data)) << "length " << n;
    }
}

TEST(Keccak, IncrementalAtRandomSplitsMatchesCryptopp) {
    std::mt19937_64 rng(2);
    for (std::size_t n = 0; n <= 1000; ++n) {
        const Bytes data = random_bytes(rng, n);
        Keccak256 h;
        for (std::size_t at = 0; at < n;) {
            const std::size_t chunk = std::min<std::size_t>(n - at, rng() % 300);
            h.update(ByteView(data).subspan(at, chunk));  // chunks of 0 bytes included
            at += chunk;
        }
        ASSERT_EQ(h.finish(), cryptopp_keccak256(data)) << "length " << n;
    }
}

TEST(Keccak, IncrementalAtBlockBoundariesEqualsOneShot) {
    Bytes data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 3);
    for (std::size_t split : {0UL, 1UL, 135UL, 136UL, 137UL, 272UL, 500UL, 1000UL}) {
        Keccak256 h;
        h.update(ByteView(data).first(split));
        h.update(ByteView(data).subspan(split));
        EXPECT_EQ(h.finish(), keccak256(data)) << split;
    }
}

}  // namespace
}  // namespace kitsunet
