// secp256k1 keys with libsecp256k1: compressed public keys, DER ECDSA signatures over
// sha256(message) (libp2p specs, peer-ids.md, after Bitcoin's BIP-62 encoding).
#include <secp256k1.h>
#include <sodium.h>

#include <array>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/identity/key_algorithms.hpp"

namespace kitsunet::p2p::detail {

namespace {

/// One signing context for the process, blinded with fresh randomness once; afterwards only read,
/// which libsecp256k1 allows from any thread.
const secp256k1_context* context() noexcept {
    static secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        KITSUNET_ASSERT(c != nullptr && sodium_init() >= 0);
        std::array<std::uint8_t, 32> seed{};
        randombytes_buf(seed.data(), seed.size());
        KITSUNET_ASSERT(secp256k1_context_randomize(c, seed.data()) == 1);
        return c;
    }();
    return ctx;
}

std::optional<secp256k1_pubkey> parse_public(ByteView public_key) noexcept {
    secp256k1_pubkey key;
    if (public_key.size() != kSecp256k1PublicSize) return std::nullopt;
    if (secp256k1_ec_pubkey_parse(context(), &key, public_key.data(), public_key.size()) != 1)
        return std::nullopt;
    return key;
}

}  // namespace

bool secp256k1_valid_public(ByteView public_key) noexcept { return parse_public(public_key).has_value(); }

std::optional<Bytes> secp256k1_public_of(ByteView secret) {
    secp256k1_pubkey key;
    if (secret.size() != kSecp256k1SecretSize ||
        secp256k1_ec_pubkey_create(context(), &key, secret.data()) != 1)
        return std::nullopt;
    Bytes out(kSecp256k1PublicSize);
    std::size_t size = out.size();
    secp256k1_ec_pubkey_serialize(context(), out.data(), &size, &key, SECP256K1_EC_COMPRESSED);
    return out;
}

SecretBytes secp256k1_generate() {
    (void)context();  // initialises libsodium's randomness too
    Bytes secret(kSecp256k1SecretSize);
    do {
        randombytes_buf(secret.data(), secret.size());
    } while (secp256k1_ec_seckey_verify(context(), secret.data()) != 1);
    return SecretBytes{std::move(secret)};
}

Bytes secp256k1_sign(ByteView secret, ByteView message) {
    const Hash digest = sha256(message);
    secp256k1_ecdsa_signature sig;
    // RFC 6979 nonces (the library default); the result is low-S.
    KITSUNET_ASSERT(secp256k1_ecdsa_sign(context(), &sig, digest.data(), secret.data(), nullptr, nullptr) ==
                    1);
    Bytes der(72);
    std::size_t size = der.size();
    KITSUNET_ASSERT(secp256k1_ecdsa_signature_serialize_der(context(), der.data(), &size, &sig) == 1);
    der.resize(size);
    return der;
}

bool secp256k1_verify(ByteView public_key, ByteView message, ByteView signature) noexcept {
    const auto key = parse_public(public_key);
    secp256k1_ecdsa_signature sig;
    if (!key || signature.empty() ||
        secp256k1_ecdsa_signature_parse_der(context(), &sig, signature.data(), signature.size()) != 1)
        return false;
    // libsecp256k1 verifies low-S only; go-libp2p (decred) accepts either half, and so do we.
    secp256k1_ecdsa_signature_normalize(context(), &sig, &sig);
    const Hash digest = sha256(message);
    return secp256k1_ecdsa_verify(context(), &sig, digest.data(), &*key) == 1;
}

}  // namespace kitsunet::p2p::detail
