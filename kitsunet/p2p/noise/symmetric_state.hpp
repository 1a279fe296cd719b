#pragma once
/// Noise SymmetricState (Noise spec §5.2) with SHA-256 (HASHLEN 32) and HKDF over HMAC-SHA256,
/// on libsodium: the chaining key, the handshake hash, and a CipherState for the handshake.
/// Thread-safety: none. Secrets are wiped on destruction.
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/noise/cipher_state.hpp"

namespace kitsunet::p2p::noise {

inline constexpr std::size_t kHashSize = 32;
using HashValue = std::array<std::uint8_t, kHashSize>;

/// SHA-256 of `a` ‖ `b`.
HashValue sha256(ByteView a, ByteView b = {});
/// HKDF of the Noise spec (§4.3) with two outputs.
std::pair<HashValue, HashValue> hkdf2(const HashValue& chaining_key, ByteView input_key_material);

class SymmetricState {
  public:
    /// InitializeSymmetric(protocol_name). Precondition: name.size() <= 32 (as for every Noise
    /// name libp2p uses) — it is then used zero-padded as the initial hash.
    explicit SymmetricState(std::string_view protocol_name);
    ~SymmetricState();
    SymmetricState(const SymmetricState&) = delete;
    SymmetricState& operator=(const SymmetricState&) = delete;

    void mix_key(ByteView input_key_material);
    void mix_hash(ByteView data);
    /// Appends the ciphertext of `plaintext` (or `plaintext` itself before any key) to `out`.
    void encrypt_and_hash(ByteView plaintext, Bytes& out);
    /// The plaintext of `ciphertext`, or false when it does not authenticate.
    [[nodiscard]] bool decrypt_and_hash(ByteView ciphertext, Bytes& plaintext);
    /// Split(): the initiator's sending and the responder's sending CipherStates.
    std::pair<CipherState, CipherState> split();

    const HashValue& handshake_hash() const noexcept { return h_; }
    bool has_key() const noexcept { return cipher_.has_key(); }

  private:
    HashValue ck_{};
    HashValue h_{};
    CipherState cipher_;
};

}  // namespace kitsunet::p2p::noise
