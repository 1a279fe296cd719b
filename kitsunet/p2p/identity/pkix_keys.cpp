// RSA and ECDSA keys with OpenSSL 3 (libp2p specs, peer-ids.md): public keys as DER PKIX,
// private keys as DER PKCS#1 (RSA) or SEC1 (ECDSA), signatures over SHA-256.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/identity/key_algorithms.hpp"

namespace kitsunet::p2p::detail {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;

int openssl_id(KeyType type) noexcept { return type == KeyType::kRsa ? EVP_PKEY_RSA : EVP_PKEY_EC; }

long der_length(ByteView der) noexcept { return static_cast<long>(der.size()); }

/// A non-null pointer for OpenSSL even when `data` is empty.
const std::uint8_t* data_of(ByteView data) noexcept {
    static constexpr std::uint8_t kNothing = 0;
    return data.empty() ? &kNothing : data.data();
}

/// Whether a parsed key is of `type` and of an accepted size / curve.
bool acceptable(KeyType type, EVP_PKEY* key) noexcept {
    if (EVP_PKEY_get_base_id(key) != openssl_id(type)) return false;
    if (type == KeyType::kRsa) {
        const int bits = EVP_PKEY_get_bits(key);
        return bits >= kMinRsaBits && bits <= kMaxRsaBits;
    }
    char curve[32] = {};
    if (EVP_PKEY_get_group_name(key, curve, sizeof curve, nullptr) != 1) return false;
    const std::string_view name = curve;
    return name == "prime256v1" || name == "secp384r1" || name == "secp521r1";
}

Bytes public_der(EVP_PKEY* key) {
    const int size = i2d_PUBKEY(key, nullptr);
    KITSUNET_ASSERT(size > 0);
    Bytes out(static_cast<std::size_t>(size));
    std::uint8_t* p = out.data();
    KITSUNET_ASSERT(i2d_PUBKEY(key, &p) == size);
    return out;
}

/// Parses a DER key spanning all of `der` (private when `secret`), of `type` and acceptable.
Pkey parse_key(KeyType type, ByteView der, bool secret) noexcept {
    if (der.empty()) return nullptr;
    const std::uint8_t* p = der.data();
    Pkey key{secret ? d2i_PrivateKey(openssl_id(type), nullptr, &p, der_length(der))
                    : d2i_PUBKEY(nullptr, &p, der_length(der))};
    if (!key || p != der.data() + der.size() || !acceptable(type, key.get())) return nullptr;
    return key;
}

/// Whether a private key's parts agree: an ECDSA key file carries its public point beside the
/// scalar, an RSA key n, e and d beside p and q; OpenSSL takes them as given.
bool consistent_pair(EVP_PKEY* key) noexcept {
    const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx{
        EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr), &EVP_PKEY_CTX_free};
    return ctx && EVP_PKEY_pairwise_check(ctx.get()) == 1;
}

/// The PKIX public key, only when `der` is its canonical encoding (as go-libp2p re-encodes it).
Pkey parse_public(KeyType type, ByteView der) {
    Pkey key = parse_key(type, der, false);
    if (!key) return nullptr;
    const Bytes canonical = public_der(key.get());
    if (!std::ranges::equal(canonical, der)) return nullptr;
    return key;
}

}  // namespace

bool pkix_valid_public(KeyType type, ByteView der) noexcept {
    try {
        return parse_public(type, der) != nullptr;
    } catch (...) {  // allocation failure only
        return false;
    }
}

std::optional<Bytes> pkix_public_of(KeyType type, ByteView der_secret) {
    const Pkey key = parse_key(type, der_secret, true);
    if (!key || !consistent_pair(key.get())) return std::nullopt;
    return public_der(key.get());
}

SecretBytes pkix_generate(KeyType type) {
    Pkey key{type == KeyType::kRsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256")};
    KITSUNET_ASSERT(key != nullptr);
    const int size = i2d_PrivateKey(key.get(), nullptr);
    KITSUNET_ASSERT(size > 0);
    Bytes der(static_cast<std::size_t>(size));
    std::uint8_t* p = der.data();
    KITSUNET_ASSERT(i2d_PrivateKey(key.get(), &p) == size);
    return SecretBytes{std::move(der)};
}

Bytes pkix_sign(KeyType type, ByteView der_secret, ByteView message) {
    const Pkey key = parse_key(type, der_secret, true);
    KITSUNET_ASSERT(key != nullptr);  // PrivateKey checked it when it was made
    MdCtx ctx{EVP_MD_CTX_new()};
    KITSUNET_ASSERT(ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
    std::size_t size = 0;
    KITSUNET_ASSERT(EVP_DigestSign(ctx.get(), nullptr, &size, data_of(message), message.size()) == 1);
    Bytes signature(size);
    KITSUNET_ASSERT(EVP_DigestSign(ctx.get(), signature.data(), &size, data_of(message), message.size()) ==
                    1);
    signature.resize(size);
    return signature;
}

bool pkix_verify(KeyType type, ByteView der_public, ByteView message, ByteView signature) noexcept {
    const Pkey key = parse_key(type, der_public, false);
    if (!key) return false;
    MdCtx ctx{EVP_MD_CTX_new()};
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), data_of(signature), signature.size(), data_of(message),
                            message.size()) == 1;
}

}  // namespace kitsunet::p2p::detail
