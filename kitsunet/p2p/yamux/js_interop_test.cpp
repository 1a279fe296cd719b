// Interop with js-libp2p's Yamux (@chainsafe/libp2p-yamux, test/js/yamux_peer.mjs) over real TCP,
// without security: streams both ways, a 16 MiB stream (window updates and growth), pings and
// go-away, checked on both sides.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "kitsunet/p2p/yamux/test_support.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace testing;
using boost::asio::ip::tcp;

constexpr std::size_t kJsStreams = 4;  // yamux_peer.mjs opens these (ids 1, 3, 5, 7), then a report stream
constexpr std::size_t kJsBytes = 1 << 20;  // per stream; its last stream carries 16 times as much

std::string run_command(FILE* pipe) {
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    return out;
}

TEST(YamuxInterop, JsLibp2pYamuxBothWays) {
    const auto dir = kitsunet::testing::js_dir();
    ASSERT_TRUE(dir) << "test/js/node_modules is missing: run scripts/install-deps.sh";
    boost::asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    const std::string cmd = "cd '" + dir->string() + "' && node --import ./polyfill.mjs yamux_peer.mjs " +
                            std::to_string(acceptor.local_endpoint().port()) + " " +
                            std::to_string(kJsStreams) + " " + std::to_string(kJsBytes);
    FILE* node = popen(cmd.c_str(), "r");
    ASSERT_NE(node, nullptr);

    auto accept = [&]() -> Task<std::unique_ptr<TcpStream>> {
        auto socket = co_await acceptor.async_accept(boost::asio::use_awaitable);
        socket.set_option(tcp::no_delay(true));
        co_return std::make_unique<TcpStream>(std::move(socket));
    };
    YamuxSession session(run_task(io, accept(), std::chrono::seconds(20)), Role::listener, io.get_executor(),
                         test_config());
    Outcome run;
    spawn(io, session.run(), run);

    std::string js_report;
    auto serve_js = [&]() -> Task<void> {
        std::vector<std::unique_ptr<MuxedStream>> streams;
        for (std::size_t i = 0; i < kJsStreams; ++i) streams.push_back(co_await session.accept_stream());
        co_await in_parallel(kJsStreams, [&](std::size_t i) { return echo(*streams[i]); });
        auto report = co_await session.accept_stream();
        EXPECT_EQ(report->id(), 2 * kJsStreams + 1);
        const Bytes text = co_await read_all(*report);
        js_report.assign(text.begin(), text.end());
    };
    auto own_streams = [&]() -> Task<void> {
        co_await in_parallel(8, [&](std::size_t i) -> Task<void> {
            auto s = co_await session.open_stream();
            EXPECT_EQ(s->id() % 2, 0u);
            const Bytes data = pattern(i == 0 ? 16 << 20 : 300'000 + i, static_cast<std::uint32_t>(i));
            const Bytes echoed = co_await (write_and_close(*s, data, 40'000) && read_all(*s));
            EXPECT_TRUE(echoed == data) << "stream " << s->id() << ": " << echoed.size() << " bytes back";
        });
        const auto rtt = co_await session.ping();
        EXPECT_GT(rtt.count(), 0);
    };
    run_task(io, serve_js() && own_streams(), std::chrono::seconds(60));
    run_task(io, session.close());
    run_until(io, [&] { return run.done; });
    EXPECT_FALSE(run.error);

    const std::string out = run_command(node);
    EXPECT_EQ(pclose(node), 0) << "yamux_peer.mjs: " << out;
    // The report it sent over Yamux, and the one it printed after our go-away closed the session.
    for (const std::string& text : {js_report, out}) {
        const auto report = boost::json::parse(text).as_object();
        EXPECT_TRUE(report.at("ok").as_bool()) << text;
        EXPECT_EQ(report.at("echoed").as_int64(), static_cast<std::int64_t>(kJsStreams)) << text;
    }
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
