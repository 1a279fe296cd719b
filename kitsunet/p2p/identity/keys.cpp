#include "kitsunet/p2p/identity/keys.hpp"

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/identity/key_algorithms.hpp"
#include "kitsunet/p2p/identity/key_protobuf.hpp"

namespace kitsunet::p2p {

std::string_view to_string(KeyType type) noexcept {
    switch (type) {
        case KeyType::kRsa:
            return "rsa";
        case KeyType::kEd25519:
            return "ed25519";
        case KeyType::kSecp256k1:
            return "secp256k1";
        case KeyType::kEcdsa:
            return "ecdsa";
    }
    return "unknown";
}

// ---- PublicKey ----

CodecResult<PublicKey> PublicKey::from_protobuf(ByteView bytes) {
    auto message = detail::decode_key_message(bytes);
    if (!message) return std::unexpected(message.error());
    return from_raw(message->type, message->data);
}

CodecResult<PublicKey> PublicKey::from_raw(KeyType type, ByteView data) {
    bool valid = false;
    switch (type) {
        case KeyType::kEd25519:
            valid = data.size() == detail::kEd25519PublicSize;
            break;
        case KeyType::kSecp256k1:
            valid = detail::secp256k1_valid_public(data);
            break;
        case KeyType::kRsa:
        case KeyType::kEcdsa:
            valid = detail::pkix_valid_public(type, data);
            break;
    }
    if (!valid) return std::unexpected(CodecError::kInvalidKey);
    return PublicKey{type, Bytes(data.begin(), data.end())};
}

Bytes PublicKey::to_protobuf() const { return detail::encode_key_message(type_, data_); }

bool PublicKey::verify(ByteView message, ByteView signature) const noexcept {
    switch (type_) {
        case KeyType::kEd25519:
            return detail::ed25519_verify(data_, message, signature);
        case KeyType::kSecp256k1:
            return detail::secp256k1_verify(data_, message, signature);
        case KeyType::kRsa:
        case KeyType::kEcdsa:
            return detail::pkix_verify(type_, data_, message, signature);
    }
    return false;
}

// ---- PrivateKey ----

/// The secret in the Data-field form of its type (Ed25519: seed ‖ public), and its public key.
struct PrivateKey::State {
    detail::SecretBytes secret;
    PublicKey public_key;
};

namespace {

/// The public Data of a secret in its Data-field form, or nullopt when the secret is invalid.
std::optional<Bytes> public_of(KeyType type, ByteView secret) {
    switch (type) {
        case KeyType::kEd25519:
            return Bytes(secret.begin() + detail::kEd25519SeedSize, secret.end());
        case KeyType::kSecp256k1:
            return detail::secp256k1_public_of(secret);
        case KeyType::kRsa:
        case KeyType::kEcdsa:
            return detail::pkix_public_of(type, secret);
    }
    return std::nullopt;
}

/// The Ed25519 secret of a PrivateKey Data field: seed ‖ public, or the legacy
/// seed ‖ public ‖ public; the public part must be the seed's.
CodecResult<detail::SecretBytes> ed25519_secret(ByteView data) {
    constexpr std::size_t kSize = detail::kEd25519SeedSize + detail::kEd25519PublicSize;
    if (data.size() != kSize && data.size() != kSize + detail::kEd25519PublicSize)
        return std::unexpected(CodecError::kInvalidKey);
    const ByteView pub = data.subspan(detail::kEd25519SeedSize, detail::kEd25519PublicSize);
    if (data.size() > kSize && !std::ranges::equal(pub, data.subspan(kSize)))
        return std::unexpected(CodecError::kKeyMismatch);
    detail::SecretBytes secret = detail::ed25519_secret_from_seed(data.first(detail::kEd25519SeedSize));
    if (!std::ranges::equal(secret.view().subspan(detail::kEd25519SeedSize), pub))
        return std::unexpected(CodecError::kKeyMismatch);
    return secret;
}

}  // namespace

PrivateKey::PrivateKey(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}

PrivateKey PrivateKey::generate(KeyType type) {
    detail::SecretBytes secret;
    switch (type) {
        case KeyType::kEd25519:
            secret = detail::ed25519_generate();
            break;
        case KeyType::kSecp256k1:
            secret = detail::secp256k1_generate();
            break;
        case KeyType::kRsa:
        case KeyType::kEcdsa:
            secret = detail::pkix_generate(type);
            break;
    }
    auto pub = public_of(type, secret.view());
    KITSUNET_ASSERT(pub.has_value());
    auto public_key = PublicKey::from_raw(type, *pub);
    KITSUNET_ASSERT(public_key.has_value());
    return PrivateKey{std::make_unique<State>(State{std::move(secret), std::move(*public_key)})};
}

PrivateKey PrivateKey::ed25519_from_seed(ByteView seed) {
    detail::SecretBytes secret = detail::ed25519_secret_from_seed(seed);
    auto public_key = PublicKey::from_raw(KeyType::kEd25519, secret.view().subspan(detail::kEd25519SeedSize));
    KITSUNET_ASSERT(public_key.has_value());
    return PrivateKey{std::make_unique<State>(State{std::move(secret), std::move(*public_key)})};
}

CodecResult<PrivateKey> PrivateKey::from_protobuf(ByteView bytes) {
    auto message = detail::decode_key_message(bytes);
    if (!message) return std::unexpected(message.error());
    detail::SecretBytes secret{message->data};
    if (message->type == KeyType::kEd25519) {
        auto ed = ed25519_secret(message->data);
        if (!ed) return std::unexpected(ed.error());
        secret = std::move(*ed);
    }
    auto pub = public_of(message->type, secret.view());
    if (!pub) return std::unexpected(CodecError::kInvalidKey);
    auto public_key = PublicKey::from_raw(message->type, *pub);
    if (!public_key) return std::unexpected(public_key.error());
    return PrivateKey{std::make_unique<State>(State{std::move(secret), std::move(*public_key)})};
}

PrivateKey::PrivateKey(const PrivateKey& other) : state_(std::make_unique<State>(*other.state_)) {}

PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
    if (this != &other) state_ = std::make_unique<State>(*other.state_);
    return *this;
}

PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

KeyType PrivateKey::type() const noexcept { return state_->public_key.type(); }
const PublicKey& PrivateKey::public_key() const noexcept { return state_->public_key; }

Bytes PrivateKey::to_protobuf() const { return detail::encode_key_message(type(), state_->secret.view()); }

Bytes PrivateKey::sign(ByteView message) const {
    const ByteView secret = state_->secret.view();
    switch (type()) {
        case KeyType::kEd25519:
            return detail::ed25519_sign(secret, message);
        case KeyType::kSecp256k1:
            return detail::secp256k1_sign(secret, message);
        case KeyType::kRsa:
        case KeyType::kEcdsa:
            return detail::pkix_sign(type(), secret, message);
    }
    return {};
}

}  // namespace kitsunet::p2p
