// Yamux session lifecycle over real loopback TCP: ping, go-away, the connection's end, keep-alive
// (close() and a violation seen from the other side: mux/conformance_test.cpp).
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

TEST(YamuxLifecycle, TheConnectionsEndEndsTheSessionAndItsStreams) {
    RawPeer peer(factory());
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
    RawPeer peer(factory());
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
    RawPeer peer(factory(test_config(), impatient));  // the raw peer never answers
    run_until(peer.io, [&] { return peer.run.done; });
    EXPECT_EQ(code_of(peer.run.error), MuxErrc::keepalive_timeout);
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
