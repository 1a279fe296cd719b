// Base encodings and multibase: the multibase test vectors (multiformats/multibase tests/*.csv).
#include "kitsunet/p2p/multiformats/multibase.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kitsunet::p2p {
namespace {

Bytes text_bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

struct Vector {
    std::string_view input;
    Multibase base;
    std::string_view text;
};

// basic.csv, leading_zero.csv, two_leading_zeros.csv.
const Vector kVectors[] = {
    {"yes mani !", Multibase::kBase16, "f796573206d616e692021"},
    {"yes mani !", Multibase::kBase32, "bpfsxgidnmfxgsibb"},
    {"yes mani !", Multibase::kBase32Upper, "BPFSXGIDNMFXGSIBB"},
    {"yes mani !", Multibase::kBase58Btc, "z7paNL19xttacUY"},
    {"yes mani !", Multibase::kBase64Url, "ueWVzIG1hbmkgIQ"},
    {std::string_view("\0yes mani !", 11), Multibase::kBase16, "f00796573206d616e692021"},
    {std::string_view("\0yes mani !", 11), Multibase::kBase32, "bab4wk4zanvqw42jaee"},
    {std::string_view("\0yes mani !", 11), Multibase::kBase58Btc, "z17paNL19xttacUY"},
    {std::string_view("\0yes mani !", 11), Multibase::kBase64Url, "uAHllcyBtYW5pICE"},
    {std::string_view("\0\0yes mani !", 12), Multibase::kBase16, "f0000796573206d616e692021"},
    {std::string_view("\0\0yes mani !", 12), Multibase::kBase32, "baaahszltebwwc3tjeaqq"},
    {std::string_view("\0\0yes mani !", 12), Multibase::kBase58Btc, "z117paNL19xttacUY"},
    {std::string_view("\0\0yes mani !", 12), Multibase::kBase64Url, "uAAB5ZXMgbWFuaSAh"},
};

TEST(Multibase, SpecVectors) {
    for (const auto& v : kVectors) {
        EXPECT_EQ(multibase_encode(v.base, text_bytes(v.input)), v.text);
        auto decoded = multibase_decode(v.text);
        ASSERT_TRUE(decoded) << v.text;
        EXPECT_EQ(*decoded, text_bytes(v.input)) << v.text;
    }
}

TEST(Multibase, CaseInsensitiveVectors) {
    // case_insensitivity.csv: "hello world" written in mixed case must decode.
    for (const std::string_view text :
         {"f68656c6c6f20776F726C64", "F68656c6c6f20776F726C64", "bnbswy3dpeB3W64TMMQ", "Bnbswy3dpeB3W64TMMQ",
          "kfUvrsIvVnfRbjWaJo", "KfUVrSIVVnFRbJWAJo"}) {
        auto decoded = multibase_decode(text);
        ASSERT_TRUE(decoded) << text;
        EXPECT_EQ(*decoded, text_bytes("hello world")) << text;
    }
}

TEST(Multibase, RejectsUnknownPrefixAndBadBodies) {
    EXPECT_EQ(multibase_decode("").error(), CodecError::kUnsupportedMultibase);
    EXPECT_EQ(multibase_decode("mAAAA").error(), CodecError::kUnsupportedMultibase);  // base64: not ours
    EXPECT_EQ(multibase_decode("z0").error(), CodecError::kInvalidBase58);            // 0 is not base58
    EXPECT_EQ(multibase_decode("zl").error(), CodecError::kInvalidBase58);
    EXPECT_EQ(multibase_decode("b1").error(), CodecError::kInvalidBase32);
    EXPECT_EQ(multibase_decode("bpfsxgidnmfxgsibb=").error(), CodecError::kInvalidBase32);  // no padding
    EXPECT_EQ(multibase_decode("ueWVzIG1hbmkgIQ==").error(), CodecError::kInvalidBase64);
    EXPECT_EQ(multibase_decode("ueWVz+G1hbmkgIQ").error(),
              CodecError::kInvalidBase64);  // '+' is base64, not url
    EXPECT_EQ(multibase_decode("f0").error(), CodecError::kInvalidBase16);
    EXPECT_EQ(multibase_decode("f0x00").error(), CodecError::kInvalidBase16);
}

TEST(Base32, RejectsImpossibleLengthsAndTrailingBits) {
    EXPECT_EQ(base32_decode("a").error(), CodecError::kInvalidBase32);    // 5 bits: no byte
    EXPECT_EQ(base32_decode("aaa").error(), CodecError::kInvalidBase32);  // 15 bits: 1 byte + 7
    EXPECT_EQ(base32_decode("ab").error(), CodecError::kInvalidBase32);   // trailing bits not zero
    EXPECT_EQ(base32_decode("ae").value(), Bytes{0x01});
    EXPECT_EQ(base32_decode("").value(), Bytes{});
}

TEST(Base64Url, RejectsImpossibleLengthsAndTrailingBits) {
    EXPECT_EQ(base64url_decode("A").error(), CodecError::kInvalidBase64);
    EXPECT_EQ(base64url_decode("AB").error(), CodecError::kInvalidBase64);
    EXPECT_EQ(base64url_decode("AQ").value(), Bytes{0x01});
}

TEST(Base58, LeadingZerosAndEmpty) {
    EXPECT_EQ(base58btc_encode(Bytes{}), "");
    EXPECT_EQ(base58btc_encode(Bytes{0, 0, 0}), "111");
    EXPECT_EQ(base58btc_decode("111").value(), (Bytes{0, 0, 0}));
    EXPECT_EQ(base58btc_decode("").value(), Bytes{});
    EXPECT_EQ(base58btc_encode(Bytes{0x00, 0x01}), "12");
    EXPECT_EQ(base58btc_encode(Bytes{57}), "z");
    EXPECT_EQ(base58btc_encode(Bytes{58}), "21");
}

/// The textbook digit-at-a-time base58 encoding: the reference for the limb-based one.
std::string reference_base58(ByteView data) {
    constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;
    std::vector<unsigned> digits;  // least significant first
    for (std::size_t i = zeros; i < data.size(); ++i) {
        unsigned carry = data[i];
        for (auto& d : digits) {
            carry += d * 256;
            d = carry % 58;
            carry /= 58;
        }
        for (; carry != 0; carry /= 58) digits.push_back(carry % 58);
    }
    std::string out(zeros, '1');
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
    return out;
}

TEST(Base58, MatchesTheTextbookAlgorithm) {
    std::mt19937 rng(11);
    for (int i = 0; i < 3000; ++i) {
        Bytes data(rng() % 70);
        for (auto& b : data)
            b = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0 : rng() % 3 == 0 ? 0xff : rng());
        const std::string expected = reference_base58(data);
        ASSERT_EQ(base58btc_encode(data), expected);
        ASSERT_EQ(base58btc_decode(expected).value(), data) << expected;
    }
}

TEST(Bases, RandomRoundTrips) {
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        Bytes data(rng() % 80);
        for (auto& b : data) b = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0 : rng());
        for (const auto base :
             {Multibase::kBase58Btc, Multibase::kBase32, Multibase::kBase32Upper, Multibase::kBase64Url,
              Multibase::kBase16, Multibase::kBase16Upper, Multibase::kBase36, Multibase::kBase36Upper}) {
            const std::string text = multibase_encode(base, data);
            auto back = multibase_decode(text);
            ASSERT_TRUE(back) << text;
            ASSERT_EQ(*back, data) << text;
        }
    }
}

}  // namespace
}  // namespace kitsunet::p2p
