#pragma once
/// The Noise XX handshake (Noise spec §7.5, Noise_XX_25519_ChaChaPoly_SHA256) as a pure state
/// machine: no I/O, so it can be fuzzed and run against itself. Messages:
///   1. initiator → responder: e
///   2. responder → initiator: e, ee, s, es   (+ the responder's payload, encrypted)
///   3. initiator → responder: s, se          (+ the initiator's payload, encrypted)
/// after which split() gives each side its sending and receiving CipherStates.
/// Errors: read_message() returns HandshakeError for a message that is too short, does not
/// authenticate, or carries a key whose Diffie-Hellman result is zero (a low-order point).
/// Thread-safety: none. Secrets are wiped on destruction.
#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <string_view>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/noise/cipher_state.hpp"
#include "kitsunet/p2p/noise/symmetric_state.hpp"

namespace kitsunet::p2p::noise {

inline constexpr std::string_view kProtocolName = "Noise_XX_25519_ChaChaPoly_SHA256";
inline constexpr std::size_t kDhSize = 32;
using DhPublicKey = std::array<std::uint8_t, kDhSize>;

/// An X25519 key pair. The secret is wiped on destruction.
struct DhKeyPair {
    std::array<std::uint8_t, kDhSize> secret{};
    DhPublicKey public_key{};

    static DhKeyPair generate();
    /// The pair of a given secret (tests, vectors).
    static DhKeyPair from_secret(ByteView secret32);
    ~DhKeyPair();
    DhKeyPair() = default;
    DhKeyPair(const DhKeyPair&) = default;
    DhKeyPair& operator=(const DhKeyPair&) = default;
};

enum class HandshakeError : std::uint8_t {
    kTooShort,       ///< shorter than the keys the message must carry
    kDecryptFailed,  ///< a key or payload that does not authenticate
    kWeakKey,        ///< a public key giving an all-zero X25519 result
};

std::string_view describe(HandshakeError e) noexcept;

enum class Role : std::uint8_t { kInitiator, kResponder };

class XXHandshake {
  public:
    /// `ephemeral` is generated when absent (tests pass one to be deterministic).
    XXHandshake(Role role, const DhKeyPair& static_key, ByteView prologue = {},
                std::optional<DhKeyPair> ephemeral = std::nullopt);

    /// Whether the next message is ours to write.
    bool my_turn() const noexcept;
    /// All three messages done.
    bool complete() const noexcept { return step_ == 3; }

    /// The next message, carrying `payload`. Precondition: my_turn() && !complete().
    Bytes write_message(ByteView payload);
    /// Processes the peer's next message; returns its payload. Precondition: !my_turn() &&
    /// !complete(). After an error the handshake must be abandoned.
    std::expected<Bytes, HandshakeError> read_message(ByteView message);

    /// The peer's static key. Precondition: it has been received (initiator after message 2,
    /// responder after message 3).
    const DhPublicKey& remote_static() const noexcept { return rs_; }
    const DhPublicKey& local_static() const noexcept { return s_.public_key; }
    const HashValue& handshake_hash() const noexcept { return symmetric_.handshake_hash(); }

    /// Our sending and receiving CipherStates. Precondition: complete().
    std::pair<CipherState, CipherState> split();

  private:
    [[nodiscard]] bool mix_dh(const DhKeyPair& local, const DhPublicKey& remote);

    Role role_;
    SymmetricState symmetric_;
    DhKeyPair s_;
    DhKeyPair e_;
    DhPublicKey re_{};
    DhPublicKey rs_{};
    int step_{0};
};

}  // namespace kitsunet::p2p::noise
