// Yamux flow control over real loopback TCP: backpressure on a slow reader, window growth under
// load, the ACK backlog and stream limits.
#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/net/testing/delayed_stream.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using namespace testing;

Task<void> sleep_for(std::chrono::milliseconds d) {
    boost::asio::steady_timer t(co_await boost::asio::this_coro::executor, d);
    co_await t.async_wait(boost::asio::use_awaitable);
}

// Opens `n` streams carrying one byte each (so that the peer sees them at once).
Task<std::vector<std::unique_ptr<MuxedStream>>> open_with_a_byte(MuxedSession& session, int n) {
    std::vector<std::unique_ptr<MuxedStream>> out;
    for (int i = 0; i < n; ++i) {
        out.push_back(co_await session.open_stream());
        co_await out.back()->write_all(Bytes(1, 7));
    }
    co_return out;
}

TEST(YamuxFlowControl, ASlowReaderBlocksTheWriterAndBoundsMemory) {
    SessionPair p(factory());
    const Bytes data = pattern(1 << 20, 3);
    std::unique_ptr<MuxedStream> out, in;
    bool written = false;
    Outcome writer, reader;
    auto write = [&]() -> Task<void> {
        out = co_await p.dialer->open_stream();
        co_await write_and_close(*out, data);
        written = true;
    };
    spawn(p.io, write(), writer);
    p.run([&]() -> Task<void> { in = co_await p.listener->accept_stream(); }());
    // Nobody reads: exactly one initial window arrives, then the writer waits for a window update.
    run_until(p.io, [&] { return yamux(in).buffered() == kInitialWindow; });
    p.run(sleep_for(200ms));
    EXPECT_FALSE(written);
    EXPECT_EQ(yamux(in).buffered(), kInitialWindow);
    EXPECT_EQ(yamux(out).send_window(), 0u);
    EXPECT_EQ(yamux(p.dialer).queued_bytes(), 0u);  // nothing piles up in the session either
    // A slow reader (64 KiB every 15 ms) gets everything, never holding more than its window.
    std::size_t most_buffered = 0;
    auto slow_read = [&]() -> Task<Bytes> {
        Bytes got, buf(64 * 1024);
        for (;;) {
            most_buffered = std::max(most_buffered, yamux(in).buffered());
            EXPECT_LE(yamux(in).buffered(), yamux(in).receive_window());
            const std::size_t n = co_await in->read_some(buf);
            if (n == 0) co_return got;
            got.insert(got.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
            co_await sleep_for(15ms);
        }
    };
    Bytes got;
    p.run([&]() -> Task<void> { got = co_await slow_read(); }());
    EXPECT_TRUE(got == data);
    EXPECT_TRUE(written);
    EXPECT_LE(most_buffered, std::size_t{yamux(in).receive_window()});
}

TEST(YamuxFlowControl, WindowsGrowUnderLoadOnALongLink) {
    // 5 ms each way: a 256 KiB window would cap one stream at ~25 MB/s; auto-tuning lifts it.
    auto delayed = [](std::unique_ptr<ByteStream> conn, bool is_dialer,
                      const boost::asio::any_io_executor& ex) {
        auto slow = std::make_unique<DelayedStream>(std::move(conn), ex, 5ms);
        return std::make_unique<YamuxSession>(std::move(slow), is_dialer ? Role::dialer : Role::listener, ex,
                                              test_config());
    };
    SessionPair p(delayed);
    const Bytes data = pattern(24 << 20, 4);
    std::uint32_t window = 0;
    auto client = [&]() -> Task<void> {
        co_await yamux(p.dialer).ping();  // the RTT (≥ 10 ms) that tuning compares against
        auto s = co_await p.dialer->open_stream();
        co_await write_and_close(*s, data);
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        const Bytes got = co_await read_all(*s);
        EXPECT_TRUE(got == data);
        window = yamux(s).receive_window();
    };
    p.run(client() && server(), 60s);
    EXPECT_GE(yamux(p.dialer).rtt(), 10ms);
    EXPECT_GE(window, 4u << 20) << "the receive window did not grow under load";
    EXPECT_LE(window, 16u << 20);
}

TEST(YamuxFlowControl, TheListenerRefusesStreamsBeyondItsAckBacklog) {
    Config eager = test_config(), strict = test_config();
    eager.max_ack_backlog = 1000;  // a dialer that ignores the spec's backlog of 256
    strict.max_ack_backlog = 8;
    SessionPair p(factory(eager, strict));
    std::vector<std::unique_ptr<MuxedStream>> opened, accepted;
    auto scenario = [&]() -> Task<void> {
        opened = co_await open_with_a_byte(*p.dialer, 12);
        for (int i = 0; i < 8; ++i) accepted.push_back(co_await p.listener->accept_stream());
        for (std::size_t i = 8; i < 12; ++i)  // never acknowledged: reset by the listener
            EXPECT_EQ(co_await read_until_failure(*opened[i]), MuxErrc::stream_refused) << "stream " << i;
        EXPECT_EQ(p.listener->stream_count(), 8u);
        // Answering acknowledges: the backlog has room for one more.
        co_await accepted[0]->write_all(Bytes(1, 1));
        EXPECT_EQ((co_await read_exactly(*opened[0], 1))[0], 1);
        auto late = co_await p.dialer->open_stream();
        co_await late->write_all(Bytes(1, 9));
        auto taken = co_await p.listener->accept_stream();
        EXPECT_EQ(taken->id(), late->id());
        EXPECT_EQ((co_await read_exactly(*taken, 1))[0], 9);
    };
    p.run(scenario());
}

TEST(YamuxFlowControl, OpeningWaitsWhileOurAckBacklogIsFull) {
    Config small = test_config();
    small.max_ack_backlog = 4;
    SessionPair p(factory(small, test_config()));
    std::vector<std::unique_ptr<MuxedStream>> opened, accepted;
    auto scenario = [&]() -> Task<void> {
        for (int i = 0; i < 4; ++i) opened.push_back(co_await p.dialer->open_stream());
        for (int i = 0; i < 4; ++i) accepted.push_back(co_await p.listener->accept_stream());
        auto blocked = co_await (p.dialer->open_stream() || sleep_for(200ms));
        EXPECT_EQ(blocked.index(), 1u) << "a fifth unacknowledged stream was opened";
        auto ack_one = [&]() -> Task<void> { co_await accepted[2]->write_all(Bytes(1, 1)); };
        auto fifth = co_await (p.dialer->open_stream() && ack_one());
        EXPECT_EQ(fifth->id(), 9u);  // 1, 3, 5, 7, then 9
    };
    p.run(scenario());
}

TEST(YamuxFlowControl, StreamLimitsRefuseInboundAndDelayOutbound) {
    Config few = test_config();
    few.max_streams = 5;
    SessionPair p(factory(test_config(), few));
    std::vector<std::unique_ptr<MuxedStream>> opened, accepted;
    auto scenario = [&]() -> Task<void> {
        opened = co_await open_with_a_byte(*p.dialer, 7);
        for (int i = 0; i < 5; ++i) accepted.push_back(co_await p.listener->accept_stream());
        for (std::size_t i = 5; i < 7; ++i)
            EXPECT_EQ(co_await read_until_failure(*opened[i]), MuxErrc::stream_refused);
        EXPECT_EQ(p.listener->stream_count(), 5u);
        // The listener's own open waits for a free slot: closing one stream both ways frees it.
        auto free_one = [&]() -> Task<void> {
            co_await accepted[0]->close_write();
            co_await opened[0]->close_write();
            co_await read_all(*accepted[0]);
        };
        auto mine = co_await (p.listener->open_stream() && free_one());
        EXPECT_EQ(mine->id() % 2, 0u);
    };
    p.run(scenario());
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
