// Identify, ping and perf at the stream level, on loopback TCP.
#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/protocols/identify.hpp"
#include "kitsunet/p2p/protocols/identify.pb.h"
#include "kitsunet/p2p/protocols/perf.hpp"
#include "kitsunet/p2p/protocols/ping.hpp"

namespace kitsunet::p2p {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using testing::make_tcp_pair;
using testing::run_task;
using testing::TcpPair;

Multiaddr addr(std::string_view text) { return *Multiaddr::from_string(text); }

identify::IdentifyInfo sample_info(const PrivateKey& key) {
    identify::IdentifyInfo info;
    info.public_key = key.public_key();
    info.listen_addrs = {addr("/ip4/127.0.0.1/tcp/4001"), addr("/ip6/::1/tcp/4001")};
    info.protocols = {"/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"};
    info.observed_addr = addr("/ip4/10.0.0.2/tcp/5555");
    info.agent_version = "kitsunet/test";
    info.protocol_version = "ipfs/0.1.0";
    return info;
}

TEST(Identify, RoundTripsAndChecksTheKey) {
    const auto key = PrivateKey::generate();
    const auto peer = PeerId::from_public_key(key.public_key());
    const Bytes bytes = identify::encode(sample_info(key));
    const auto info = identify::decode(bytes, peer);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->public_key, key.public_key());
    EXPECT_EQ(info->listen_addrs, sample_info(key).listen_addrs);
    EXPECT_EQ(info->protocols, sample_info(key).protocols);
    EXPECT_EQ(info->observed_addr, addr("/ip4/10.0.0.2/tcp/5555"));
    EXPECT_EQ(info->agent_version, "kitsunet/test");
    EXPECT_TRUE(info->has_protocols && info->has_listen_addrs);

    const auto stranger = PeerId::from_public_key(PrivateKey::generate().public_key());
    EXPECT_EQ(identify::decode(bytes, stranger).error(), identify::IdentifyError::kKeyMismatch);
    EXPECT_EQ(identify::decode(Bytes{0x0a, 0x03, 0x01}, peer).error(), identify::IdentifyError::kMalformed);
}

TEST(Identify, UnknownAddressesAreSkippedNotFatal) {
    const auto key = PrivateKey::generate();
    protocols::pb::Identify msg;
    msg.add_listenaddrs(std::string("\xff\xff\x03garbage"));
    const auto good_addr = addr("/ip4/1.2.3.4/tcp/1");
    const Bytes good(good_addr.bytes().begin(), good_addr.bytes().end());
    msg.add_listenaddrs(std::string(good.begin(), good.end()));
    const std::string bytes = msg.SerializeAsString();
    const auto info = identify::decode(as_bytes(bytes), PeerId::from_public_key(key.public_key()));
    ASSERT_TRUE(info);
    ASSERT_EQ(info->listen_addrs.size(), 1u);
    EXPECT_EQ(info->listen_addrs[0], addr("/ip4/1.2.3.4/tcp/1"));
    EXPECT_FALSE(info->public_key.has_value());
}

TEST(Identify, OverAStream) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    const auto key = PrivateKey::generate();
    run_task(io, [](TcpPair& p, const PrivateKey& k) -> Task<void> {
        BufferedStream reader(std::move(p.listener));
        const auto peer = PeerId::from_public_key(k.public_key());
        const auto info = sample_info(k);
        auto got = co_await (identify::send(*p.dialer, info) && identify::receive(reader, peer));
        EXPECT_EQ(got.protocols, info.protocols);
    }(pair, key));
}

TEST(Ping, EchoesAndMeasures) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        auto pinger = [&]() -> Task<void> {
            for (int i = 0; i < 3; ++i) {
                const auto rtt = co_await ping::ping_once(*p.dialer);
                EXPECT_GT(rtt.count(), 0);
            }
            co_await p.dialer->close_write();
        };
        co_await (pinger() && ping::serve(*p.listener));
    }(pair));
}

TEST(Ping, AWrongEchoIsAnError) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        auto liar = [&]() -> Task<void> {
            std::array<std::uint8_t, 32> buf;
            std::size_t got = 0;
            while (got < buf.size()) got += co_await p.listener->read_some(std::span(buf).subspan(got));
            buf[0] ^= 1;
            co_await p.listener->write_all(buf);
        };
        boost::system::error_code ec;
        auto pinger = [&]() -> Task<void> {
            try {
                co_await ping::ping_once(*p.dialer);
            } catch (const boost::system::system_error& e) {
                ec = e.code();
            }
        };
        co_await (pinger() && liar());
        EXPECT_EQ(ec, P2pErrc::kBadMessage);
    }(pair));
}

TEST(Perf, UploadsAndDownloadsTheAskedBytes) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    run_task(io, [](TcpPair& p) -> Task<void> {
        auto both = co_await (perf::run(*p.dialer, 3'000'000, 1'234'567) && perf::serve(*p.listener));
        const auto& result = std::get<0>(both);
        EXPECT_EQ(result.uploaded, 3'000'000u);
        EXPECT_EQ(result.downloaded, 1'234'567u);
        EXPECT_EQ(std::get<1>(both), 3'000'000u);
    }(pair));
}

}  // namespace
}  // namespace kitsunet::p2p
