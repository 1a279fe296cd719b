// Two of our hosts on loopback: upgrade, identify, streams, ping, limits, bad peers, shutdown.
// (Results are awaited into locals: GCC 12 miscompiles co_await inside gtest macros.)
#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/tcp_multiaddr.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"

namespace kitsunet::p2p {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using testing::error_of;
using testing::run_task;

constexpr std::string_view kEcho = "/kitsunet/test/echo/1.0.0";

HostConfig test_config(std::vector<std::string> muxers = {"/yamux/1.0.0"}) {
    HostConfig config;
    config.listen = {*Multiaddr::from_string("/ip4/127.0.0.1/tcp/0")};
    config.muxers = std::move(muxers);
    config.limits.handshake_timeout = 2s;
    config.limits.negotiate_timeout = 2s;
    config.limits.close_timeout = 500ms;
    return config;
}

Task<void> echo_handler(Stream s) { co_await testing::echo(*s.io); }

struct Hosts {
    asio::io_context io;
    Host a{io.get_executor(), test_config()};
    Host b{io.get_executor(), test_config()};

    Hosts() {
        a.listen();
        b.listen();
        a.set_handler(std::string(kEcho), echo_handler);
        b.set_handler(std::string(kEcho), echo_handler);
    }
    ~Hosts() {
        run_task(io, a.stop());
        run_task(io, b.stop());
    }
    Multiaddr b_addr() const { return with_peer_id(b.listen_addrs().front(), b.id()); }
};

Task<Bytes> echo_round_trip(Host& host, PeerId peer, Bytes data) {
    std::vector<std::string> protocols{std::string(kEcho)};
    auto stream = co_await host.new_stream(peer, std::move(protocols));
    auto echoed =
        co_await (testing::write_and_close(*stream.io, data, 100'000) && testing::read_all(*stream.io));
    co_return echoed;
}

TEST(Host, DialIdentifyBothWays) {
    Hosts h;
    run_task(h.io, [](Hosts& hs) -> Task<void> {
        auto connection = co_await hs.a.dial(hs.b_addr());
        EXPECT_EQ(connection->peer(), hs.b.id());
        EXPECT_EQ(connection->muxer(), "/yamux/1.0.0");
        const bool a_knows_b = co_await hs.a.wait_identified(hs.b.id(), 5s);
        const bool b_knows_a = co_await hs.b.wait_identified(hs.a.id(), 5s);
        EXPECT_TRUE(a_knows_b && b_knows_a);
        const auto* b_info = hs.a.peer_store().find(hs.b.id());
        EXPECT_NE(std::ranges::find(b_info->protocols, kEcho), b_info->protocols.end());
        EXPECT_EQ(b_info->addrs.front(), hs.b.listen_addrs().front());
        EXPECT_EQ(b_info->agent_version, "kitsunet/0.1.0");
        EXPECT_EQ(b_info->observed_addr, connection->local_addr());  // where b sees us
        const auto* a_info = hs.b.peer_store().find(hs.a.id());
        EXPECT_EQ(a_info->addrs, hs.a.listen_addrs());
    }(h));
}

TEST(Host, EchoSixteenMiBAndPing) {
    Hosts h;
    run_task(
        h.io,
        [](Hosts& hs) -> Task<void> {
            co_await hs.a.dial(hs.b_addr());
            const auto data = testing::pattern(16 << 20, 5);
            const auto echoed = co_await echo_round_trip(hs.a, hs.b.id(), data);
            EXPECT_TRUE(echoed == data);
            const auto rtt = co_await hs.a.ping(hs.b.id());
            EXPECT_GT(rtt.count(), 0);
        }(h),
        60s);
}

TEST(Host, TwoHundredConcurrentStreams) {
    Hosts h;
    run_task(
        h.io,
        [](Hosts& hs) -> Task<void> {
            co_await hs.a.dial(hs.b_addr());
            int intact = 0;
            TaskGroup streams(hs.io.get_executor());
            for (std::uint32_t i = 0; i < 200; ++i)
                streams.spawn([](Hosts& x, std::uint32_t seed, int& ok) -> Task<void> {
                    const auto data = testing::pattern(10'000 + seed * 97, seed);
                    const auto echoed = co_await echo_round_trip(x.a, x.b.id(), data);
                    if (echoed == data) ++ok;
                }(hs, i, intact));
            co_await streams.join();
            EXPECT_EQ(intact, 200);
        }(h),
        60s);
}

TEST(Host, MultistreamMuxerNegotiationWhenNotInline) {
    asio::io_context io;
    auto config = test_config();
    config.inline_muxer_negotiation = false;
    Host a(io.get_executor(), std::move(config)), b(io.get_executor(), test_config());
    b.listen();
    b.set_handler(std::string(kEcho), echo_handler);
    run_task(io, [](Host& x, Host& y) -> Task<void> {
        auto connection = co_await x.dial(with_peer_id(y.listen_addrs().front(), y.id()));
        EXPECT_EQ(connection->muxer(), "/yamux/1.0.0");
        const auto data = testing::pattern(100'000, 1);
        const auto echoed = co_await echo_round_trip(x, y.id(), data);
        EXPECT_TRUE(echoed == data);
    }(a, b));
    run_task(io, a.stop());
    run_task(io, b.stop());
}

// Yamux is preferred; a peer that only speaks mplex gets mplex, inline (Noise extensions) or
// through multistream-select, whichever side dials.
TEST(Host, MplexIsTheFallbackMuxer) {
    for (const bool inline_negotiation : {true, false})
        for (const bool mplex_only_dials : {true, false}) {
            SCOPED_TRACE(std::string(inline_negotiation ? "inline" : "multistream") +
                         (mplex_only_dials ? ", mplex-only side dials" : ", default side dials"));
            asio::io_context io;
            auto defaults = test_config(HostConfig{}.muxers);
            auto mplex_only = test_config({"/mplex/6.7.0"});
            defaults.inline_muxer_negotiation = mplex_only.inline_muxer_negotiation = inline_negotiation;
            Host a(io.get_executor(), std::move(defaults)), b(io.get_executor(), std::move(mplex_only));
            Host& dialer = mplex_only_dials ? b : a;
            Host& listener = mplex_only_dials ? a : b;
            listener.listen();
            listener.set_handler(std::string(kEcho), echo_handler);
            run_task(io, [](Host& from, Host& to) -> Task<void> {
                auto connection = co_await from.dial(with_peer_id(to.listen_addrs().front(), to.id()));
                EXPECT_EQ(connection->muxer(), "/mplex/6.7.0");
                const auto data = testing::pattern(1 << 20, 3);
                EXPECT_TRUE(co_await echo_round_trip(from, to.id(), data) == data);
                EXPECT_GT((co_await from.ping(to.id())).count(), 0);
            }(dialer, listener));
            run_task(io, a.stop());
            run_task(io, b.stop());
        }
}

TEST(Host, DialingTheWrongPeerIdFails) {
    Hosts h;
    run_task(h.io, [](Hosts& hs) -> Task<void> {
        const auto wrong = with_peer_id(hs.b.listen_addrs().front(), hs.a.id());
        const auto ec = co_await error_of(hs.a.dial(wrong));
        EXPECT_EQ(ec, P2pErrc::kPeerIdMismatch);
        EXPECT_EQ(hs.a.connection_count(), 0u);
    }(h));
}

TEST(Host, UnsupportedProtocolIsRefusedCleanly) {
    Hosts h;
    run_task(h.io, [](Hosts& hs) -> Task<void> {
        co_await hs.a.dial(hs.b_addr());
        std::vector<std::string> protocols{"/nobody/speaks/this"};
        const auto ec = co_await error_of(hs.a.new_stream(hs.b.id(), std::move(protocols)));
        EXPECT_EQ(ec, P2pErrc::kProtocolNotSupported);
        const auto data = testing::pattern(1000, 2);  // the connection still works
        const auto echoed = co_await echo_round_trip(hs.a, hs.b.id(), data);
        EXPECT_TRUE(echoed == data);
    }(h));
}

TEST(Host, PerProtocolStreamLimit) {
    asio::io_context io;
    auto config = test_config();
    config.limits.max_inbound_streams_per_protocol = 2;
    Host a(io.get_executor(), test_config()), b(io.get_executor(), std::move(config));
    b.listen();
    b.set_handler(std::string(kEcho), echo_handler);
    run_task(io, [](Host& x, Host& y) -> Task<void> {
        co_await x.dial(with_peer_id(y.listen_addrs().front(), y.id()));
        std::vector<Stream> held;
        for (int i = 0; i < 2; ++i) {
            std::vector<std::string> protocols{std::string(kEcho)};
            held.push_back(co_await x.new_stream(y.id(), std::move(protocols)));
        }
        std::vector<std::string> protocols{std::string(kEcho)};
        auto third = co_await x.new_stream(y.id(), std::move(protocols));  // negotiated, then reset
        const auto ec = co_await error_of(testing::read_all(*third.io));
        EXPECT_TRUE(ec) << "the stream over the limit must be reset";
        held.clear();  // closing the held ones frees the slots
        co_await sleep_for(50ms);
        const auto data = testing::pattern(1000, 3);
        const auto echoed = co_await echo_round_trip(x, y.id(), data);
        EXPECT_TRUE(echoed == data);
    }(a, b));
    run_task(io, a.stop());
    run_task(io, b.stop());
}

// Raw TCP to `host` (no libp2p), from the test.
Task<std::unique_ptr<TcpStream>> raw_connect(const Host& host) {
    const auto target = tcp_target(host.listen_addrs().front());
    co_return co_await tcp_connect(*target, 2s);
}

TEST(Host, SlowLorisIsCutAtTheHandshakeDeadline) {
    Hosts h;
    run_task(
        h.io,
        [](Hosts& hs) -> Task<void> {
            auto raw = co_await raw_connect(hs.b);
            const auto start = std::chrono::steady_clock::now();
            const Bytes header = {0x13, '/', 'm', 'u'};  // a first trickle, then nothing
            co_await raw->write_all(header);
            std::uint8_t buf[64];
            std::size_t n = 1;
            while (n > 0) n = co_await raw->read_some(buf);  // until the host closes it
            const auto waited = std::chrono::steady_clock::now() - start;
            EXPECT_GE(waited, 1500ms);
            EXPECT_LT(waited, 4s);
            EXPECT_EQ(hs.b.pending_inbound(), 0u);
        }(h),
        10s);
}

TEST(Host, GarbageAtEachLayerClosesOnlyThatConnection) {
    Hosts h;
    run_task(
        h.io,
        [](Hosts& hs) -> Task<void> {
            std::vector<Bytes> garbage{
                Bytes{'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n', '\r',
                      '\n'},
                Bytes(1000, 0xff),
            };
            // Right multistream header, then garbage for Noise.
            Bytes noise_garbage = {0x13, '/', 'm', 'u', 'l', 't', 'i', 's',  't',  'r',
                                   'e',  'a', 'm', '/', '1', '.', '0', '.',  '0',  '\n',
                                   0x07, '/', 'n', 'o', 'i', 's', 'e', '\n', 0x00, 0x20};
            noise_garbage.resize(noise_garbage.size() + 32, 0x00);
            garbage.push_back(noise_garbage);
            for (const auto& bytes : garbage) {
                auto raw = co_await raw_connect(hs.b);
                co_await raw->write_all(bytes);
                std::uint8_t buf[256];
                std::size_t n = 1;
                while (n > 0) {
                    const auto ec =
                        co_await error_of([](TcpStream& s, std::uint8_t* b, std::size_t& got) -> Task<void> {
                            got = co_await s.read_some(std::span(b, 256));
                        }(*raw, buf, n));
                    if (ec) break;
                }
            }
            // The host is still fine.
            co_await hs.a.dial(hs.b_addr());
            const auto data = testing::pattern(5000, 9);
            const auto echoed = co_await echo_round_trip(hs.a, hs.b.id(), data);
            EXPECT_TRUE(echoed == data);
        }(h),
        20s);
}

TEST(Host, AThousandConnectionsOpenedAndDropped) {
    Hosts h;
    run_task(
        h.io,
        [](Hosts& hs) -> Task<void> {
            for (int i = 0; i < 1000; ++i) {
                auto raw = co_await raw_connect(hs.b);
                if (i % 2 == 0) {  // half of them get as far as the header
                    const Bytes header = {0x13, '/', 'm', 'u', 'l', 't', 'i', 's', 't', 'r',
                                          'e',  'a', 'm', '/', '1', '.', '0', '.', '0', '\n'};
                    co_await raw->write_all(header);
                }
                raw->reset();
            }
            co_await sleep_for(200ms);
            EXPECT_LE(hs.b.pending_inbound(), 5u);
            EXPECT_EQ(hs.b.connection_count(), 0u);
            co_await hs.a.dial(hs.b_addr());
            const auto rtt = co_await hs.a.ping(hs.b.id());
            EXPECT_GT(rtt.count(), 0);
        }(h),
        60s);
}

TEST(Host, StopEndsEverythingWhileStreamsAreBusy) {
    asio::io_context io;
    auto a = std::make_unique<Host>(io.get_executor(), test_config());
    auto b = std::make_unique<Host>(io.get_executor(), test_config());
    b->listen();
    // A handler that never ends on its own.
    b->set_handler("/hang/1.0.0", [](Stream s) -> Task<void> {
        std::uint8_t buf[16];
        while (true) {
            const auto n = co_await s.io->read_some(buf);
            if (n == 0) co_await sleep_for(1h);
        }
    });
    run_task(io, [](Host& x, Host& y) -> Task<void> {
        co_await x.dial(with_peer_id(y.listen_addrs().front(), y.id()));
        for (int i = 0; i < 5; ++i) {
            std::vector<std::string> protocols{"/hang/1.0.0"};
            auto s = co_await x.new_stream(y.id(), std::move(protocols));
            co_await s.io->close_write();
        }
    }(*a, *b));
    run_task(io, b->stop(), 5s);
    run_task(io, a->stop(), 5s);
    EXPECT_EQ(b->connection_count(), 0u);
    a.reset();
    b.reset();
    io.restart();
    EXPECT_EQ(io.poll(), 0u) << "no work may be left once both hosts stopped";
}

}  // namespace
}  // namespace kitsunet::p2p
