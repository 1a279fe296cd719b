// Keys: the spec's vectors, RFC 8032, sign/verify for every type, strict protobuf parsing.
#include "kitsunet/p2p/identity/keys.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/identity/spec_key_vectors.hpp"

namespace kitsunet::p2p {
namespace {

namespace tv = test_vectors;

Bytes hex(std::string_view h) { return *from_hex(h); }

struct SpecPair {
    KeyType type;
    std::string_view private_hex;
    std::string_view public_hex;
};

const SpecPair kSpecPairs[] = {
    {KeyType::kEd25519, tv::kEd25519Private, tv::kEd25519Public},
    {KeyType::kSecp256k1, tv::kSecp256k1Private, tv::kSecp256k1Public},
    {KeyType::kEcdsa, tv::kEcdsaPrivate, tv::kEcdsaPublic},
    {KeyType::kRsa, tv::kRsaPrivate, tv::kRsaPublic},
};

TEST(Keys, SpecVectorsDeriveTheirPublicKeys) {
    for (const auto& v : kSpecPairs) {
        auto sk = PrivateKey::from_protobuf(hex(v.private_hex));
        ASSERT_TRUE(sk) << to_string(v.type) << ": " << describe(sk.error());
        EXPECT_EQ(sk->type(), v.type);
        EXPECT_EQ(to_hex(sk->public_key().to_protobuf()), v.public_hex) << to_string(v.type);
        EXPECT_EQ(to_hex(sk->to_protobuf()), v.private_hex) << to_string(v.type);
        auto pk = PublicKey::from_protobuf(hex(v.public_hex));
        ASSERT_TRUE(pk) << to_string(v.type) << ": " << describe(pk.error());
        EXPECT_EQ(*pk, sk->public_key());
        EXPECT_EQ(to_hex(pk->to_protobuf()), v.public_hex);
    }
}

TEST(Keys, SignAndVerifyEveryType) {
    const Bytes message = hex("6b697473756e6574");
    for (const auto& v : kSpecPairs) {
        const PrivateKey sk = *PrivateKey::from_protobuf(hex(v.private_hex));
        const Bytes sig = sk.sign(message);
        const PublicKey& pk = sk.public_key();
        EXPECT_TRUE(pk.verify(message, sig)) << to_string(v.type);
        EXPECT_FALSE(pk.verify(hex("6b697473756e6575"), sig)) << to_string(v.type);
        Bytes bad = sig;
        bad[bad.size() / 2] ^= 0x01;
        EXPECT_FALSE(pk.verify(message, bad)) << to_string(v.type);
        EXPECT_FALSE(pk.verify(message, {})) << to_string(v.type);
        EXPECT_FALSE(pk.verify(message, ByteView(sig).first(sig.size() - 1))) << to_string(v.type);
    }
}

TEST(Keys, GeneratedKeysOfEveryType) {
    for (const KeyType type : {KeyType::kEd25519, KeyType::kSecp256k1, KeyType::kEcdsa, KeyType::kRsa}) {
        const PrivateKey sk = PrivateKey::generate(type);
        EXPECT_EQ(sk.type(), type);
        const Bytes sig = sk.sign(Bytes{1, 2, 3});
        EXPECT_TRUE(sk.public_key().verify(Bytes{1, 2, 3}, sig)) << to_string(type);
        // The key file round-trips.
        auto again = PrivateKey::from_protobuf(sk.to_protobuf());
        ASSERT_TRUE(again) << to_string(type);
        EXPECT_EQ(again->public_key(), sk.public_key());
        EXPECT_NE(PrivateKey::generate(type).public_key(), sk.public_key());
    }
}

TEST(Keys, Ed25519Rfc8032Vectors) {
    // RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
    struct Case {
        std::string_view seed, pub, message, sig;
    };
    const Case cases[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25"
         "bf5f0595bbe2"
         "4655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387"
         "b2eaeb4302ae"
         "eb00d291612bb0c00"},
    };
    for (const auto& c : cases) {
        const PrivateKey sk = PrivateKey::ed25519_from_seed(hex(c.seed));
        EXPECT_EQ(to_hex(sk.public_key().raw()), c.pub);
        EXPECT_EQ(to_hex(sk.sign(hex(c.message))), c.sig);
        EXPECT_TRUE(sk.public_key().verify(hex(c.message), hex(c.sig)));
    }
}

TEST(Keys, Ed25519SignatureMatchesJsLibp2p) {
    // @libp2p/crypto 5.1.23 signing "kitsunet" with the spec's Ed25519 key (Ed25519 is deterministic).
    const PrivateKey sk = *PrivateKey::from_protobuf(hex(tv::kEd25519Private));
    EXPECT_EQ(to_hex(sk.sign(as_bytes("kitsunet"))),
              "c77ba7ce4660f9ca36d7095758b599ef0fd8ed911915e57e95e268f9c6d5f9d8774866ab3483f711f19bfa8116501f"
              "2a972026"
              "2bcd63976f43ce885aa7f55508");
}

TEST(Keys, Ed25519LegacyPrivateFormat) {
    // seed ‖ public ‖ public (96 bytes) is read and written back in the 64-byte form.
    const Bytes modern = hex(tv::kEd25519Private);
    Bytes legacy = {0x08, 0x01, 0x12, 0x60};
    legacy.insert(legacy.end(), modern.begin() + 4, modern.end());
    legacy.insert(legacy.end(), modern.end() - 32, modern.end());
    auto sk = PrivateKey::from_protobuf(legacy);
    ASSERT_TRUE(sk);
    EXPECT_EQ(sk->to_protobuf(), modern);
    legacy.back() ^= 1;  // the two public copies differ
    EXPECT_EQ(PrivateKey::from_protobuf(legacy).error(), CodecError::kKeyMismatch);
    Bytes wrong_pub = modern;
    wrong_pub.back() ^= 1;  // the public half is not the seed's
    EXPECT_EQ(PrivateKey::from_protobuf(wrong_pub).error(), CodecError::kKeyMismatch);
}

/// Replaces S of a DER ECDSA signature (secp256k1) by n - S: the other, high-S, form.
Bytes flip_s(const Bytes& der) {
    static const Bytes kOrder = hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    const std::size_t r_len = der[3];
    const std::size_t s_at = 4 + r_len + 2;
    Bytes s(der.begin() + static_cast<std::ptrdiff_t>(s_at), der.end());
    while (s.size() < 32) s.insert(s.begin(), 0);
    if (s.size() > 32) s.erase(s.begin());
    Bytes high(32);
    int borrow = 0;
    for (std::size_t i = 32; i-- > 0;) {
        int d = kOrder[i] - s[i] - borrow;
        borrow = d < 0;
        high[i] = static_cast<std::uint8_t>(d + (borrow ? 256 : 0));
    }
    if (high[0] & 0x80) high.insert(high.begin(), 0);
    Bytes out(der.begin() + 2, der.begin() + static_cast<std::ptrdiff_t>(4 + r_len));
    out.push_back(0x02);
    out.push_back(static_cast<std::uint8_t>(high.size()));
    out.insert(out.end(), high.begin(), high.end());
    out.insert(out.begin(), {0x30, static_cast<std::uint8_t>(out.size())});
    return out;
}

TEST(Keys, Secp256k1SignsLowSAndAcceptsHighS) {
    const PrivateKey sk = *PrivateKey::from_protobuf(hex(tv::kSecp256k1Private));
    const Bytes message = hex("6c69627032702d6b6579");
    const Bytes sig = sk.sign(message);
    EXPECT_EQ(sig, sk.sign(message));  // RFC 6979: deterministic
    const Bytes high = flip_s(sig);
    EXPECT_NE(high, sig);
    EXPECT_TRUE(sk.public_key().verify(message, high));
    EXPECT_TRUE(sk.public_key().verify(message, sig));
}

TEST(KeyProtobuf, RejectsEverythingButTheDeterministicForm) {
    const std::pair<std::string_view, CodecError> cases[] = {
        {"", CodecError::kMalformedProtobuf},
        {"0801", CodecError::kMalformedProtobuf},  // no Data
        {"12200000000000000000000000000000000000000000000000000000000000000000",
         CodecError::kMalformedProtobuf},
        {"1220"
         "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
         "0801",
         CodecError::kMalformedProtobuf},              // fields out of order
        {"08811200", CodecError::kMalformedProtobuf},  // non-minimal type varint
        {"080112a0001ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
         CodecError::kMalformedProtobuf},  // non-minimal length
        {"08011220"
         "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
         "00",
         CodecError::kMalformedProtobuf},  // trailing byte
        {"08011220"
         "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
         "1800",
         CodecError::kMalformedProtobuf},  // an unknown field
        {"08011221"
         "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
         CodecError::kMalformedProtobuf},  // length beyond the input
        {"0801080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
         CodecError::kMalformedProtobuf},  // Type twice
        {"0804122000", CodecError::kMalformedProtobuf},
        {"080412011e", CodecError::kUnknownKeyType},
        {"0880808080808080804012011e", CodecError::kUnknownKeyType},
        {"0801121f"
         "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce2",
         CodecError::kInvalidKey},
        {"08021221"
         "047777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99",
         CodecError::kInvalidKey},  // not a compressed point prefix
        {"08021221"
         "020000000000000000000000000000000000000000000000000000000000000007",
         CodecError::kInvalidKey},  // x not on the curve
        {"0800120100", CodecError::kInvalidKey},
        {"0803120100", CodecError::kInvalidKey},
    };
    for (const auto& [h, error] : cases) {
        auto pk = PublicKey::from_protobuf(hex(h));
        ASSERT_FALSE(pk) << h;
        EXPECT_EQ(pk.error(), error) << h << ": " << describe(pk.error());
    }
}

TEST(KeyProtobuf, RejectsKeysOfTheWrongKind) {
    // The spec's ECDSA public key declared as RSA, and the RSA key declared as ECDSA.
    Bytes ecdsa_as_rsa = hex(tv::kEcdsaPublic);
    ecdsa_as_rsa[1] = 0x00;
    EXPECT_EQ(PublicKey::from_protobuf(ecdsa_as_rsa).error(), CodecError::kInvalidKey);
    Bytes rsa_as_ecdsa = hex(tv::kRsaPublic);
    rsa_as_ecdsa[1] = 0x03;
    EXPECT_EQ(PublicKey::from_protobuf(rsa_as_ecdsa).error(), CodecError::kInvalidKey);
    // An Ed25519 public key where a private key belongs, and a zero secp256k1 scalar.
    EXPECT_EQ(PrivateKey::from_protobuf(hex(tv::kEd25519Public)).error(), CodecError::kInvalidKey);
    EXPECT_EQ(PrivateKey::from_protobuf(hex("08021220" + std::string(64, '0'))).error(),
              CodecError::kInvalidKey);
    EXPECT_EQ(PrivateKey::from_protobuf(hex("08021220" + std::string(64, 'f'))).error(),
              CodecError::kInvalidKey);
}

TEST(KeyProtobuf, RejectsPrivateKeysWhosePartsDisagree) {
    // The spec's ECDSA key with its scalar changed: the embedded public point is no longer its own
    // (found by fuzz_private_key).
    Bytes ecdsa = hex(tv::kEcdsaPrivate);
    ecdsa[20] ^= 0x01;
    EXPECT_EQ(PrivateKey::from_protobuf(ecdsa).error(), CodecError::kInvalidKey);
    // The spec's RSA key with a bit of its private exponent flipped.
    Bytes rsa = hex(tv::kRsaPrivate);
    rsa[rsa.size() / 2] ^= 0x01;
    EXPECT_FALSE(PrivateKey::from_protobuf(rsa));
}

TEST(KeyProtobuf, RejectsNonCanonicalDer) {
    // The RSA key's outer SEQUENCE length in long form with a leading zero byte: BER, not DER.
    const Bytes canonical = hex(tv::kRsaPublic);
    const ByteView der = ByteView(canonical).subspan(5);  // 08 00 12 a6 04 | 30 82 02 22 ...
    ASSERT_EQ(der[0], 0x30);
    ASSERT_EQ(der[1], 0x82);
    Bytes ber = {0x30, 0x83, 0x00};
    ber.insert(ber.end(), der.begin() + 2, der.end());
    EXPECT_EQ(PublicKey::from_raw(KeyType::kRsa, ber).error(), CodecError::kInvalidKey);
    EXPECT_TRUE(PublicKey::from_raw(KeyType::kRsa, der));
}

TEST(Keys, PrivateKeyCopiesAndMoves) {
    const PrivateKey a = PrivateKey::generate();
    PrivateKey b = a;
    EXPECT_EQ(b.public_key(), a.public_key());
    PrivateKey c = std::move(b);
    EXPECT_EQ(c.public_key(), a.public_key());
    c = PrivateKey::generate(KeyType::kSecp256k1);
    EXPECT_EQ(c.type(), KeyType::kSecp256k1);
    c = a;
    EXPECT_EQ(c.sign(Bytes{9}), a.sign(Bytes{9}));
}

}  // namespace
}  // namespace kitsunet::p2p
