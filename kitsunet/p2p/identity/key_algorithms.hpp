#pragma once
/// Internal to identity: each key type's primitives, over the Data-field encodings of the spec.
/// Secrets travel as SecretBytes, wiped when freed. Thread-safe (libsodium and libsecp256k1
/// contexts are initialised once, then only read).
#include <optional>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"

namespace kitsunet::p2p::detail {

/// Bytes that are wiped (sodium_memzero) when destroyed or reassigned.
class SecretBytes {
  public:
    SecretBytes() = default;
    explicit SecretBytes(ByteView data) : bytes_(data.begin(), data.end()) {}
    explicit SecretBytes(Bytes&& data) noexcept : bytes_(std::move(data)) {}
    SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {}
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    ~SecretBytes() { wipe(); }

    ByteView view() const noexcept { return bytes_; }
    std::size_t size() const noexcept { return bytes_.size(); }

  private:
    void wipe() noexcept;
    Bytes bytes_;
};

/// SHA-256 (libsodium).
Hash sha256(ByteView data) noexcept;

// Ed25519 (libsodium). Public: 32 bytes. Secret: seed ‖ public (64 bytes). Signatures: 64 bytes.
inline constexpr std::size_t kEd25519PublicSize = 32;
inline constexpr std::size_t kEd25519SeedSize = 32;
SecretBytes ed25519_secret_from_seed(ByteView seed);
SecretBytes ed25519_generate();
Bytes ed25519_sign(ByteView secret, ByteView message);
bool ed25519_verify(ByteView public_key, ByteView message, ByteView signature) noexcept;

// secp256k1 (libsecp256k1). Public: 33 bytes compressed. Secret: 32-byte scalar.
// Signatures: DER ECDSA over sha256(message).
inline constexpr std::size_t kSecp256k1PublicSize = 33;
inline constexpr std::size_t kSecp256k1SecretSize = 32;
bool secp256k1_valid_public(ByteView public_key) noexcept;
/// The compressed public key of a secret, or nullopt when the scalar is zero or ≥ the order.
std::optional<Bytes> secp256k1_public_of(ByteView secret);
SecretBytes secp256k1_generate();
Bytes secp256k1_sign(ByteView secret, ByteView message);
bool secp256k1_verify(ByteView public_key, ByteView message, ByteView signature) noexcept;

// RSA and ECDSA (OpenSSL 3). Public: DER PKIX SubjectPublicKeyInfo, canonical (re-encodes to
// the same bytes). Secret: DER PKCS#1 RSAPrivateKey / SEC1 ECPrivateKey. RSA keys must have
// 2048..8192 bits (as go-libp2p), ECDSA keys use P-256, P-384 or P-521.
// Signatures: RSASSA-PKCS1-v1_5 / DER ECDSA, both over SHA-256.
bool pkix_valid_public(KeyType type, ByteView der) noexcept;
/// The PKIX public key of a DER private key, or nullopt when it is not a valid key of `type`.
std::optional<Bytes> pkix_public_of(KeyType type, ByteView der_secret);
SecretBytes pkix_generate(KeyType type);
Bytes pkix_sign(KeyType type, ByteView der_secret, ByteView message);
bool pkix_verify(KeyType type, ByteView der_public, ByteView message, ByteView signature) noexcept;

}  // namespace kitsunet::p2p::detail
