#pragma once
/// A ByteStream read through a buffer, so that a parser can look ahead and leave what it did not
/// consume for the next reader: the bytes that arrive in the same read as a multistream-select
/// or Noise handshake message (lazy negotiation, pipelined data) are kept, never lost.
/// Writes, close_write and reset go straight to the inner stream.
/// Thread-safety: as ByteStream (one reader, one writer, one executor).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/net/byte_stream.hpp"

namespace kitsunet::p2p {

class BufferedStream final : public ByteStream {
  public:
    /// Precondition: `inner` is not null.
    explicit BufferedStream(std::unique_ptr<ByteStream> inner);

    /// Buffered bytes first, then the inner stream.
    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    Task<void> close_write() override;
    void reset() noexcept override;

    /// The bytes read ahead and not yet consumed.
    ByteView buffered() const noexcept { return ByteView(buffer_).subspan(start_); }
    /// Marks the first `n` buffered bytes as consumed. Precondition: n <= buffered().size().
    void consume(std::size_t n) noexcept;
    /// Reads more from the inner stream into the buffer (at most `max` bytes, at least one);
    /// returns false at the peer's end of stream.
    Task<bool> fill(std::size_t max = 4096);
    /// Fills until at least `n` bytes are buffered; throws system_error(eof) if the stream ends first.
    Task<void> fill_to(std::size_t n);

    ByteStream& inner() noexcept { return *inner_; }

  private:
    std::unique_ptr<ByteStream> inner_;
    Bytes buffer_;
    std::size_t start_{0};
};

}  // namespace kitsunet::p2p
