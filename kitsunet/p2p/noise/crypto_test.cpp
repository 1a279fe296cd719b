// The Noise primitives against independent references: ChaCha20-Poly1305 (OpenSSL, our fast
// path) against libsodium's, HKDF against OpenSSL's RFC 5869 HKDF, SHA-256 against OpenSSL.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <sodium.h>

#include <random>

#include "kitsunet/p2p/noise/cipher_state.hpp"
#include "kitsunet/p2p/noise/symmetric_state.hpp"

namespace kitsunet::p2p::noise {
namespace {

Bytes random_bytes(std::mt19937& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

// libsodium's IETF ChaCha20-Poly1305 with the Noise nonce layout (4 zero bytes, LE counter).
Bytes sodium_seal(const CipherKey& key, std::uint64_t n, ByteView ad, ByteView plaintext) {
    std::array<std::uint8_t, 12> nonce{};
    for (int i = 0; i < 8; ++i)
        nonce[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(n >> (8 * i));
    Bytes out(plaintext.size() + kTagSize);
    unsigned long long len = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &len, plaintext.data(), plaintext.size(), ad.data(),
                                              ad.size(), nullptr, nonce.data(), key.data());
    return out;
}

TEST(NoiseCrypto, ChaChaPolyMatchesLibsodiumAcrossSizesAndNonces) {
    ASSERT_GE(sodium_init(), 0);
    std::mt19937 rng(7);
    CipherKey key;
    for (auto& b : key) b = static_cast<std::uint8_t>(rng());
    CipherState sender(key), receiver(key);
    const std::size_t sizes[] = {0, 1, 15, 16, 63, 64, 65, 255, 1024, 16384, 65519};
    for (std::size_t i = 0; i < std::size(sizes); ++i) {
        const Bytes ad = random_bytes(rng, i % 3 == 0 ? 0 : 32);
        const Bytes plain = random_bytes(rng, sizes[i]);
        Bytes sealed(plain.size() + kTagSize);
        sender.encrypt(ad, plain, sealed);
        EXPECT_EQ(sealed, sodium_seal(key, i, ad, plain)) << "size " << sizes[i];
        Bytes opened(plain.size());
        EXPECT_TRUE(receiver.decrypt(ad, sealed, opened));
        EXPECT_EQ(opened, plain);
    }
    EXPECT_EQ(sender.nonce(), std::size(sizes));
}

TEST(NoiseCrypto, InPlaceAndDirectionSwitches) {
    CipherKey key{};
    key[0] = 1;
    CipherState a(key), b(key);
    Bytes buf(1000 + kTagSize, 0x5a);
    const Bytes plain(buf.begin(), buf.begin() + 1000);
    a.encrypt({}, ByteView(buf).first(1000), buf);  // in place
    EXPECT_TRUE(b.decrypt({}, buf, buf));
    EXPECT_EQ(Bytes(buf.begin(), buf.begin() + 1000), plain);
    // One state used both ways (the handshake does): each use takes the next nonce.
    Bytes out(16);
    a.encrypt({}, {}, out);
    Bytes sink;
    EXPECT_TRUE(b.decrypt({}, out, sink));
}

TEST(NoiseCrypto, ForgeriesAreRefused) {
    CipherKey key{};
    CipherState a(key);
    Bytes sealed(40);
    a.encrypt({}, Bytes(24, 1), sealed);
    for (std::size_t i : {std::size_t{0}, std::size_t{23}, std::size_t{24}, std::size_t{39}}) {
        CipherState b(key);
        Bytes tampered = sealed;
        tampered[i] ^= 0x01;
        Bytes out(24);
        EXPECT_FALSE(b.decrypt({}, tampered, out)) << "flipped byte " << i;
    }
    CipherState b(key);
    Bytes out(24);
    EXPECT_FALSE(b.decrypt({}, ByteView(sealed).first(15), out));  // shorter than a tag
    EXPECT_FALSE(b.decrypt(Bytes{1}, sealed, out));                // other associated data
    // A replayed or reordered message fails: the receiver's nonce has moved on.
    CipherState c(key);
    EXPECT_TRUE(c.decrypt({}, sealed, out));
    EXPECT_FALSE(c.decrypt({}, sealed, out));
}

TEST(NoiseCrypto, HkdfMatchesRfc5869) {
    std::mt19937 rng(9);
    for (const std::size_t ikm_size : {std::size_t{0}, std::size_t{32}, std::size_t{100}}) {
        HashValue ck;
        for (auto& b : ck) b = static_cast<std::uint8_t>(rng());
        const Bytes ikm = random_bytes(rng, ikm_size);
        const auto [out1, out2] = hkdf2(ck, ikm);
        // RFC 5869 with salt = chaining key, empty info, 64 bytes of output: extract with OpenSSL's
        // HMAC (it also takes an empty key material, which its HKDF refuses), expand with its HKDF.
        std::array<std::uint8_t, 32> prk;
        unsigned int prk_len = 0;
        HMAC(EVP_sha256(), ck.data(), static_cast<int>(ck.size()), ikm.data(), ikm.size(), prk.data(),
             &prk_len);
        EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
        EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", const_cast<char*>("SHA256"), 0),
                               OSSL_PARAM_construct_utf8_string("mode", const_cast<char*>("EXPAND_ONLY"), 0),
                               OSSL_PARAM_construct_octet_string("key", prk.data(), prk.size()),
                               OSSL_PARAM_construct_end()};
        std::array<std::uint8_t, 64> expected;
        ASSERT_EQ(EVP_KDF_derive(ctx, expected.data(), expected.size(), params), 1);
        EVP_KDF_CTX_free(ctx);
        EVP_KDF_free(kdf);
        EXPECT_TRUE(std::equal(out1.begin(), out1.end(), expected.begin()));
        EXPECT_TRUE(std::equal(out2.begin(), out2.end(), expected.begin() + 32));
    }
}

TEST(NoiseCrypto, Sha256OfTheEmptyString) {
    const auto h = sha256({});
    const std::uint8_t expected[] = {0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14};
    EXPECT_TRUE(std::equal(std::begin(expected), std::end(expected), h.begin()));
    const std::string abc = "abc";
    std::array<std::uint8_t, 32> reference;
    unsigned int len = 0;
    EVP_Digest(abc.data(), abc.size(), reference.data(), &len, EVP_sha256(), nullptr);
    EXPECT_EQ(sha256(as_bytes("ab"), as_bytes("c")), reference);
}

}  // namespace
}  // namespace kitsunet::p2p::noise
