// multistream-select negotiation between our dialer and listener on loopback TCP, with
// fragmented reads, pipelined data and malformed peers. (Results are awaited into locals:
// GCC 12 miscompiles co_await inside gtest macros.)
#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/multistream/message.hpp"
#include "kitsunet/p2p/multistream/negotiate.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"
#include "kitsunet/p2p/net/testing/trickle_stream.hpp"

namespace kitsunet::p2p::multistream {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using p2p::testing::error_of;
using p2p::testing::make_tcp_pair;
using p2p::testing::run_task;
using p2p::testing::TcpPair;
using p2p::testing::TrickleStream;

Task<std::string> read_to_end(ByteStream& s) {
    const auto bytes = co_await p2p::testing::read_all(s);
    co_return std::string(bytes.begin(), bytes.end());
}

const std::vector<std::string> kServed{"/echo/1.0.0", "/ipfs/ping/1.0.0"};

TEST(Multistream, DialerFallsBackAfterNa) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        BufferedStream dialer(std::move(p.dialer)), listener(std::move(p.listener));
        const std::vector<std::string> proposals{"/unknown/1.0.0", "/ipfs/ping/1.0.0"};
        auto chosen_and_accepted =
            co_await (select_protocol(dialer, proposals) && accept_protocol(listener, kServed));
        auto& chosen = std::get<0>(chosen_and_accepted);
        auto& accepted = std::get<1>(chosen_and_accepted);
        EXPECT_EQ(chosen, "/ipfs/ping/1.0.0");
        EXPECT_EQ(accepted, "/ipfs/ping/1.0.0");
    }(pair));
}

TEST(Multistream, NothingInCommonIsProtocolNotSupported) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        BufferedStream dialer(std::move(p.dialer)), listener(std::move(p.listener));
        const std::vector<std::string> proposals{"/a/1", "/b/1"};
        auto dial = [&]() -> Task<boost::system::error_code> {
            auto ec = co_await error_of(select_protocol(dialer, proposals));
            dialer.reset();  // a dialer that gives up closes the stream
            co_return ec;
        };
        auto dial_error_and_listen_error = co_await (dial() && error_of(accept_protocol(listener, kServed)));
        auto& dial_error = std::get<0>(dial_error_and_listen_error);
        auto& listen_error = std::get<1>(dial_error_and_listen_error);
        EXPECT_EQ(dial_error, P2pErrc::kProtocolNotSupported);
        EXPECT_TRUE(listen_error) << "listener must fail when the dialer leaves";
    }(pair));
}

TEST(Multistream, LsListsTheListenersProtocols) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        BufferedStream dialer(std::move(p.dialer)), listener(std::move(p.listener));
        auto list = [&]() -> Task<std::vector<std::string>> {
            auto protocols = co_await list_protocols(dialer);
            co_await dialer.close_write();
            co_return protocols;
        };
        auto listed_and_listen_error = co_await (list() && error_of(accept_protocol(listener, kServed)));
        auto& listed = std::get<0>(listed_and_listen_error);
        auto& listen_error = std::get<1>(listed_and_listen_error);
        EXPECT_EQ(listed, kServed);
        EXPECT_EQ(listen_error, asio::error::eof);
    }(pair));
}

TEST(Multistream, FragmentedReadsOneByteAtATime) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        BufferedStream dialer(std::make_unique<TrickleStream>(std::move(p.dialer)));
        BufferedStream listener(std::make_unique<TrickleStream>(std::move(p.listener)));
        const std::vector<std::string> proposals{"/nope", "/echo/1.0.0"};
        auto chosen_and_accepted =
            co_await (select_protocol(dialer, proposals) && accept_protocol(listener, kServed));
        auto& chosen = std::get<0>(chosen_and_accepted);
        auto& accepted = std::get<1>(chosen_and_accepted);
        EXPECT_EQ(chosen, "/echo/1.0.0");
        EXPECT_EQ(accepted, "/echo/1.0.0");
    }(pair));
}

TEST(Multistream, DataCoalescedWithTheProposalIsKept) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        // A lazy dialer: header, proposal and the protocol's first bytes in one write.
        Bytes out = encode_message(kProtocolId);
        append_message(out, "/echo/1.0.0");
        const std::string payload = "early data, sent before the answer";
        out.insert(out.end(), payload.begin(), payload.end());
        co_await p.dialer->write_all(out);
        co_await p.dialer->close_write();
        BufferedStream listener(std::move(p.listener));
        const auto accepted = co_await accept_protocol(listener, kServed);
        EXPECT_EQ(accepted, "/echo/1.0.0");
        const auto rest = co_await read_to_end(listener);
        EXPECT_EQ(rest, payload);
        co_await listener.close_write();
        const auto answer = co_await read_to_end(*p.dialer);
        EXPECT_EQ(answer, "\x13/multistream/1.0.0\n\x0c/echo/1.0.0\n");
    }(pair));
}

TEST(Multistream, ListenerAnswersADialerThatWaitsForTheHeader) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        const Bytes header = encode_message(kProtocolId);
        co_await p.dialer->write_all(header);
        auto dial = [&]() -> Task<std::string> {
            std::uint8_t buf[64];
            const auto n = co_await p.dialer->read_some(buf);  // our header arrives first
            const Bytes proposal = encode_message("/echo/1.0.0");
            co_await p.dialer->write_all(proposal);
            co_return std::string(buf, buf + n);
        };
        BufferedStream listener(std::move(p.listener));
        auto got_and_accepted = co_await (dial() && accept_protocol(listener, kServed));
        auto& got = std::get<0>(got_and_accepted);
        auto& accepted = std::get<1>(got_and_accepted);
        EXPECT_EQ(got, "\x13/multistream/1.0.0\n");
        EXPECT_EQ(accepted, "/echo/1.0.0");
    }(pair));
}

// The listener's error when the dialer sends `garbage` and closes.
boost::system::error_code listener_error_on(const std::string& garbage) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    return run_task(io, [](TcpPair& p, std::string bytes) -> Task<boost::system::error_code> {
        co_await p.dialer->write_all(as_bytes(bytes));
        co_await p.dialer->close_write();
        BufferedStream listener(std::move(p.listener));
        co_return co_await error_of(accept_protocol(listener, kServed));
    }(pair, garbage));
}

TEST(Multistream, GarbageIsRefusedWithAReason) {
    EXPECT_EQ(listener_error_on("GET / HTTP/1.1\r\n\r\n"), asio::error::eof);  // 'G': a 71-byte message
    EXPECT_EQ(listener_error_on("\x05GET /"), P2pErrc::kBadMessage);
    EXPECT_EQ(listener_error_on("\x03na\n"), P2pErrc::kProtocolMismatch);
    EXPECT_EQ(listener_error_on("\xff\x7f"), P2pErrc::kMessageTooLarge);
    EXPECT_EQ(listener_error_on("\x13/multistream/1.0"), asio::error::eof);
    std::string many(reinterpret_cast<const char*>(encode_message(kProtocolId).data()), 20);
    for (int i = 0; i < kMaxProposals; ++i) many += "\x03/x\n";
    EXPECT_EQ(listener_error_on(many), P2pErrc::kLimitExceeded);
}

TEST(Multistream, DialerRefusesAWrongAnswer) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        Bytes answer = encode_message(kProtocolId);
        append_message(answer, "/something/else");
        co_await p.listener->write_all(answer);
        BufferedStream dialer(std::move(p.dialer));
        const std::vector<std::string> proposals{"/echo/1.0.0"};
        const auto ec = co_await error_of(select_protocol(dialer, proposals));
        EXPECT_EQ(ec, P2pErrc::kProtocolMismatch);
    }(pair));
}

}  // namespace
}  // namespace kitsunet::p2p::multistream
