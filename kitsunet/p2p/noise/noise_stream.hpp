#pragma once
/// A Noise-secured connection after the handshake (libp2p/specs noise, "Wire Format"): every
/// message is a 2-byte big-endian length and a ChaCha20-Poly1305 ciphertext of at most 65,535
/// bytes (65,519 of plaintext), each direction with its own key and nonce counter.
/// Efficiency: a write encrypts straight from the caller's bytes into one buffer of frames sent
/// in one write; a read takes many frames per read of the inner stream and decrypts them in
/// place, or straight into the caller's buffer when they fit (no intermediate copy). The read
/// buffer starts small (idle connections stay light) and grows while reads fill it.
/// Errors (system_error): kDecryptFailed (a frame that does not authenticate: the connection is
/// then unusable), kBadMessage (the stream ends inside a frame), and the inner stream's errors.
/// Thread-safety: one reader and one writer at a time, on one executor.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/noise/cipher_state.hpp"

namespace kitsunet::p2p::noise {

inline constexpr std::size_t kMaxMessageSize = 65535;
inline constexpr std::size_t kMaxPlaintextSize = kMaxMessageSize - kTagSize;

class NoiseStream final : public ByteStream {
  public:
    /// `inner` carries the frames (it may hold bytes already read ahead: a BufferedStream).
    NoiseStream(std::unique_ptr<ByteStream> inner, CipherState send, CipherState receive);

    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    Task<void> close_write() override;
    void reset() noexcept override;

    /// Bytes held by the read and write buffers (for memory accounting).
    std::size_t buffer_capacity() const noexcept { return read_buf_.size() + write_buf_.capacity(); }

  private:
    /// The size of the complete frame at the read position, or 0 when it is not all here yet.
    std::size_t complete_frame() const noexcept;
    /// Decrypts the frame of `frame_size` bytes at the read position into `out` and consumes it.
    void open_frame(std::size_t frame_size, std::span<std::uint8_t> out);
    /// Reads more from the inner stream; false at its end.
    Task<bool> read_more();

    std::unique_ptr<ByteStream> inner_;
    CipherState send_;
    CipherState receive_;
    Bytes read_buf_;
    std::size_t read_begin_{0};  // frames not yet decrypted: [read_begin_, read_end_)
    std::size_t read_end_{0};
    std::size_t plain_begin_{0};  // decrypted, not yet returned: [plain_begin_, plain_end_)
    std::size_t plain_end_{0};
    Bytes write_buf_;
};

}  // namespace kitsunet::p2p::noise
