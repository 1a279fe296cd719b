#pragma once
/// libp2p keys (libp2p specs, peer-ids.md): the PublicKey / PrivateKey protobufs {Type, Data} and
/// signing. Ed25519 (the default; libsodium) and secp256k1 (libsecp256k1; 33-byte compressed
/// public keys, DER ECDSA signatures over sha256(message)); RSA (PKIX public, PKCS#1 private,
/// RSASSA-PKCS1-v1_5 with SHA-256) and ECDSA (P-256; PKIX public, SEC1 private, DER signatures over
/// sha256) through OpenSSL 3.
///
/// Protobuf encoding is deterministic and parsing strict and total: exactly field 1 (Type,
/// minimal varint) then field 2 (Data, minimal length), nothing else, nothing after; the Data of
/// each type must be a valid key (a point on the curve, a DER key of the declared type). So a
/// parsed key re-encodes to the same bytes and computes the same peer id as go/js/rust libp2p.
///
/// Value types; const access is thread-safe. PrivateKey wipes its secret bytes when destroyed.
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

enum class KeyType : std::uint8_t {
    kRsa = 0,
    kEd25519 = 1,
    kSecp256k1 = 2,
    kEcdsa = 3,
};

/// "rsa", "ed25519", "secp256k1", "ecdsa".
std::string_view to_string(KeyType type) noexcept;

class PublicKey {
  public:
    /// Parses a serialized PublicKey protobuf. Errors: kMalformedProtobuf, kUnknownKeyType,
    /// kInvalidKey, kTruncated, varint errors.
    static CodecResult<PublicKey> from_protobuf(ByteView bytes);
    /// A key from its type and its Data field (e.g. 32 Ed25519 bytes). Errors: kInvalidKey.
    static CodecResult<PublicKey> from_raw(KeyType type, ByteView data);

    KeyType type() const noexcept { return type_; }
    /// The Data field: Ed25519 32 bytes, secp256k1 33 (compressed), RSA/ECDSA DER PKIX.
    ByteView raw() const noexcept { return data_; }
    /// The deterministic PublicKey protobuf (what peer ids hash and handshakes carry).
    Bytes to_protobuf() const;

    /// Whether `signature` is this key's signature of `message`. Never throws; false for any
    /// malformed signature. secp256k1 accepts high-S signatures (as go-libp2p does).
    bool verify(ByteView message, ByteView signature) const noexcept;

    friend bool operator==(const PublicKey&, const PublicKey&) = default;

  private:
    PublicKey(KeyType type, Bytes data) noexcept : type_(type), data_(std::move(data)) {}
    KeyType type_{KeyType::kEd25519};
    Bytes data_;
};

class PrivateKey {
  public:
    /// A fresh key from the system's randomness. RSA keys are 2048 bits, ECDSA keys P-256.
    static PrivateKey generate(KeyType type = KeyType::kEd25519);
    /// The Ed25519 key of a 32-byte seed (RFC 8032 private key). Precondition: seed.size() == 32.
    static PrivateKey ed25519_from_seed(ByteView seed);

    /// Parses a serialized PrivateKey protobuf (a key file). Ed25519 Data is seed‖public (64
    /// bytes) or the legacy seed‖public‖public (96); the public part must match the seed.
    /// Errors: as PublicKey::from_protobuf, and kKeyMismatch.
    static CodecResult<PrivateKey> from_protobuf(ByteView bytes);

    PrivateKey(const PrivateKey& other);
    PrivateKey& operator=(const PrivateKey& other);
    PrivateKey(PrivateKey&& other) noexcept;
    PrivateKey& operator=(PrivateKey&& other) noexcept;
    ~PrivateKey();

    KeyType type() const noexcept;
    const PublicKey& public_key() const noexcept;
    /// The deterministic PrivateKey protobuf (Ed25519: the 64-byte form). Secret: wipe after use.
    Bytes to_protobuf() const;

    /// Signs `message` as the spec of its key type says (Ed25519: RFC 8032; secp256k1/ECDSA: DER
    /// over sha256(message), low-S for secp256k1; RSA: PKCS#1 v1.5 over SHA-256).
    Bytes sign(ByteView message) const;

  private:
    struct State;
    explicit PrivateKey(std::unique_ptr<State> state) noexcept;
    std::unique_ptr<State> state_;
};

}  // namespace kitsunet::p2p
