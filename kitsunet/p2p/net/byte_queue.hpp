#pragma once
/// A FIFO of bytes on a growable ring buffer: a muxed stream's receive buffer. Bytes go in either
/// by copy (append) or by reading straight into the free space (prepare + commit), and come out
/// by copy (read). Capacity is a power of two that grows as needed and never shrinks while the
/// queue lives: bound the content (a flow-control window, a buffer limit) to bound the memory.
/// Thread-safety: none.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace kitsunet::p2p {

class ByteQueue {
  public:
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t capacity() const noexcept { return capacity_; }

    /// Appends a copy of `data`.
    void append(std::span<const std::uint8_t> data);

    /// A contiguous free region of 1 to `max` bytes (max > 0) at the tail, growing the buffer when
    /// it is full. Write into it, then commit() what was written. read() may run in between (a
    /// reader draining the queue while the region is being filled by a socket read); append(),
    /// prepare() and clear() must not.
    std::span<std::uint8_t> prepare(std::size_t max);
    /// Adds the first `n` bytes of the last prepare() region. Precondition: n ≤ its size.
    void commit(std::size_t n) noexcept;

    /// Moves up to out.size() bytes from the head into `out`; returns how many.
    std::size_t read(std::span<std::uint8_t> out) noexcept;

    /// Drops the content and frees the buffer.
    void clear() noexcept;

  private:
    void grow(std::size_t min_capacity);
    std::size_t mask() const noexcept { return capacity_ - 1; }

    std::unique_ptr<std::uint8_t[]> buf_;
    std::size_t capacity_{0};
    std::size_t head_{0};
    std::size_t size_{0};
};

}  // namespace kitsunet::p2p
