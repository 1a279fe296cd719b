// mplex over real loopback TCP: the muxer conformance suite (mux/conformance_test.cpp), and what
// is mplex's own: per-initiator ids, buffer bounds instead of flow control, stream limits, and
// malformed frames from a raw peer.
#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/mplex/test_support.hpp"
#include "kitsunet/p2p/mux/conformance.hpp"
#include "kitsunet/p2p/mux/stream.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"

namespace kitsunet::p2p::mplex {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace testing;
using mux::testing::MuxerConformance;

INSTANTIATE_TEST_SUITE_P(Mplex, MuxerConformance,
                         ::testing::Values(mux::testing::MuxerUnderTest{"mplex", factory(),
                                                                        Bytes{0x07, 0x00}}),  // flag 7
                         [](const auto& param_info) { return param_info.param.name; });

// (GCC 12 cannot keep a braced list alive across co_await: named constants instead.)
const Bytes kHi{'h', 'i'};
const Bytes kName0{'0'};
const Bytes kFortyTwo{42};

TEST(MplexSession, EachSideNumbersItsOwnStreamsFromZero) {
    SessionPair p(factory());
    EXPECT_EQ(p.dialer->protocol(), "/mplex/6.7.0");
    auto scenario = [&]() -> Task<void> {
        for (std::uint64_t i = 0; i < 3; ++i) {
            auto a = co_await p.dialer->open_stream();
            auto b = co_await p.listener->open_stream();
            EXPECT_EQ(a->id(), i);
            EXPECT_EQ(b->id(), i);  // the same number, another stream
            co_await a->write_all(Bytes(1, 1));
            co_await b->write_all(Bytes(1, 2));
            auto a_in = co_await p.listener->accept_stream();
            auto b_in = co_await p.dialer->accept_stream();
            EXPECT_EQ((co_await read_exactly(*a_in, 1))[0], 1);
            EXPECT_EQ((co_await read_exactly(*b_in, 1))[0], 2);
        }
    };
    p.run(scenario());
}

TEST(MplexSession, AReaderThatFallsBehindHasItsStreamReset) {
    Config small = test_config();
    small.max_stream_buffer = 100'000;
    SessionPair p(factory(test_config(), small));
    auto scenario = [&]() -> Task<void> {
        auto out = co_await p.dialer->open_stream();
        auto in = co_await p.listener->accept_stream();
        co_await out->write_all(pattern(60'000));
        co_await read_exactly(*in, 60'000);         // read in time: fine
        co_await out->write_all(pattern(150'000));  // nobody reads: over the bound
        EXPECT_EQ(co_await read_until_failure(*in), MuxErrc::read_buffer_overflow);
        EXPECT_EQ(co_await read_until_failure(*out), MuxErrc::stream_reset);  // the writer is told
        EXPECT_EQ(p.listener->stream_count(), 0u);
        EXPECT_EQ(static_cast<MplexSession&>(*p.listener).buffered_bytes(), 0u);
        // The session itself is fine.
        auto again = co_await p.dialer->open_stream();
        co_await write_and_close(*again, pattern(10));
        EXPECT_EQ(co_await read_all(*co_await p.listener->accept_stream()), pattern(10));
    };
    p.run(scenario());
}

TEST(MplexSession, StreamsBeyondTheLimitsAreReset) {
    Config few = test_config();
    few.max_streams = 6;
    few.max_accept_backlog = 4;
    SessionPair p(factory(test_config(), few));
    std::vector<std::unique_ptr<MuxedStream>> opened, accepted;
    auto scenario = [&]() -> Task<void> {
        for (int i = 0; i < 6; ++i) opened.push_back(co_await p.dialer->open_stream());
        for (std::size_t i = 4; i < 6; ++i)  // nobody accepted yet: the backlog holds 4
            EXPECT_EQ(co_await read_until_failure(*opened[i]), MuxErrc::stream_reset);
        for (int i = 0; i < 4; ++i) accepted.push_back(co_await p.listener->accept_stream());
        for (int i = 0; i < 3; ++i) opened.push_back(co_await p.dialer->open_stream());
        for (int i = 0; i < 2; ++i) accepted.push_back(co_await p.listener->accept_stream());
        EXPECT_EQ(co_await read_until_failure(*opened[8]), MuxErrc::stream_reset);  // the 7th open one
        EXPECT_EQ(p.listener->stream_count(), 6u);
    };
    p.run(scenario());
}

struct Violation {
    const char* name;
    Bytes bytes;  // sent after the peer's stream 0 is open and has delivered "hi"
    bool close_after{false};
};

std::vector<Violation> violations() {
    return {
        {"flag 7", Bytes{0x07, 0x00}},
        {"overlong varint", Bytes(10, 0x80)},
        {"non-minimal varint", Bytes{0x82, 0x00, 0x00}},
        {"message over 1 MiB", Bytes{0x02, 0x81, 0x80, 0x40}},
        {"NewStream for an open stream", frame(0, Flag::new_stream, 0)},
        {"message after close", frame(0, Flag::close_initiator, 0) + frame(0, Flag::message_initiator, 1)},
        {"message for our stream never opened", frame(5, Flag::message_receiver, 1)},
        {"end inside a header", Bytes{0x8a}, true},
        {"end inside a body", Bytes{0x02, 0x10, 0x01}, true},
    };
}

TEST(MplexViolation, EveryKindEndsTheSessionWithAProtocolError) {
    for (const auto& v : violations()) {
        SCOPED_TRACE(v.name);
        RawPeer peer(factory());
        boost::system::error_code stream_error;
        auto scenario = [&]() -> Task<void> {
            co_await peer.raw->write_all(frame(0, Flag::new_stream, 1, kName0) +
                                         frame(0, Flag::message_initiator, 2, kHi));
            auto s = co_await peer.session->accept_stream();
            EXPECT_EQ(co_await read_exactly(*s, 2), kHi);
            auto attack = [&]() -> Task<void> {
                co_await peer.raw->write_all(v.bytes);
                if (v.close_after) co_await peer.raw->close_write();
            };
            const bool closes_stream = std::string_view(v.name) == "message after close";
            stream_error = co_await (attack() && read_until_failure(*s));
            if (closes_stream)
                EXPECT_FALSE(stream_error);
            else
                EXPECT_EQ(stream_error, MuxErrc::session_closed);
        };
        run_task(peer.io, scenario(), std::chrono::seconds(10));
        run_until(peer.io, [&] { return peer.run.done; });
        EXPECT_EQ(code_of(peer.run.error), MuxErrc::protocol_error);
    }
}

TEST(MplexViolation, FramesForStreamsThatEndedAreIgnored) {
    RawPeer peer(factory());
    auto scenario = [&]() -> Task<void> {
        co_await peer.raw->write_all(frame(0, Flag::new_stream, 0));
        auto s = co_await peer.session->accept_stream();
        s->reset();
        co_await peer.raw->write_all(
            frame(0, Flag::message_initiator, 3) + frame(0, Flag::close_initiator, 0) +
            frame(9, Flag::message_initiator, 1) + frame(0, Flag::reset_initiator, 0));
        co_await peer.raw->write_all(frame(1, Flag::new_stream, 0) +
                                     frame(1, Flag::message_initiator, 1, kFortyTwo));
        auto next = co_await peer.session->accept_stream();
        EXPECT_EQ(next->id(), 1u);
        EXPECT_EQ((co_await read_exactly(*next, 1))[0], 42);
    };
    run_task(peer.io, scenario(), std::chrono::seconds(10));
    EXPECT_FALSE(peer.run.done);
}

}  // namespace
}  // namespace kitsunet::p2p::mplex
