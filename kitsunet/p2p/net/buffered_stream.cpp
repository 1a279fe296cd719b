#include "kitsunet/p2p/net/buffered_stream.hpp"

#include <algorithm>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p {

BufferedStream::BufferedStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {
    KITSUNET_ASSERT(inner_ != nullptr);
}

Task<std::size_t> BufferedStream::read_some(std::span<std::uint8_t> buf) {
    const auto ahead = buffered();
    if (ahead.empty()) co_return co_await inner_->read_some(buf);
    const std::size_t n = std::min(ahead.size(), buf.size());
    std::copy_n(ahead.begin(), n, buf.begin());
    consume(n);
    co_return n;
}

Task<void> BufferedStream::write_all(std::span<const std::uint8_t> data) { return inner_->write_all(data); }

Task<void> BufferedStream::close_write() { return inner_->close_write(); }

void BufferedStream::reset() noexcept { inner_->reset(); }

void BufferedStream::consume(std::size_t n) noexcept {
    KITSUNET_ASSERT(n <= buffer_.size() - start_);
    start_ += n;
    if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    }
}

Task<bool> BufferedStream::fill(std::size_t max) {
    if (start_ > 0) {  // compact, so the buffer never grows beyond what is unconsumed + max
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
        start_ = 0;
    }
    const std::size_t old = buffer_.size();
    buffer_.resize(old + std::max<std::size_t>(max, 1));
    std::size_t n = 0;
    try {
        n = co_await inner_->read_some(std::span(buffer_).subspan(old));
    } catch (...) {
        buffer_.resize(old);  // what was buffered stays valid
        throw;
    }
    buffer_.resize(old + n);
    co_return n > 0;
}

Task<void> BufferedStream::fill_to(std::size_t n) {
    while (buffered().size() < n) {
        const bool more = co_await fill(n - buffered().size());
        if (!more) throw boost::system::system_error(boost::asio::error::eof);
    }
}

}  // namespace kitsunet::p2p
