// Skeleton: the implementation follows in the next commit.
#include "kitsunet/p2p/identity/keys.hpp"

#include <cstdlib>

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

CodecResult<PublicKey> PublicKey::from_protobuf(ByteView) { return std::unexpected(CodecError::kInvalidKey); }
CodecResult<PublicKey> PublicKey::from_raw(KeyType, ByteView) {
    return std::unexpected(CodecError::kInvalidKey);
}
Bytes PublicKey::to_protobuf() const { return {}; }
bool PublicKey::verify(ByteView, ByteView) const noexcept { return false; }

struct PrivateKey::State {
    PublicKey public_key;
};

PrivateKey::PrivateKey(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
PrivateKey PrivateKey::generate(KeyType) { std::abort(); }
PrivateKey PrivateKey::ed25519_from_seed(ByteView) { std::abort(); }
CodecResult<PrivateKey> PrivateKey::from_protobuf(ByteView) {
    return std::unexpected(CodecError::kInvalidKey);
}
PrivateKey::PrivateKey(const PrivateKey& other) : state_(std::make_unique<State>(*other.state_)) {}
PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
    state_ = std::make_unique<State>(*other.state_);
    return *this;
}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;
KeyType PrivateKey::type() const noexcept { return state_->public_key.type(); }
const PublicKey& PrivateKey::public_key() const noexcept { return state_->public_key; }
Bytes PrivateKey::to_protobuf() const { return {}; }
Bytes PrivateKey::sign(ByteView) const { return {}; }

}  // namespace kitsunet::p2p
