// Our host against real js-libp2p 3.x peers (test/js/p2p_peer.mjs, started per test), both
// directions: identify, ping, echo of 16 MiB, 200 concurrent streams, mplex, and js closing or
// resetting mid-stream. Our host runs on its own io thread; the test thread drives the js peer.
#include <gtest/gtest.h>

#include <atomic>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/host/js_peer.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/net/testing/io_thread.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"

namespace kitsunet::p2p {
namespace {

namespace json = boost::json;
using namespace boost::asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using testing::JsPeer;

constexpr std::string_view kEcho = "/kitsunet/test/echo/1.0.0";
constexpr std::string_view kSource = "/kitsunet/test/source/1.0.0";

#define SKIP_WITHOUT_JS() \
    if (!JsPeer::available()) GTEST_SKIP() << "test/js/node_modules is absent: run scripts/install-deps.sh"

// Our host on its own thread, serving the echo protocol.
class OurHost {
  public:
    explicit OurHost(std::vector<std::string> muxers = HostConfig{}.muxers) {
        io_.run([](OurHost& self, std::vector<std::string> m) -> Task<void> {
            HostConfig config;
            config.listen = {*Multiaddr::from_string("/ip4/127.0.0.1/tcp/0")};
            config.muxers = std::move(m);
            self.host_ = std::make_unique<Host>(co_await boost::asio::this_coro::executor, std::move(config));
            self.host_->listen();
            self.host_->set_handler(std::string(kEcho), [&self](Stream s) -> Task<void> {
                try {
                    co_await testing::echo(*s.io);
                } catch (const boost::system::system_error&) {
                    ++self.echo_failures;
                    throw;
                }
            });
        }(*this, std::move(muxers)));
    }
    ~OurHost() {
        io_.run([](std::unique_ptr<Host>& h) -> Task<void> {
            co_await h->stop();
            h.reset();
        }(host_));
    }

    template <class T>
    T run(Task<T> task) {
        return io_.run(std::move(task));
    }
    template <class T>
    std::future<T> start(Task<T> task) {
        return io_.start(std::move(task));
    }
    Host& host() { return *host_; }
    Multiaddr addr() const { return with_peer_id(host_->listen_addrs().front(), host_->id()); }

    std::atomic<int> echo_failures{0};

  private:
    testing::IoThread io_;
    std::unique_ptr<Host> host_;
};

json::object cmd(std::string_view name, json::object fields = {}) {
    fields["cmd"] = name;
    return fields;
}

std::vector<std::string> strings(const json::value& v) {
    std::vector<std::string> out;
    for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
    return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::ranges::find(list, item) != list.end();
}

// Our view of `peer` once identify has run.
PeerInfo identified(OurHost& ours, const PeerId& peer) {
    return ours.run([](Host& h, PeerId p) -> Task<PeerInfo> {
        const bool ok = co_await h.wait_identified(p, 10s);
        EXPECT_TRUE(ok) << "identify of the js peer did not succeed";
        const auto* info = h.peer_store().find(p);
        co_return info ? *info : PeerInfo{};
    }(ours.host(), peer));
}

void expect_both_identified(OurHost& ours, JsPeer& js) {
    const auto theirs = js.command(cmd("peer", {{"peer", ours.host().id().to_string()}}), "peer");
    const auto their_protocols = strings(theirs.at("protocols"));
    EXPECT_TRUE(contains(their_protocols, kEcho));
    EXPECT_TRUE(contains(their_protocols, "/ipfs/ping/1.0.0"));
    EXPECT_TRUE(contains(their_protocols, "/ipfs/id/1.0.0"));
    EXPECT_TRUE(contains(strings(theirs.at("addrs")), ours.host().listen_addrs().front().to_string()));
    EXPECT_EQ(theirs.at("agent").as_string(), "kitsunet/0.1.0");

    const auto mine = identified(ours, js.id());
    EXPECT_TRUE(contains(mine.protocols, kEcho));
    EXPECT_TRUE(contains(mine.protocols, "/ipfs/ping/1.0.0"));
    ASSERT_FALSE(mine.addrs.empty());
    EXPECT_EQ(mine.addrs.front(), js.addr().decapsulate(Protocol::kP2p));
    EXPECT_TRUE(mine.agent_version.starts_with("js-libp2p")) << mine.agent_version;
}

Task<Bytes> echo_via(Host& host, PeerId peer, Bytes data) {
    std::vector<std::string> protocols{std::string(kEcho)};
    auto stream = co_await host.new_stream(peer, std::move(protocols));
    auto echoed =
        co_await (testing::write_and_close(*stream.io, data, 65536) && testing::read_all(*stream.io));
    co_return echoed;
}

TEST(Interop, JsDialsUsAndBothIdentify) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    const auto dialed = js.command(cmd("dial", {{"addr", ours.addr().to_string()}}), "dialed");
    EXPECT_EQ(dialed.at("peer").as_string(), ours.host().id().to_string());
    EXPECT_EQ(dialed.at("muxer").as_string(), "/yamux/1.0.0");
    expect_both_identified(ours, js);
}

TEST(Interop, WeDialJsAndBothIdentify) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    const auto muxer = ours.run([](Host& h, Multiaddr a) -> Task<std::string> {
        auto c = co_await h.dial(std::move(a));
        co_return std::string(c->muxer());
    }(ours.host(), js.addr()));
    EXPECT_EQ(muxer, "/yamux/1.0.0");
    expect_both_identified(ours, js);
}

TEST(Interop, PingBothWays) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    const auto rtt =
        ours.run([](Host& h, Multiaddr a, PeerId p) -> Task<std::chrono::steady_clock::duration> {
            co_await h.dial(std::move(a));
            co_return co_await h.ping(p);
        }(ours.host(), js.addr(), js.id()));
    EXPECT_GT(rtt.count(), 0);
    const auto pings =
        js.command(cmd("ping", {{"peer", ours.host().id().to_string()}, {"count", 3}}), "ping");
    EXPECT_EQ(pings.at("rtts").as_array().size(), 3u);
}

TEST(Interop, EchoSixteenMiBBothWays) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    const auto data = testing::pattern(16 << 20, 11);
    const auto echoed = ours.run([](Host& h, Multiaddr a, PeerId p, Bytes d) -> Task<Bytes> {
        co_await h.dial(std::move(a));
        co_return co_await echo_via(h, p, std::move(d));
    }(ours.host(), js.addr(), js.id(), data));
    EXPECT_TRUE(echoed == data) << "our 16 MiB came back altered (" << echoed.size() << " bytes)";
    const auto theirs =
        js.command(cmd("echo", {{"peer", ours.host().id().to_string()}, {"bytes", 16 << 20}}), "echo");
    EXPECT_TRUE(theirs.at("ok").as_bool()) << json::serialize(theirs);
}

TEST(Interop, TwoHundredConcurrentStreamsBothWays) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    const int intact = ours.run([](Host& h, Multiaddr a, PeerId p) -> Task<int> {
        co_await h.dial(std::move(a));
        int ok = 0;
        TaskGroup streams(co_await boost::asio::this_coro::executor);
        for (std::uint32_t i = 0; i < 200; ++i)
            streams.spawn([](Host& host, PeerId peer, std::uint32_t seed, int& good) -> Task<void> {
                const auto data = testing::pattern(20'000 + seed, seed);
                const auto echoed = co_await echo_via(host, peer, data);
                if (echoed == data) ++good;
            }(h, p, i, ok));
        co_await streams.join();
        co_return ok;
    }(ours.host(), js.addr(), js.id()));
    EXPECT_EQ(intact, 200);
    const auto theirs = js.command(
        cmd("echo", {{"peer", ours.host().id().to_string()}, {"bytes", 20'000}, {"streams", 200}}), "echo");
    EXPECT_TRUE(theirs.at("ok").as_bool()) << json::serialize(theirs);
}

TEST(Interop, MplexInsteadOfYamux) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js({"--muxer", "mplex"});
    const auto dialed = js.command(cmd("dial", {{"addr", ours.addr().to_string()}}), "dialed");
    EXPECT_EQ(dialed.at("muxer").as_string(), "/mplex/6.7.0");
    const auto theirs = js.command(
        cmd("echo", {{"peer", ours.host().id().to_string()}, {"bytes", 1 << 20}, {"streams", 20}}), "echo");
    EXPECT_TRUE(theirs.at("ok").as_bool()) << json::serialize(theirs);
    expect_both_identified(ours, js);

    OurHost dialer;  // and the other direction, with a fresh host of ours dialing js
    const auto data = testing::pattern(4 << 20, 12);
    const auto result =
        dialer.run([](Host& h, Multiaddr a, PeerId p, Bytes d) -> Task<std::pair<std::string, bool>> {
            auto c = co_await h.dial(std::move(a));
            const auto echoed = co_await echo_via(h, p, d);
            const auto rtt = co_await h.ping(p);
            co_return std::pair{std::string(c->muxer()), echoed == d && rtt.count() > 0};
        }(dialer.host(), js.addr(), js.id(), data));
    EXPECT_EQ(result.first, "/mplex/6.7.0");
    EXPECT_TRUE(result.second);
}

// Reads `count` bytes from js's source protocol, which then closes (mode 0) or resets (mode 1).
Task<std::pair<Bytes, boost::system::error_code>> read_source(Host& h, PeerId p, std::uint32_t count,
                                                              std::uint32_t mode) {
    std::vector<std::string> protocols{std::string(kSource)};
    auto stream = co_await h.new_stream(p, std::move(protocols));
    std::array<std::uint8_t, 8> request{};
    for (int i = 0; i < 4; ++i) {
        request[static_cast<std::size_t>(3 - i)] = static_cast<std::uint8_t>(count >> (8 * i));
        request[static_cast<std::size_t>(7 - i)] = static_cast<std::uint8_t>(mode >> (8 * i));
    }
    co_await stream.io->write_all(request);
    co_await stream.io->close_write();
    Bytes got, buf(64 * 1024);
    boost::system::error_code error;
    try {
        while (true) {
            const auto n = co_await stream.io->read_some(buf);
            if (n == 0) break;
            got.insert(got.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
        }
    } catch (const boost::system::system_error& e) {
        error = e.code();
    }
    co_return std::pair{std::move(got), error};
}

TEST(Interop, JsResetsAndClosesMidStream) {
    SKIP_WITHOUT_JS();
    OurHost ours;
    JsPeer js;
    js.command(cmd("dial", {{"addr", ours.addr().to_string()}}), "dialed");
    // js sends part of an echo and resets: our handler sees the reset, the connection lives on.
    js.command(cmd("abort", {{"peer", ours.host().id().to_string()}, {"bytes", 300'000}}), "aborted");
    const auto closed = ours.run([](Host& h, PeerId p) -> Task<std::pair<Bytes, boost::system::error_code>> {
        co_return co_await read_source(h, p, 1'000'000, 0);
    }(ours.host(), js.id()));
    EXPECT_FALSE(closed.second) << closed.second.message();
    EXPECT_TRUE(closed.first == testing::pattern(1'000'000, 7));
    const auto reset = ours.run([](Host& h, PeerId p) -> Task<std::pair<Bytes, boost::system::error_code>> {
        co_return co_await read_source(h, p, 1'000'000, 1);
    }(ours.host(), js.id()));
    EXPECT_EQ(reset.second, MuxErrc::stream_reset) << reset.second.message();
    EXPECT_GE(ours.echo_failures.load(), 1) << "our handler should have seen js's reset";
    // js hangs up the whole connection while one of our streams waits on it.
    std::optional<Stream> waiting;
    ours.run([](Host& h, PeerId p, std::optional<Stream>& out) -> Task<void> {
        std::vector<std::string> protocols{std::string(kEcho)};
        out.emplace(co_await h.new_stream(p, std::move(protocols)));
    }(ours.host(), js.id(), waiting));
    auto cut = ours.start([](Stream& s) -> Task<bool> {
        std::uint8_t buf[16];
        try {
            const auto n = co_await s.io->read_some(buf);  // nothing comes: js closes the connection
            co_return n == 0;
        } catch (const boost::system::system_error&) {
            co_return true;
        }
    }(*waiting));
    js.command(cmd("hangup", {{"peer", ours.host().id().to_string()}}), "hungup");
    ASSERT_EQ(cut.wait_for(10s), std::future_status::ready) << "our stream did not notice the hang-up";
    EXPECT_TRUE(cut.get());
    ours.run([](std::optional<Stream>& s) -> Task<void> {
        s.reset();
        co_return;
    }(waiting));
    // Our host is fine: js dials again and echoes.
    js.command(cmd("dial", {{"addr", ours.addr().to_string()}}), "dialed");
    const auto again =
        js.command(cmd("echo", {{"peer", ours.host().id().to_string()}, {"bytes", 100'000}}), "echo");
    EXPECT_TRUE(again.at("ok").as_bool()) << json::serialize(again);
}

}  // namespace
}  // namespace kitsunet::p2p
