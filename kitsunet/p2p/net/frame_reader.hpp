#pragma once
/// Reads a muxer's frames from a ByteStream: headers come through a fixed buffer (one read brings
/// many small frames), payloads are copied out of that buffer or, when large, read straight into
/// their destination queue (no intermediate copy). The buffer is allocated once.
/// Errors: the ByteStream's exceptions pass through; an end of stream inside a frame (fill() with
/// some bytes buffered, read_into(), skip()) throws system_error(MuxErrc::protocol_error).
/// Thread-safety: none; one reader.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "kitsunet/p2p/net/byte_queue.hpp"
#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class FrameReader {
  public:
    static constexpr std::size_t kDefaultCapacity = 64 * 1024;

    explicit FrameReader(ByteStream& in, std::size_t capacity = kDefaultCapacity);

    /// The bytes read but not yet consumed.
    std::span<const std::uint8_t> buffered() const noexcept { return {buf_.get() + begin_, end_ - begin_}; }
    /// Precondition: n ≤ buffered().size().
    void consume(std::size_t n) noexcept;

    /// Makes at least `n` (≤ capacity) bytes available in buffered(). Returns false at the end of
    /// stream when nothing is buffered (a clean end between frames).
    Task<bool> fill(std::size_t n);

    /// Moves the next `n` bytes of the stream to the end of `dst`.
    Task<void> read_into(ByteQueue& dst, std::size_t n);

    /// Reads and drops the next `n` bytes.
    Task<void> skip(std::size_t n);

  private:
    Task<void> read_more();

    ByteStream& in_;
    std::size_t capacity_;
    std::unique_ptr<std::uint8_t[]> buf_;
    std::size_t begin_{0};
    std::size_t end_{0};
};

}  // namespace kitsunet::p2p
