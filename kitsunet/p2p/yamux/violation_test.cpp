// Malformed and forbidden frames from a raw peer: the session ends with a protocol error, tells
// the peer (go-away), resets the connection, and its streams fail cleanly; nothing crashes.
#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace testing;

constexpr auto kData = FrameType::data;
constexpr auto kUpdate = FrameType::window_update;
constexpr auto kPing = FrameType::ping;
constexpr auto kGoAway = FrameType::go_away;

struct Violation {
    const char* name;
    Bytes bytes;              // sent after stream 1 is open and has delivered "hi"
    bool close_after{false};  // then end the connection (truncation cases)
    bool ends_stream{false};  // the frames end stream 1 cleanly (FIN) before the violation
};

// The session is the listener: the raw peer's streams are odd, the session's own ids even.
std::vector<Violation> violations() {
    Bytes raw_version = frame(kData, 0, 1, 0);
    raw_version[0] = 1;
    Bytes raw_type = frame(kData, 0, 1, 0);
    raw_type[1] = 9;
    return {
        {"version 1", raw_version},
        {"frame type 9", raw_type},
        {"data on stream 0", frame(kData, 0, 0, 1, Bytes(1))},
        {"window update on stream 0", frame(kUpdate, 0, 0, 5)},
        {"ping on a stream", frame(kPing, flag::syn, 1, 5)},
        {"go-away on a stream", frame(kGoAway, 0, 1, 0)},
        {"ping with neither SYN nor ACK", frame(kPing, 0, 0, 5)},
        {"data beyond the window", frame(kData, 0, 1, kInitialWindow - 1, Bytes(100))},
        {"data for a stream never opened", frame(kData, 0, 3, 1, Bytes(1))},
        {"data for an id of the session's that it never used", frame(kData, 0, 4, 1, Bytes(1))},
        {"SYN reusing stream 1", frame(kUpdate, flag::syn, 1, 0)},
        {"SYN with the session's parity", frame(kUpdate, flag::syn, 2, 0)},
        {"data after FIN", frame(kUpdate, flag::fin, 1, 0) + frame(kData, 0, 1, 1, Bytes(1)), false, true},
        {"window overflow", frame(kUpdate, 0, 1, 0xffffffffu)},
        {"end inside a payload", frame(kData, 0, 1, 100, Bytes(10)), true},
        {"end inside a header", Bytes(5), true},
    };
}

TEST(YamuxViolation, EveryKindEndsTheSessionWithAProtocolError) {
    for (const auto& v : violations()) {
        SCOPED_TRACE(v.name);
        RawPeer peer(factory());
        boost::system::error_code stream_error;
        std::vector<FrameHeader> seen;
        auto scenario = [&]() -> Task<void> {
            const std::string hi = "hi";
            co_await peer.raw->write_all(frame(kUpdate, flag::syn, 1, 0) +
                                         frame(kData, 0, 1, 2, Bytes(hi.begin(), hi.end())));
            auto s = co_await peer.session->accept_stream();
            EXPECT_EQ(co_await read_exactly(*s, 2), Bytes(hi.begin(), hi.end()));
            auto attack = [&]() -> Task<void> {
                co_await peer.raw->write_all(v.bytes);
                if (v.close_after) co_await peer.raw->close_write();
                seen = co_await frames_until_end(*peer.raw);
            };
            stream_error = co_await (attack() && read_until_failure(*s));
        };
        run_task(peer.io, scenario(), std::chrono::seconds(10));
        run_until(peer.io, [&] { return peer.run.done; });
        EXPECT_EQ(code_of(peer.run.error), MuxErrc::protocol_error);
        if (v.ends_stream)
            EXPECT_FALSE(stream_error);
        else
            EXPECT_EQ(stream_error, MuxErrc::session_closed);
        const FrameHeader go_away{kGoAway, 0, 0, static_cast<std::uint32_t>(GoAwayCode::protocol_error)};
        EXPECT_NE(std::find(seen.begin(), seen.end(), go_away), seen.end()) << "no go-away(protocol error)";
        EXPECT_EQ(peer.session->stream_count(), 0u);
    }
}

TEST(YamuxViolation, AGoAwayWithAnErrorFromThePeerEndsTheSession) {
    RawPeer peer(factory());
    boost::system::error_code stream_error;
    auto scenario = [&]() -> Task<void> {
        co_await peer.raw->write_all(frame(kUpdate, flag::syn, 1, 0));
        auto s = co_await peer.session->accept_stream();
        auto complain = [&]() -> Task<void> {
            co_await peer.raw->write_all(
                frame(kGoAway, 0, 0, static_cast<std::uint32_t>(GoAwayCode::protocol_error)));
        };
        stream_error = co_await (complain() && read_until_failure(*s));
    };
    run_task(peer.io, scenario(), std::chrono::seconds(10));
    run_until(peer.io, [&] { return peer.run.done; });
    EXPECT_EQ(code_of(peer.run.error), MuxErrc::go_away);
    EXPECT_EQ(stream_error, MuxErrc::session_closed);
}

TEST(YamuxViolation, FramesForStreamsThatEndedAreIgnored) {
    // A reset stream may still receive the peer's in-flight frames: no error for those.
    RawPeer peer(factory());
    auto scenario = [&]() -> Task<void> {
        co_await peer.raw->write_all(frame(kUpdate, flag::syn, 1, 0));
        auto s = co_await peer.session->accept_stream();
        s->reset();
        co_await peer.raw->write_all(frame(kData, 0, 1, 3, Bytes(3)) + frame(kUpdate, 0, 1, 100) +
                                     frame(kData, flag::fin, 1, 0));
        co_await peer.raw->write_all(frame(kUpdate, flag::syn, 3, 0) + frame(kData, 0, 3, 1, Bytes(1, 42)));
        auto next = co_await peer.session->accept_stream();
        EXPECT_EQ(next->id(), 3u);
        EXPECT_EQ((co_await read_exactly(*next, 1))[0], 42);
    };
    run_task(peer.io, scenario(), std::chrono::seconds(10));
    EXPECT_FALSE(peer.run.done);
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
