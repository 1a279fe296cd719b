// Yamux session lifecycle over real loopback TCP: ping, go-away, close, the connection's end,
// keep-alive, and a violation seen from the other side.
#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using namespace testing;

// Reads until the stream fails; returns the error code (none at a clean end of stream).
Task<boost::system::error_code> read_until_failure(MuxedStream& s) {
    try {
        co_await read_all(s);
    } catch (const boost::system::system_error& e) {
        co_return e.code();
    }
    co_return boost::system::error_code{};
}

TEST(YamuxLifecycle, PingMeasuresTheRoundTripAndConcurrentPingsShareOne) {
    SessionPair p(factory());
    auto scenario = [&]() -> Task<void> {
        const auto [a, b] = co_await (yamux(p.dialer).ping() && yamux(p.dialer).ping());
        EXPECT_EQ(a, b);
        EXPECT_GT(a, 0ns);
        EXPECT_LT(a, 1s);
        EXPECT_EQ(yamux(p.dialer).rtt(), a);
        EXPECT_GT(co_await yamux(p.listener).ping(), 0ns);
    };
    p.run(scenario());
}

TEST(YamuxLifecycle, GoAwayStopsNewStreamsButNotOpenOnes) {
    SessionPair p(factory());
    auto scenario = [&]() -> Task<void> {
        auto out = co_await p.dialer->open_stream();
        auto in = co_await p.listener->accept_stream();
        yamux(p.listener).go_away();
        co_await yamux(p.dialer).ping();  // the go-away came before the pong
        try {
            co_await p.dialer->open_stream();
            ADD_FAILURE() << "opened a stream after the peer's go-away";
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::go_away);
        }
        EXPECT_THROW(co_await p.listener->open_stream(), boost::system::system_error);  // we are going away
        // The open stream still works both ways.
        const Bytes request = pattern(1000, 1);
        auto client = [&]() -> Task<Bytes> {
            co_await write_and_close(*out, request);
            co_return co_await read_all(*out);
        };
        const Bytes echoed = co_await (client() && echo(*in));
        EXPECT_EQ(echoed, request);
    };
    p.run(scenario());
}

TEST(YamuxLifecycle, CloseEndsBothSessionsInOrder) {
    SessionPair p(factory());
    std::unique_ptr<MuxedStream> out, in;
    auto setup = [&]() -> Task<void> {
        out = co_await p.dialer->open_stream();
        co_await out->write_all(pattern(10, 2));
        in = co_await p.listener->accept_stream();
        co_await yamux(p.dialer).ping();  // the 10 bytes have arrived
    };
    p.run(setup());
    p.run(p.dialer->close());
    run_until(p.io, [&] { return p.dialer_run.done && p.listener_run.done; });
    EXPECT_FALSE(p.dialer_run.error) << "close() is an orderly end";
    EXPECT_FALSE(p.listener_run.error) << "the peer's close is an orderly end";
    auto after = [&]() -> Task<void> {
        EXPECT_EQ(co_await read_exactly(*in, 10), pattern(10, 2));  // buffered data is still there
        EXPECT_EQ(co_await read_until_failure(*in), MuxErrc::session_closed);
        EXPECT_EQ(co_await read_until_failure(*out), MuxErrc::session_closed);
        EXPECT_THROW(co_await out->write_all(pattern(1)), boost::system::system_error);
        EXPECT_EQ(co_await p.listener->accept_stream(), nullptr);
        EXPECT_THROW(co_await p.dialer->open_stream(), boost::system::system_error);
        EXPECT_THROW(co_await yamux(p.dialer).ping(), boost::system::system_error);
        co_await p.dialer->close();  // again: nothing
    };
    p.run(after());
    EXPECT_EQ(p.dialer->stream_count(), 0u);
}

TEST(YamuxLifecycle, TheConnectionsEndEndsTheSessionAndItsStreams) {
    RawPeer peer;
    auto scenario = [&]() -> Task<void> {
        co_await peer.raw->write_all(frame(FrameType::window_update, flag::syn, 1, 0) +
                                     frame(FrameType::data, 0, 1, 3, pattern(3)));
        auto s = co_await peer.session->accept_stream();
        co_await peer.raw->close_write();  // no FIN on the stream, no go-away: just the end
        EXPECT_EQ(co_await read_exactly(*s, 3), pattern(3));
        EXPECT_EQ(co_await read_until_failure(*s), MuxErrc::session_closed);
        EXPECT_EQ(co_await peer.session->accept_stream(), nullptr);
    };
    run_task(peer.io, scenario());
    run_until(peer.io, [&] { return peer.run.done; });
    EXPECT_FALSE(peer.run.error);
}

TEST(YamuxLifecycle, AnswersPingsWithTheSameValue) {
    RawPeer peer;
    auto scenario = [&]() -> Task<void> {
        co_await peer.raw->write_all(frame(FrameType::ping, flag::syn, 0, 0xdeadbeef));
        for (;;) {  // skip the session's own ping
            const auto h = decode_header(co_await read_exactly(*peer.raw, kHeaderSize));
            EXPECT_TRUE(h);
            if (h && h->has(flag::ack)) {
                EXPECT_EQ(*h, (FrameHeader{FrameType::ping, flag::ack, 0, 0xdeadbeef}));
                break;
            }
        }
    };
    run_task(peer.io, scenario());
}

TEST(YamuxLifecycle, APeerThatStopsAnsweringPingsTimesOut) {
    Config impatient = test_config();
    impatient.ping_timeout = 200ms;
    RawPeer peer(impatient);  // the raw peer never answers
    run_until(peer.io, [&] { return peer.run.done; });
    EXPECT_EQ(code_of(peer.run.error), MuxErrc::keepalive_timeout);
}

TEST(YamuxLifecycle, AViolationFailsTheOtherSidesStreamsCleanly) {
    // dialer session ⇄ (tcp) ⇄ man in the middle ⇄ (tcp) ⇄ listener session; the middle injects a
    // frame of version 1 towards the listener.
    boost::asio::io_context io;
    auto left = make_tcp_pair(io), right = make_tcp_pair(io);
    auto& to_listener = *right.dialer;
    YamuxSession dialer(std::move(left.dialer), Role::dialer, io.get_executor(), test_config());
    YamuxSession listener(std::move(right.listener), Role::listener, io.get_executor(), test_config());
    Outcome dialer_run, listener_run, up, down;
    spawn(io, dialer.run(), dialer_run);
    spawn(io, listener.run(), listener_run);
    spawn(io, pipe(*left.listener, to_listener), up);
    spawn(io, pipe(to_listener, *left.listener), down);
    boost::system::error_code dialer_stream, listener_stream;
    auto scenario = [&]() -> Task<void> {
        auto out = co_await dialer.open_stream();
        co_await out->write_all(pattern(5));
        auto in = co_await listener.accept_stream();
        co_await read_exactly(*in, 5);
        co_await dialer.ping();  // quiet: nothing in flight towards the listener
        auto inject = [&]() -> Task<void> {
            Bytes bad = frame(FrameType::data, 0, 1, 0);
            bad[0] = 1;
            co_await to_listener.write_all(bad);
        };
        // (void first: Boost 1.81 cannot append a void task to a tuple of results)
        const auto codes = co_await (inject() && (read_until_failure(*out) && read_until_failure(*in)));
        dialer_stream = std::get<0>(codes);
        listener_stream = std::get<1>(codes);
    };
    run_task(io, scenario(), 10s);
    run_until(io, [&] { return dialer_run.done && listener_run.done; });
    EXPECT_EQ(code_of(listener_run.error), MuxErrc::protocol_error);
    EXPECT_EQ(code_of(dialer_run.error), MuxErrc::go_away);  // it was told why
    EXPECT_EQ(dialer_stream, MuxErrc::session_closed);
    EXPECT_EQ(listener_stream, MuxErrc::session_closed);
    run_until(io, [&] { return up.done && down.done; });
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
