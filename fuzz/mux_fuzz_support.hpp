#pragma once
// Support of the muxer session fuzz targets: a ByteStream whose peer is the fuzz input, and an
// application that drives a session fed by it: it accepts streams, reads, answers, resets, closes
// and opens one stream of its own. The session must end (run() returns or throws a
// system_error), never crash, never hang, and free everything (ASan).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/muxer.hpp"

namespace kitsunet::fuzz {

using p2p::Task;

/// Reads hand out `input` in chunks of `chunk` bytes, then end of stream; writes are dropped.
class InputStream final : public p2p::ByteStream {
  public:
    InputStream(std::span<const std::uint8_t> input, std::size_t chunk) : input_(input), chunk_(chunk) {}

    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override {
        const std::size_t n = std::min({buf.size(), chunk_, input_.size()});
        std::memcpy(buf.data(), input_.data(), n);
        input_ = input_.subspan(n);
        co_return n;
    }
    Task<void> write_all(std::span<const std::uint8_t>) override { co_return; }
    Task<void> close_write() override { co_return; }
    void reset() noexcept override { input_ = {}; }

  private:
    std::span<const std::uint8_t> input_;
    std::size_t chunk_;
};

/// Fuzz input layout: [how] [chunk] [bytes from the peer…]; `how` steers the application.
struct FuzzInput {
    std::uint8_t how;
    std::unique_ptr<InputStream> peer;
};

inline std::optional<FuzzInput> split_input(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return std::nullopt;
    return FuzzInput{data[0],
                     std::make_unique<InputStream>(std::span(data + 2, size - 2), 1 + (data[1] % 32) * 61u)};
}

inline Task<void> use_stream(std::unique_ptr<p2p::MuxedStream> s, std::uint8_t how) {
    std::vector<std::uint8_t> buf(1 + how * 97u);
    try {
        const std::size_t n = co_await s->read_some(buf);
        if (how % 3 == 0) s->reset();
        co_await s->write_all(std::span(buf).first(n));
        if (how % 2 == 0) co_await s->close_write();
    } catch (const boost::system::system_error&) {
    }
}

inline Task<void> open_one(p2p::MuxedSession& session, std::uint8_t how) {
    try {
        auto mine = co_await session.open_stream();
        // Larger than a Yamux window when asked: the write waits for window updates.
        co_await mine->write_all(std::vector<std::uint8_t>(how & 0x10 ? 300'000 : 100, how));
    } catch (const boost::system::system_error&) {
    }
}

inline Task<void> accept_all(p2p::MuxedSession& session, std::uint8_t how) {
    for (std::uint8_t i = 0;; ++i) {
        auto s = co_await session.accept_stream();
        if (!s) co_return;
        co_await use_stream(std::move(s), static_cast<std::uint8_t>(how + i));
    }
}

/// Runs `session` and the application on `io` until both end.
inline void drive(boost::asio::io_context& io, p2p::MuxedSession& session, std::uint8_t how) {
    using namespace boost::asio::experimental::awaitable_operators;
    bool ran = false;
    boost::asio::co_spawn(io, session.run(), [&](std::exception_ptr e) {
        ran = true;
        try {
            if (e) std::rethrow_exception(e);
        } catch (const boost::system::system_error&) {  // a protocol error: expected
        }
    });
    boost::asio::co_spawn(io, open_one(session, how) && accept_all(session, how), [](std::exception_ptr e) {
        if (e) std::abort();  // the application catches what the session throws at it
    });
    io.run();
    if (!ran) std::abort();
}

}  // namespace kitsunet::fuzz
