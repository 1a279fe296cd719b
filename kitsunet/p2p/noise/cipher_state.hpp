#pragma once
/// Noise CipherState for ChaChaPoly (Noise spec §5.1, §12.3): a 32-byte key and a 64-bit nonce
/// counter; each message uses the next nonce (4 zero bytes then the counter, little-endian) and
/// carries a 16-byte Poly1305 tag. ChaCha20-Poly1305 (RFC 8439) runs on OpenSSL's vectorised code:
/// libsodium's is about 3× slower here, and the transport's throughput is bounded by it (the
/// tests check both against each other).
/// Errors: decrypt() returns false on a forged, corrupt or truncated message (the nonce is still
/// consumed, as the spec allows: the session must end anyway). The nonce never wraps: the 2^64th
/// message is refused (KITSUNET_ASSERT: unreachable in practice).
/// Thread-safety: none. Move-only; the key is wiped on destruction.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "kitsunet/core/bytes.hpp"

typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;

namespace kitsunet::p2p::noise {

inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kTagSize = 16;
using CipherKey = std::array<std::uint8_t, kKeySize>;

class CipherState {
  public:
    CipherState() = default;
    explicit CipherState(const CipherKey& key);
    ~CipherState();
    CipherState(CipherState&& other) noexcept;
    CipherState& operator=(CipherState&& other) noexcept;
    CipherState(const CipherState&) = delete;
    CipherState& operator=(const CipherState&) = delete;

    bool has_key() const noexcept { return has_key_; }
    std::uint64_t nonce() const noexcept { return nonce_; }
    /// Sets the key and resets the nonce to 0.
    void initialize_key(const CipherKey& key);

    /// Encrypts `plaintext` to `out` (plaintext.size() + kTagSize bytes; `out` may start at
    /// `plaintext`'s address: in place). Precondition: has_key().
    void encrypt(ByteView ad, ByteView plaintext, std::span<std::uint8_t> out);
    /// Decrypts `ciphertext` (with its tag) to `out` (ciphertext.size() - kTagSize bytes; may be
    /// in place). Returns false when it does not authenticate or is shorter than a tag.
    /// Precondition: has_key().
    [[nodiscard]] bool decrypt(ByteView ad, ByteView ciphertext, std::span<std::uint8_t> out);

  private:
    void prepare(bool encrypting);
    std::array<std::uint8_t, 12> next_nonce();

    CipherKey key_{};
    std::uint64_t nonce_{0};
    EVP_CIPHER_CTX* ctx_{nullptr};
    int mode_{-1};  // the direction ctx_ was initialised for (1 encrypt, 0 decrypt), -1 none
    bool has_key_{false};
};

}  // namespace kitsunet::p2p::noise
