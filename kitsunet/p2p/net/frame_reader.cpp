#include "kitsunet/p2p/net/frame_reader.hpp"

#include <algorithm>
#include <cstring>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"

namespace kitsunet::p2p {

namespace {
[[noreturn]] void throw_truncated() {
    throw_mux_error(MuxErrc::protocol_error, "connection ended inside a frame");
}
}  // namespace

FrameReader::FrameReader(ByteStream& in, std::size_t capacity)
    : in_(in), capacity_(capacity), buf_(std::make_unique_for_overwrite<std::uint8_t[]>(capacity)) {}

void FrameReader::consume(std::size_t n) noexcept {
    KITSUNET_ASSERT(n <= end_ - begin_);
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
}

Task<void> FrameReader::read_more() {
    if (end_ == capacity_) {  // move the unconsumed tail to the front
        std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    const std::size_t n = co_await in_.read_some({buf_.get() + end_, capacity_ - end_});
    if (n == 0) throw_truncated();
    end_ += n;
}

Task<bool> FrameReader::fill(std::size_t n) {
    KITSUNET_ASSERT(n <= capacity_);
    while (end_ - begin_ < n) {
        if (begin_ == end_) {
            const std::size_t got = co_await in_.read_some({buf_.get(), capacity_});
            if (got == 0) co_return false;
            begin_ = 0;
            end_ = got;
            continue;
        }
        co_await read_more();
    }
    co_return true;
}

Task<void> FrameReader::read_into(ByteQueue& dst, std::size_t n) {
    for (;;) {
        const std::size_t take = std::min(n, end_ - begin_);
        dst.append(buffered().first(take));
        consume(take);
        n -= take;
        if (n == 0) co_return;
        // Large remainders skip the buffer; small ones refill it (with the next headers, likely).
        if (n < capacity_ / 4) {
            co_await read_more();
            continue;
        }
        const auto region = dst.prepare(n);
        const std::size_t got = co_await in_.read_some(region);
        if (got == 0) throw_truncated();
        dst.commit(got);
        n -= got;
        if (n == 0) co_return;
    }
}

Task<void> FrameReader::skip(std::size_t n) {
    for (;;) {
        const std::size_t take = std::min(n, end_ - begin_);
        consume(take);
        n -= take;
        if (n == 0) co_return;
        co_await read_more();
    }
}

}  // namespace kitsunet::p2p
