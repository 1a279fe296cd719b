// The async foundation on real loopback sockets: task groups, timeouts, buffered reads, TCP.
// (GCC 12 miscompiles co_await inside an expression holding non-trivial temporaries, gtest macros
// included: results are awaited into named locals first.)
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task_group.hpp"
#include "kitsunet/p2p/net/tcp_transport.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::p2p {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

using testing::make_tcp_pair;
using testing::run_task;

Task<std::string> read_to_end(ByteStream& s) {
    const auto bytes = co_await testing::read_all(s);
    co_return std::string(bytes.begin(), bytes.end());
}

TEST(TaskGroup, JoinWaitsForEveryTask) {
    asio::io_context io;
    TaskGroup group(io.get_executor());
    int finished = 0;
    for (int i = 0; i < 3; ++i)
        group.spawn([](int& count, int ms) -> Task<void> {
            co_await sleep_for(std::chrono::milliseconds(ms));
            ++count;
        }(finished, 10 * i));
    EXPECT_EQ(group.size(), 3u);
    run_task(io, group.join());
    EXPECT_EQ(finished, 3);
    EXPECT_EQ(group.size(), 0u);
}

TEST(TaskGroup, CancelStopsSleepersAndLateSpawns) {
    asio::io_context io;
    TaskGroup group(io.get_executor());
    int finished = 0;
    auto sleeper = [](int& count) -> Task<void> {
        co_await sleep_for(1h);
        ++count;
    };
    group.spawn(sleeper(finished), "sleeper");
    run_task(io, sleep_for(1ms));
    group.cancel();
    group.spawn(sleeper(finished), "late");
    run_task(io, group.join(), 5s);
    EXPECT_EQ(finished, 0);
}

TEST(TaskGroup, AFailingTaskEndsOnlyItself) {
    asio::io_context io;
    TaskGroup group(io.get_executor());
    bool other_done = false;
    group.spawn([]() -> Task<void> {
        co_await sleep_for(1ms);
        throw std::runtime_error("boom");
    }());
    group.spawn([](bool& done) -> Task<void> {
        co_await sleep_for(20ms);
        done = true;
    }(other_done));
    run_task(io, group.join());
    EXPECT_TRUE(other_done);
}

TEST(TaskGroup, JoinUnderATimeoutStillWaitsForTheTasks) {
    asio::io_context io;
    TaskGroup group(io.get_executor());
    bool cleaned_up = false;
    group.spawn([](bool& flag) -> Task<void> {
        try {
            co_await sleep_for(1h);
        } catch (...) {
            flag = true;  // runs before join() returns
            throw;
        }
    }(cleaned_up));
    EXPECT_THROW(run_task(io, with_timeout(group.join(), 10ms)), boost::system::system_error);
    EXPECT_TRUE(cleaned_up);
    EXPECT_EQ(group.size(), 0u);
}

TEST(Timeout, ExpiresOrPassesTheValueThrough) {
    asio::io_context io;
    auto slow = []() -> Task<int> {
        co_await sleep_for(1h);
        co_return 1;
    };
    auto fast = []() -> Task<int> { co_return 42; };
    try {
        run_task(io, with_timeout(slow(), 5ms));
        FAIL() << "no timeout";
    } catch (const boost::system::system_error& e) {
        EXPECT_EQ(e.code(), asio::error::timed_out);
    }
    EXPECT_EQ(run_task(io, with_timeout(fast(), 1s)), 42);
}

TEST(Tcp, EchoAndOrderlyClose) {
    asio::io_context io;
    run_task(io, []() -> Task<void> {
        TcpListener listener(co_await asio::this_coro::executor, {asio::ip::make_address("127.0.0.1"), 0});
        const TcpTarget target{"127.0.0.1", listener.local_endpoint().port()};
        auto client = co_await tcp_connect(target, 5s);
        auto server = co_await listener.accept();
        const std::string msg = "hello over loopback";
        co_await client->write_all(as_bytes(msg));
        co_await client->close_write();
        const auto at_server = co_await read_to_end(*server);
        EXPECT_EQ(at_server, msg);
        co_await server->write_all(as_bytes(msg));  // half-closed: the other direction still works
        co_await server->close_write();
        const auto at_client = co_await read_to_end(*client);
        EXPECT_EQ(at_client, msg);
    }());
}

TEST(Tcp, Ipv6LoopbackWhereAvailable) {
    asio::io_context io;
    std::unique_ptr<TcpListener> listener;
    try {
        listener = std::make_unique<TcpListener>(io.get_executor(),
                                                 asio::ip::tcp::endpoint{asio::ip::make_address("::1"), 0});
    } catch (const boost::system::system_error&) {
        GTEST_SKIP() << "no IPv6 loopback here";
    }
    run_task(io, [](TcpListener& l) -> Task<void> {
        const TcpTarget target{"::1", l.local_endpoint().port()};
        auto client = co_await tcp_connect(target, 5s);
        auto server = co_await l.accept();
        co_await client->write_all(as_bytes(std::string_view("v6")));
        co_await client->close_write();
        const auto received = co_await read_to_end(*server);
        EXPECT_EQ(received, "v6");
    }(*listener));
}

TEST(Tcp, DnsNameResolves) {
    asio::io_context io;
    run_task(io, []() -> Task<void> {
        TcpListener listener(co_await asio::this_coro::executor, {asio::ip::make_address("127.0.0.1"), 0});
        const TcpTarget target{"localhost", listener.local_endpoint().port(), IpFamily::kV4};
        auto client = co_await tcp_connect(target, 5s);
        auto server = co_await listener.accept();
        EXPECT_TRUE(server->socket().remote_endpoint().address().is_loopback());
    }());
}

TEST(Tcp, RefusedPortIsAnError) {
    asio::io_context io;
    std::uint16_t port = 0;
    {
        TcpListener probe(io.get_executor(), {asio::ip::make_address("127.0.0.1"), 0});
        port = probe.local_endpoint().port();
    }
    const TcpTarget target{"127.0.0.1", port};
    EXPECT_THROW(run_task(io, tcp_connect(target, 5s)), boost::system::system_error);
}

TEST(BufferedStream, KeepsWhatTheParserDidNotConsume) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](testing::TcpPair& p) -> Task<void> {
        auto& client = p.dialer;
        co_await client->write_all(as_bytes(std::string_view("HEADER|and the rest")));
        co_await client->close_write();
        BufferedStream buffered(std::move(p.listener));
        co_await buffered.fill_to(7);
        const auto ahead = buffered.buffered();
        EXPECT_GE(ahead.size(), 7u);
        if (ahead.size() < 7) co_return;
        EXPECT_EQ(std::string(ahead.begin(), ahead.begin() + 7), "HEADER|");
        buffered.consume(7);
        const auto rest = co_await read_to_end(buffered);
        EXPECT_EQ(rest, "and the rest");
        const bool more = co_await buffered.fill();
        EXPECT_FALSE(more);
    }(pair));
}

TEST(BufferedStream, FillToThrowsAtEndOfStream) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](testing::TcpPair& p) -> Task<void> {
        auto& client = p.dialer;
        co_await client->write_all(as_bytes(std::string_view("abc")));
        co_await client->close_write();
        BufferedStream buffered(std::move(p.listener));
        bool threw = false;
        try {
            co_await buffered.fill_to(4);
        } catch (const boost::system::system_error&) {
            threw = true;
        }
        EXPECT_TRUE(threw);
        EXPECT_EQ(buffered.buffered().size(), 3u);
    }(pair));
}

}  // namespace
}  // namespace kitsunet::p2p
