// A Yamux session fed arbitrary bytes by its peer, with an application that accepts streams,
// reads, answers, resets and opens one of its own: never crashes, never hangs, frees everything
// (ASan), and ends (run() returns or throws a system_error).
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/yamux/session.hpp"
#include "mux_fuzz_support.hpp"

namespace {

using namespace kitsunet;
using namespace kitsunet::p2p;

Task<void> use_stream(std::unique_ptr<MuxedStream> s, std::uint8_t how) {
    std::vector<std::uint8_t> buf(1 + how * 97u);
    try {
        const std::size_t n = co_await s->read_some(buf);
        if (how % 3 == 0) s->reset();
        co_await s->write_all(std::span(buf).first(n));
        if (how % 2 == 0) co_await s->close_write();
    } catch (const boost::system::system_error&) {
    }
}

Task<void> application(yamux::YamuxSession& session, std::uint8_t how) {
    try {
        auto mine = co_await session.open_stream();
        co_await mine->write_all(std::vector<std::uint8_t>(300'000, how));  // beyond one window
    } catch (const boost::system::system_error&) {
    }
    for (std::uint8_t i = 0;; ++i) {
        auto s = co_await session.accept_stream();
        if (!s) co_return;
        co_await use_stream(std::move(s), static_cast<std::uint8_t>(how + i));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t how = data[0];
    const std::size_t chunk = 1 + (data[1] % 32) * 61u;
    boost::asio::io_context io;
    yamux::Config config;
    config.keepalive_interval = std::chrono::milliseconds(0);
    config.ping_timeout = std::chrono::milliseconds(0);
    config.close_timeout = std::chrono::milliseconds(1);
    auto conn = std::make_unique<fuzz::InputStream>(std::span(data + 2, size - 2), chunk);
    yamux::YamuxSession session(std::move(conn), how & 1 ? yamux::Role::dialer : yamux::Role::listener,
                                io.get_executor(), config);
    bool ran = false;
    boost::asio::co_spawn(io, session.run(), [&](std::exception_ptr e) {
        ran = true;
        try {
            if (e) std::rethrow_exception(e);
        } catch (const boost::system::system_error&) {  // a protocol error: expected
        }
    });
    boost::asio::co_spawn(io, application(session, how), [](std::exception_ptr e) {
        if (e) std::abort();  // the application catches what the session throws at it
    });
    io.run();
    if (!ran) std::abort();
    return 0;
}
