// Yamux sessions over real loopback TCP: opening, accepting, echo, half-close, reset, many streams.
#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace testing;

// (GCC 12 cannot keep a braced list alive across co_await: named constants instead.)
const Bytes kRequest{1, 2, 3};
const Bytes kAnswer{9, 9};
const Bytes kTail{8};
const Bytes kByte{1};

// Opens `n` streams on `from`, each carrying "stream <i>"; `to` accepts them and answers in upper case.
Task<void> exchange(MuxedSession& from, MuxedSession& to, int n, bool expect_odd) {
    auto client = [&]() -> Task<void> {
        for (int i = 0; i < n; ++i) {
            auto s = co_await from.open_stream();
            EXPECT_TRUE(s->outbound());
            EXPECT_EQ(s->id() % 2 == 1, expect_odd);
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

TEST(YamuxSession, OpensAndAcceptsStreamsBothWays) {
    SessionPair p(factory());
    EXPECT_EQ(p.dialer->protocol(), "/yamux/1.0.0");
    p.run(exchange(*p.dialer, *p.listener, 30, true) && exchange(*p.listener, *p.dialer, 30, false));
    EXPECT_EQ(p.dialer->stream_count(), 0u);
    EXPECT_EQ(p.listener->stream_count(), 0u);
    p.close_both();
    EXPECT_FALSE(p.dialer_run.error);
    EXPECT_FALSE(p.listener_run.error);
}

TEST(YamuxSession, EchoesSixteenMiBIntactThroughOneStream) {
    SessionPair p(factory());
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

TEST(YamuxSession, TwoHundredConcurrentStreams) {
    SessionPair p(factory());
    constexpr int kStreams = 200;
    int verified = 0;
    auto one = [&](int i) -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        const Bytes data = pattern(32 * 1024 + static_cast<std::size_t>(i), static_cast<std::uint32_t>(i));
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
    auto clients = [&]() {
        return in_parallel(kStreams, [&](std::size_t i) { return one(static_cast<int>(i)); });
    };
    p.run(clients() && server());
    EXPECT_EQ(verified, kStreams);
    EXPECT_EQ(p.dialer->stream_count(), 0u);
}

TEST(YamuxSession, HalfCloseLetsEachDirectionFinishOnItsOwn) {
    SessionPair p(factory());
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await write_and_close(*s, kRequest);
        EXPECT_THROW(co_await s->write_all(kByte), boost::system::system_error);  // write_closed
        co_await s->close_write();                                                // closing twice is harmless
        // Our direction is closed; the peer's is still open and carries the answer.
        EXPECT_EQ(co_await read_exactly(*s, 2), kAnswer);
        EXPECT_EQ(co_await read_all(*s), kTail);
        EXPECT_EQ(p.dialer->stream_count(), 0u);  // both FINs: the stream is gone
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        EXPECT_EQ(co_await read_all(*s), (kRequest));
        Bytes buf(4);
        EXPECT_EQ(co_await s->read_some(buf), 0u);  // end of stream stays end of stream
        co_await s->write_all(kAnswer);
        co_await s->write_all(kTail);
        co_await s->close_write();
    };
    p.run(client() && server());
}

TEST(YamuxSession, ResetMidStreamFailsBothEnds) {
    SessionPair p(factory());
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(pattern(100'000));
        // The server resets after reading a little: our next reads and writes fail.
        try {
            for (;;) co_await s->write_all(pattern(64 * 1024));
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::stream_reset);
        }
        Bytes buf(16);
        try {
            co_await s->read_some(buf);
            ADD_FAILURE() << "read after reset";
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::stream_reset);
        }
        EXPECT_EQ(p.dialer->stream_count(), 0u);
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_exactly(*s, 50'000);
        s->reset();
        Bytes buf(16);
        EXPECT_THROW(co_await s->read_some(buf), boost::system::system_error);
        EXPECT_THROW(co_await s->write_all(kByte), boost::system::system_error);
        s->reset();  // again: nothing happens
    };
    p.run(client() && server());
}

TEST(YamuxSession, DroppingAnOpenStreamResetsIt) {
    SessionPair p(factory());
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(kByte);
        Bytes buf(8);
        try {
            co_await s->read_some(buf);
            ADD_FAILURE() << "read from a stream the peer dropped";
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::stream_reset);
        }
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_exactly(*s, 1);
        s.reset();  // the handle goes without close: an abort
    };
    p.run(client() && server());
}

TEST(YamuxSession, DroppingAStreamAfterItsFinDrainsThePeer) {
    SessionPair p(factory());
    auto client = [&]() -> Task<void> {
        auto s = co_await p.dialer->open_stream();
        co_await s->write_all(kByte);
        co_await s->close_write();
        co_await read_exactly(*s, 1);
        s.reset();  // we finished writing and stop reading: the peer may finish its 2 MiB
    };
    auto server = [&]() -> Task<void> {
        auto s = co_await p.listener->accept_stream();
        co_await read_all(*s);
        co_await write_and_close(*s, pattern(2 << 20));  // more than the window: needs updates
    };
    p.run(client() && server());
    EXPECT_EQ(p.listener->stream_count(), 0u);
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
