#pragma once
/// A reliable, ordered, bidirectional byte stream: a TCP socket, a Noise-secured connection, or a
/// muxed stream. Each layer of the connection pipeline (raw → secure → muxed → stream) consumes one
/// and provides the next. Thread-safety: one reader and one writer at a time, on one executor.
#include <cstddef>
#include <cstdint>
#include <span>

#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class ByteStream {
  public:
    virtual ~ByteStream() = default;

    /// Reads at least one byte into `buf` (non-empty); returns 0 at the peer's orderly end of stream.
    /// Throws boost::system::system_error on a reset or a protocol error.
    virtual Task<std::size_t> read_some(std::span<std::uint8_t> buf) = 0;

    /// Writes all of `data`, waiting as flow control requires.
    virtual Task<void> write_all(std::span<const std::uint8_t> data) = 0;

    /// Ends our direction (half-close): the peer reads end of stream; we may still read.
    virtual Task<void> close_write() = 0;

    /// Aborts both directions at once (TCP close, Yamux RST, mplex reset).
    virtual void reset() noexcept = 0;
};

}  // namespace kitsunet::p2p
