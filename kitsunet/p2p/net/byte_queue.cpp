#include "kitsunet/p2p/net/byte_queue.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p {

namespace {
constexpr std::size_t kMinCapacity = 4096;
}

void ByteQueue::append(std::span<const std::uint8_t> data) {
    while (!data.empty()) {
        auto region = prepare(data.size());
        std::memcpy(region.data(), data.data(), region.size());
        commit(region.size());
        data = data.subspan(region.size());
    }
}

std::span<std::uint8_t> ByteQueue::prepare(std::size_t max) {
    KITSUNET_ASSERT(max > 0);
    if (size_ == 0) head_ = 0;  // keeps the next frame contiguous
    if (size_ == capacity_) grow(std::max(capacity_ * 2, std::bit_ceil(std::min(max, kMinCapacity * 16))));
    const std::size_t tail = (head_ + size_) & mask();
    // Free space runs from the tail to the buffer's end, or to the head when the content wraps
    // (tail == head only when empty: a full buffer has just grown).
    const std::size_t contiguous = tail >= head_ ? capacity_ - tail : head_ - tail;
    return {buf_.get() + tail, std::min(max, contiguous)};
}

void ByteQueue::commit(std::size_t n) noexcept {
    KITSUNET_ASSERT(size_ + n <= capacity_);
    size_ += n;
}

std::size_t ByteQueue::read(std::span<std::uint8_t> out) noexcept {
    const std::size_t n = std::min(out.size(), size_);
    const std::size_t first = std::min(n, capacity_ - head_);
    if (n == 0) return 0;
    std::memcpy(out.data(), buf_.get() + head_, first);
    std::memcpy(out.data() + first, buf_.get(), n - first);
    head_ = (head_ + n) & mask();
    size_ -= n;
    return n;
}

void ByteQueue::clear() noexcept {
    buf_.reset();
    capacity_ = head_ = size_ = 0;
}

void ByteQueue::grow(std::size_t min_capacity) {
    const std::size_t capacity = std::bit_ceil(std::max(min_capacity, kMinCapacity));
    auto next = std::make_unique_for_overwrite<std::uint8_t[]>(capacity);
    const std::size_t n = read({next.get(), size_});
    buf_ = std::move(next);
    capacity_ = capacity;
    head_ = 0;
    size_ = n;
}

}  // namespace kitsunet::p2p
