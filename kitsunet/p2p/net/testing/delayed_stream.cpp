#include "kitsunet/p2p/net/testing/delayed_stream.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <exception>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kitsunet/p2p/net/notifier.hpp"

namespace kitsunet::p2p::testing {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

struct DelayedStream::State {
    State(std::unique_ptr<ByteStream> s, const asio::any_io_executor& ex, Clock::duration d)
        : inner(std::move(s)), executor(ex), delay(d), arrived(ex) {}

    struct Chunk {
        Clock::time_point due;
        std::vector<std::uint8_t> bytes;
        std::size_t offset{0};
    };
    std::unique_ptr<ByteStream> inner;
    asio::any_io_executor executor;
    Clock::duration delay;
    std::deque<Chunk> chunks;
    Notifier arrived;
    bool ended{false};
    std::exception_ptr error;
};

namespace {

Task<void> pump(std::shared_ptr<DelayedStream::State> s) {
    std::vector<std::uint8_t> buf(256 * 1024);
    try {
        while (const std::size_t n = co_await s->inner->read_some(buf)) {
            s->chunks.push_back(
                {Clock::now() + s->delay, {buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n)}});
            s->arrived.notify();
        }
    } catch (...) {
        s->error = std::current_exception();
    }
    s->ended = true;
    s->arrived.notify();
}

}  // namespace

DelayedStream::DelayedStream(std::unique_ptr<ByteStream> inner, const asio::any_io_executor& executor,
                             Clock::duration delay)
    : state_(std::make_shared<State>(std::move(inner), executor, delay)) {
    asio::co_spawn(executor, pump(state_), [](const std::exception_ptr&) {});
}

DelayedStream::~DelayedStream() { state_->inner->reset(); }

Task<std::size_t> DelayedStream::read_some(std::span<std::uint8_t> buf) {
    const auto s = state_;
    asio::steady_timer timer(s->executor);
    for (;;) {
        if (!s->chunks.empty()) {
            auto& c = s->chunks.front();
            if (c.due > Clock::now()) {
                timer.expires_at(c.due);
                co_await timer.async_wait(asio::use_awaitable);
                continue;
            }
            const std::size_t n = std::min(buf.size(), c.bytes.size() - c.offset);
            std::memcpy(buf.data(), c.bytes.data() + c.offset, n);
            c.offset += n;
            if (c.offset == c.bytes.size()) s->chunks.pop_front();
            co_return n;
        }
        if (s->ended) {
            if (s->error) std::rethrow_exception(s->error);
            co_return 0;
        }
        co_await s->arrived.wait();
    }
}

Task<void> DelayedStream::write_all(std::span<const std::uint8_t> data) {
    const auto s = state_;
    co_await s->inner->write_all(data);
}

Task<void> DelayedStream::close_write() {
    const auto s = state_;
    co_await s->inner->close_write();
}

void DelayedStream::reset() noexcept { state_->inner->reset(); }

}  // namespace kitsunet::p2p::testing
