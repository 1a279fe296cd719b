// What every muxer must do, over real loopback TCP: streams both ways, a 16 MiB echo, 200
// concurrent streams, half-close, reset, dropped handles, close, and a violation seen from the
// other side. Compiled into each muxer's test binary (see conformance.hpp).
#include "kitsunet/p2p/mux/conformance.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/mux/stream.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"

namespace kitsunet::p2p::mux::testing {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace p2p::testing;

// (GCC 12 cannot keep a braced list alive across co_await: named constants instead.)
const Bytes kRequest{1, 2, 3};
const Bytes kAnswer{9, 9};
const Bytes kTail{8};
const Bytes kByte{1};

std::size_t buffered(const std::unique_ptr<MuxedStream>& s) {
    return static_cast<const Stream&>(*s).buffered();
}

// Opens `n` streams on `from`, each carrying "stream <i>"; `to` accepts them and answers in upper case.
Task<void> exchange(MuxedSession& from, MuxedSession& to, int n) {
    auto client = [&]() -> Task<void> {
        for (int i = 0; i < n; ++i) {
            auto s = co_await from.open_stream();
            EXPECT_TRUE(s->outbound());
            const std::string text = "stream " + std::to_string(i);
            co_await write_and_close(*s, Bytes(text.begin(), text.end()));
            const Bytes reply = co_await read_all(*s);
            std::string upper = text;
            for (auto& c : upper) c = static_cast<char>(std::toupper(c));
            EXPECT_EQ(std::string(reply.begin(), reply.end()), upper);
        }
    };
    auto server = [&]() -> Task<void> {
        for (int i = 0; i < n; ++i) {
            auto s = co_await to.accept_stream();
            EXPECT_FALSE(s->outbound());
            Bytes got = co_await read_all(*s);
            for (auto& c : got) c = static_cast<std::uint8_t>(std::toupper(c));
            co_await write_and_close(*s, got);
        }
    };
    co_await (client() && server());
}

TEST_P(MuxerConformance, OpensAndAcceptsStreamsBothWays) {
    SessionPair p(GetParam().factory);
    p.run(exchange(*p.dialer, *p.listener, 30) && exchange(*p.listener, *p.dialer, 30));
    EXPECT_EQ(p.dialer->stream_count(), 0u);
    EXPECT_EQ(p.listener->stream_count(), 0u);
    p.close_both();
    EXPECT_FALSE(p.dialer_run.error);
    EXPECT_FALSE(p.listener_run.error);
}

TEST_P(MuxerConformance, EchoesSixteenMiBIntactThroughOneStream) {
    SessionPair p(GetParam().factory);
    const Bytes data = pattern(16 << 20, 1);
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        // Odd-sized pieces, so frames and reads do not line up with anything.
        const Bytes echoed = co_await (write_and_close(*s, data, 100'003) && read_all(*s));
        EXPECT_EQ(echoed.size(), data.size());
        if (echoed.size() != data.size()) co_return;
        const auto diff = std::mismatch(echoed.begin(), echoed.end(), data.begin());
        EXPECT_EQ(diff.first, echoed.end()) << "first difference at byte " << (diff.first - echoed.begin());
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await echo(*s, 7'777);
    };
    p.run(client() && server());
}

TEST_P(MuxerConformance, TwoHundredConcurrentStreams) {
    SessionPair p(GetParam().factory);
    constexpr int kStreams = 200;
    int verified = 0;
    auto one = [&](std::size_t i) -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        const Bytes data = pattern(32 * 1024 + i, static_cast<std::uint32_t>(i));
        const Bytes echoed = co_await (write_and_close(*s, data, 5000) && read_all(*s));
        EXPECT_TRUE(echoed == data) << "stream " << i;
        ++verified;
    };
    std::vector<std::unique_ptr<MuxedStream>> accepted;
    auto server = [&]() -> Task<void> {
        for (int i = 0; i < kStreams; ++i) accepted.push_back(co_await p.listener->accept_stream());
        EXPECT_EQ(p.listener->stream_count(), static_cast<std::size_t>(kStreams));  // all open at once
        co_await in_parallel(kStreams, [&](std::size_t i) { return echo(*accepted[i], 3000); });
    };
    p.run(in_parallel(kStreams, one) && server());
    EXPECT_EQ(verified, kStreams);
    EXPECT_EQ(p.dialer->stream_count(), 0u);
}

TEST_P(MuxerConformance, HalfCloseLetsEachDirectionFinishOnItsOwn) {
    SessionPair p(GetParam().factory);
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await write_and_close(*s, kRequest);
        try {
            co_await s->write_all(kByte);
            ADD_FAILURE() << "wrote after close_write";
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::write_closed);
        }
        co_await s->close_write();  // closing twice is harmless
        // Our direction is closed; the peer's is still open and carries the answer.
        EXPECT_EQ(co_await read_exactly(*s, 2), kAnswer);
        EXPECT_EQ(co_await read_all(*s), kTail);
        EXPECT_EQ(p.dialer->stream_count(), 0u);  // both closed: the stream is gone
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        EXPECT_EQ(co_await read_all(*s), kRequest);
        Bytes buf(4);
        EXPECT_EQ(co_await s->read_some(buf), 0u);  // end of stream stays end of stream
        co_await s->write_all(kAnswer);
        co_await s->write_all(kTail);
        co_await s->close_write();
    };
    p.run(client() && server());
}

TEST_P(MuxerConformance, ResetMidStreamFailsBothEnds) {
    SessionPair p(GetParam().factory);
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(pattern(100'000));
        // The server resets after reading a little: our next writes and reads fail.
        try {
            for (;;) co_await s->write_all(pattern(64 * 1024));
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::stream_reset);
        }
        EXPECT_EQ(co_await read_until_failure(*s), MuxErrc::stream_reset);
        EXPECT_EQ(p.dialer->stream_count(), 0u);
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_exactly(*s, 50'000);
        s->reset();
        EXPECT_EQ(co_await read_until_failure(*s), MuxErrc::stream_reset);
        EXPECT_THROW(co_await s->write_all(kByte), boost::system::system_error);
        s->reset();  // again: nothing happens
    };
    p.run(client() && server());
}

TEST_P(MuxerConformance, DroppingAnOpenStreamResetsIt) {
    SessionPair p(GetParam().factory);
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(kByte);
        EXPECT_EQ(co_await read_until_failure(*s), MuxErrc::stream_reset);
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_exactly(*s, 1);
        s.reset();  // the handle goes without close: an abort
    };
    p.run(client() && server());
}

TEST_P(MuxerConformance, DroppingAStreamAfterItsCloseDrainsThePeer) {
    SessionPair p(GetParam().factory);
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(kByte);
        co_await s->close_write();
        co_await read_exactly(*s, 1);
        s.reset();  // we finished writing and stop reading: the peer may still finish its 2 MiB
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_all(*s);
        co_await write_and_close(*s, pattern(2 << 20));  // more than a Yamux window
    };
    p.run(client() && server());
    run_until(p.io, [&] { return p.dialer->stream_count() == 0 && p.listener->stream_count() == 0; });
}

TEST_P(MuxerConformance, CloseEndsBothSessionsInOrder) {
    SessionPair p(GetParam().factory);
    std::unique_ptr<MuxedStream> out, in;
    auto setup = [&]() -> Task<void> {
        out = co_await p.dialer->open_stream();
        co_await out->write_all(pattern(10, 2));
        in = co_await p.listener->accept_stream();
    };
    p.run(setup());
    run_until(p.io, [&] { return buffered(in) == 10; });
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
        co_await p.dialer->close();  // again: nothing
    };
    p.run(after());
    EXPECT_EQ(p.dialer->stream_count(), 0u);
}

TEST_P(MuxerConformance, AViolationFailsBothSidesStreamsCleanly) {
    // dialer session ⇄ (tcp) ⇄ man in the middle ⇄ (tcp) ⇄ listener session; the middle injects
    // the muxer's violation towards the listener between two frames.
    boost::asio::io_context io;
    auto left = make_tcp_pair(io), right = make_tcp_pair(io);
    auto& to_listener = *right.dialer;
    auto dialer = GetParam().factory(std::move(left.dialer), true, io.get_executor());
    auto listener = GetParam().factory(std::move(right.listener), false, io.get_executor());
    Outcome dialer_run, listener_run, up, down;
    spawn(io, dialer->run(), dialer_run);
    spawn(io, listener->run(), listener_run);
    spawn(io, pipe(*left.listener, to_listener), up);
    spawn(io, pipe(to_listener, *left.listener), down);
    boost::system::error_code dialer_stream, listener_stream;
    auto scenario = [&]() -> Task<void> {
        auto out = co_await dialer->open_stream();
        co_await out->write_all(pattern(5));
        auto in = co_await listener->accept_stream();
        co_await read_exactly(*in, 5);  // delivered: nothing in flight towards the listener
        auto inject = [&]() -> Task<void> { co_await to_listener.write_all(GetParam().violation); };
        // (void first: Boost 1.81 cannot append a void task to a tuple of results)
        const auto codes = co_await (inject() && (read_until_failure(*out) && read_until_failure(*in)));
        dialer_stream = std::get<0>(codes);
        listener_stream = std::get<1>(codes);
    };
    run_task(io, scenario(), std::chrono::seconds(10));
    run_until(io, [&] { return dialer_run.done && listener_run.done && up.done && down.done; });
    EXPECT_EQ(code_of(listener_run.error), MuxErrc::protocol_error);
    EXPECT_EQ(dialer_stream, MuxErrc::session_closed);
    EXPECT_EQ(listener_stream, MuxErrc::session_closed);
}

}  // namespace
}  // namespace kitsunet::p2p::mux::testing
