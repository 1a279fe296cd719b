// Ed25519 keys with libsodium, and the helpers every key type shares (SHA-256, SecretBytes).
#include <sodium.h>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/identity/key_algorithms.hpp"

namespace kitsunet::p2p::detail {

namespace {

void ensure_sodium() noexcept {
    static const int ready = sodium_init();
    KITSUNET_ASSERT(ready >= 0);
}

}  // namespace

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        wipe();
        bytes_ = other.bytes_;
    }
    return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        wipe();
        bytes_ = std::move(other.bytes_);
    }
    return *this;
}

void SecretBytes::wipe() noexcept {
    if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
}

Hash sha256(ByteView data) noexcept {
    Hash out;
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

SecretBytes ed25519_secret_from_seed(ByteView seed) {
    KITSUNET_ASSERT(seed.size() == crypto_sign_SEEDBYTES);
    ensure_sodium();
    Bytes secret(crypto_sign_SECRETKEYBYTES);
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> pub{};
    crypto_sign_seed_keypair(pub.data(), secret.data(), seed.data());
    return SecretBytes{std::move(secret)};
}

SecretBytes ed25519_generate() {
    ensure_sodium();
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
    randombytes_buf(seed.data(), seed.size());
    SecretBytes secret = ed25519_secret_from_seed(seed);
    sodium_memzero(seed.data(), seed.size());
    return secret;
}

Bytes ed25519_sign(ByteView secret, ByteView message) {
    KITSUNET_ASSERT(secret.size() == crypto_sign_SECRETKEYBYTES);
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret.data());
    return signature;
}

bool ed25519_verify(ByteView public_key, ByteView message, ByteView signature) noexcept {
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    ensure_sodium();
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) ==
           0;
}

}  // namespace kitsunet::p2p::detail
