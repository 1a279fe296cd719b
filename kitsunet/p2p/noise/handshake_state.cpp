#include "kitsunet/p2p/noise/handshake_state.hpp"

#include <sodium.h>

#include <algorithm>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p::noise {

namespace {

void ensure_sodium() {
    static const int ready = sodium_init();
    KITSUNET_ASSERT(ready >= 0);
}

}  // namespace

DhKeyPair DhKeyPair::generate() {
    ensure_sodium();
    DhKeyPair pair;
    randombytes_buf(pair.secret.data(), pair.secret.size());
    crypto_scalarmult_base(pair.public_key.data(), pair.secret.data());
    return pair;
}

DhKeyPair DhKeyPair::from_secret(ByteView secret32) {
    KITSUNET_ASSERT(secret32.size() == kDhSize);
    DhKeyPair pair;
    std::copy(secret32.begin(), secret32.end(), pair.secret.begin());
    crypto_scalarmult_base(pair.public_key.data(), pair.secret.data());
    return pair;
}

DhKeyPair::~DhKeyPair() { sodium_memzero(secret.data(), secret.size()); }

std::string_view describe(HandshakeError e) noexcept {
    switch (e) {
        case HandshakeError::kTooShort:
            return "handshake message too short";
        case HandshakeError::kDecryptFailed:
            return "handshake message does not authenticate";
        case HandshakeError::kWeakKey:
            return "weak (low-order) X25519 key";
    }
    return "unknown handshake error";
}

XXHandshake::XXHandshake(Role role, const DhKeyPair& static_key, ByteView prologue,
                         std::optional<DhKeyPair> ephemeral)
    : role_(role),
      symmetric_(kProtocolName),
      s_(static_key),
      e_(ephemeral ? *ephemeral : DhKeyPair::generate()) {
    symmetric_.mix_hash(prologue);
}

bool XXHandshake::my_turn() const noexcept {
    // The initiator writes messages 1 and 3 (steps 0 and 2), the responder message 2 (step 1).
    return (step_ % 2 == 0) == (role_ == Role::kInitiator);
}

bool XXHandshake::mix_dh(const DhKeyPair& local, const DhPublicKey& remote) {
    std::array<std::uint8_t, kDhSize> shared;
    const bool ok = crypto_scalarmult(shared.data(), local.secret.data(), remote.data()) == 0;
    if (ok) symmetric_.mix_key(shared);
    sodium_memzero(shared.data(), shared.size());
    return ok;
}

Bytes XXHandshake::write_message(ByteView payload) {
    KITSUNET_ASSERT(my_turn() && !complete());
    Bytes out;
    if (step_ == 0) {  // -> e
        out.assign(e_.public_key.begin(), e_.public_key.end());
        symmetric_.mix_hash(e_.public_key);
    } else if (step_ == 1) {  // <- e, ee, s, es
        out.assign(e_.public_key.begin(), e_.public_key.end());
        symmetric_.mix_hash(e_.public_key);
        KITSUNET_ASSERT(mix_dh(e_, re_));  // checked when re_ was read
        symmetric_.encrypt_and_hash(s_.public_key, out);
        KITSUNET_ASSERT(mix_dh(s_, re_));
    } else {  // -> s, se
        symmetric_.encrypt_and_hash(s_.public_key, out);
        KITSUNET_ASSERT(mix_dh(s_, re_));
    }
    symmetric_.encrypt_and_hash(payload, out);
    ++step_;
    return out;
}

std::expected<Bytes, HandshakeError> XXHandshake::read_message(ByteView message) {
    KITSUNET_ASSERT(!my_turn() && !complete());
    const std::size_t keys = step_ == 0   ? kDhSize
                             : step_ == 1 ? kDhSize + kDhSize + kTagSize
                                          : kDhSize + kTagSize;
    const std::size_t min_size = keys + (symmetric_.has_key() || step_ > 0 ? kTagSize : 0);
    if (message.size() < min_size) return std::unexpected(HandshakeError::kTooShort);
    if (step_ == 0 || step_ == 1) {  // e
        std::copy_n(message.begin(), kDhSize, re_.begin());
        symmetric_.mix_hash(re_);
        message = message.subspan(kDhSize);
        if (step_ == 0) {
            // A weak e would only surface when we write message 2; refuse it now.
            std::array<std::uint8_t, kDhSize> probe;
            const bool weak = crypto_scalarmult(probe.data(), e_.secret.data(), re_.data()) != 0;
            sodium_memzero(probe.data(), probe.size());
            if (weak) return std::unexpected(HandshakeError::kWeakKey);
        }
    }
    if (step_ == 1 && !mix_dh(e_, re_)) return std::unexpected(HandshakeError::kWeakKey);  // ee
    if (step_ >= 1) {                                                                      // s
        Bytes rs;
        if (!symmetric_.decrypt_and_hash(message.first(kDhSize + kTagSize), rs))
            return std::unexpected(HandshakeError::kDecryptFailed);
        std::copy(rs.begin(), rs.end(), rs_.begin());
        message = message.subspan(kDhSize + kTagSize);
        // es (initiator: DH(e, rs)) after message 2; se (responder: DH(e, rs)) after message 3.
        if (!mix_dh(e_, rs_)) return std::unexpected(HandshakeError::kWeakKey);
    }
    Bytes payload;
    if (!symmetric_.decrypt_and_hash(message, payload))
        return std::unexpected(HandshakeError::kDecryptFailed);
    ++step_;
    return payload;
}

std::pair<CipherState, CipherState> XXHandshake::split() {
    KITSUNET_ASSERT(complete());
    auto [initiator_to_responder, responder_to_initiator] = symmetric_.split();
    if (role_ == Role::kInitiator)
        return {std::move(initiator_to_responder), std::move(responder_to_initiator)};
    return {std::move(responder_to_initiator), std::move(initiator_to_responder)};
}

}  // namespace kitsunet::p2p::noise
