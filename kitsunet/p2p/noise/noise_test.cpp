// The libp2p Noise handshake and secured stream between our two ends on loopback TCP.
// (Results are awaited into locals: GCC 12 miscompiles co_await inside gtest macros.)
#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"
#include "kitsunet/p2p/net/testing/trickle_stream.hpp"
#include "kitsunet/p2p/noise/handshake.hpp"

namespace kitsunet::p2p::noise {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using p2p::testing::error_of;
using p2p::testing::make_tcp_pair;
using p2p::testing::run_task;
using p2p::testing::TcpPair;

const std::vector<std::string> kMuxers{"/yamux/1.0.0", "/mplex/6.7.0"};

struct Peer {
    PrivateKey key = PrivateKey::generate();
    NoiseIdentity noise{key, kMuxers};
    PeerId id() const { return PeerId::from_public_key(key.public_key()); }
};

std::unique_ptr<BufferedStream> buffered(std::unique_ptr<ByteStream> s) {
    return std::make_unique<BufferedStream>(std::move(s));
}

// Flips one bit of the next write once armed (a corrupted link under the Noise layer).
class CorruptingStream final : public ByteStream {
  public:
    explicit CorruptingStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {}
    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override { return inner_->read_some(buf); }
    Task<void> write_all(std::span<const std::uint8_t> data) override {
        if (!armed) co_return co_await inner_->write_all(data);
        armed = false;
        Bytes copy(data.begin(), data.end());
        copy[copy.size() / 2] ^= 0x10;
        co_await inner_->write_all(copy);
    }
    Task<void> close_write() override { return inner_->close_write(); }
    void reset() noexcept override { inner_->reset(); }
    bool armed{false};

  private:
    std::unique_ptr<ByteStream> inner_;
};

TEST(Noise, HandshakeAuthenticatesBothSidesAndChoosesTheMuxerInline) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a, b;
    run_task(io, [](TcpPair& p, Peer& dialer, Peer& listener) -> Task<void> {
        const std::optional<PeerId> expected = listener.id();
        auto out_and_in = co_await (secure_outbound(buffered(std::move(p.dialer)), dialer.noise, expected) &&
                                    secure_inbound(buffered(std::move(p.listener)), listener.noise));
        auto& out = std::get<0>(out_and_in);
        auto& in = std::get<1>(out_and_in);
        EXPECT_EQ(out.remote_peer, listener.id());
        EXPECT_EQ(in.remote_peer, dialer.id());
        EXPECT_EQ(in.remote_key, dialer.key.public_key());
        EXPECT_EQ(out.muxer, "/yamux/1.0.0");
        EXPECT_EQ(in.muxer, "/yamux/1.0.0");
    }(pair, a, b));
}

TEST(Noise, WithoutOfferedMuxersTheChoiceIsLeftToMultistream) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a;
    const auto key = PrivateKey::generate(KeyType::kSecp256k1);
    const NoiseIdentity bare(key, {});
    run_task(io, [](TcpPair& p, Peer& dialer, const NoiseIdentity& listener) -> Task<void> {
        const std::optional<PeerId> anyone;
        auto out_and_in = co_await (secure_outbound(buffered(std::move(p.dialer)), dialer.noise, anyone) &&
                                    secure_inbound(buffered(std::move(p.listener)), listener));
        auto& out = std::get<0>(out_and_in);
        auto& in = std::get<1>(out_and_in);
        EXPECT_EQ(out.muxer, "");
        EXPECT_EQ(in.muxer, "");
        EXPECT_EQ(out.remote_key.type(), KeyType::kSecp256k1);
    }(pair, a, bare));
}

TEST(Noise, SixteenMiBEachWayArriveIntact) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a, b;
    run_task(
        io,
        [](TcpPair& p, Peer& dialer, Peer& listener) -> Task<void> {
            const std::optional<PeerId> expected = listener.id();
            auto out_and_in =
                co_await (secure_outbound(buffered(std::move(p.dialer)), dialer.noise, expected) &&
                          secure_inbound(buffered(std::move(p.listener)), listener.noise));
            auto& out = std::get<0>(out_and_in);
            auto& in = std::get<1>(out_and_in);
            const auto up = p2p::testing::pattern(16 << 20, 1), down = p2p::testing::pattern(16 << 20, 2);
            // Uneven pieces: frames of every size, and writes that are not frame multiples.
            auto got_up_and_got_down = co_await ((p2p::testing::write_and_close(*out.stream, up, 1'000'003) &&
                                                  p2p::testing::read_all(*in.stream)) &&
                                                 (p2p::testing::write_and_close(*in.stream, down, 65519) &&
                                                  p2p::testing::read_all(*out.stream)));
            auto& got_up = std::get<0>(got_up_and_got_down);
            auto& got_down = std::get<1>(got_up_and_got_down);
            EXPECT_TRUE(got_up == up);
            EXPECT_TRUE(got_down == down);
        }(pair, a, b),
        std::chrono::seconds(60));
}

TEST(Noise, FragmentedReadsStillHandshake) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a, b;
    run_task(io, [](TcpPair& p, Peer& dialer, Peer& listener) -> Task<void> {
        using p2p::testing::TrickleStream;
        const std::optional<PeerId> expected = listener.id();
        auto out_and_in = co_await (
            secure_outbound(buffered(std::make_unique<TrickleStream>(std::move(p.dialer))), dialer.noise,
                            expected) &&
            secure_inbound(buffered(std::make_unique<TrickleStream>(std::move(p.listener))), listener.noise));
        auto& out = std::get<0>(out_and_in);
        auto& in = std::get<1>(out_and_in);
        const auto data = p2p::testing::pattern(3000, 3);
        const auto got = co_await (p2p::testing::write_and_close(*out.stream, data, 700) &&
                                   p2p::testing::read_all(*in.stream));
        EXPECT_TRUE(got == data);
    }(pair, a, b));
}

TEST(Noise, ReachingAnotherPeerThanDialedIsRefused) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a, b, c;
    run_task(io, [](TcpPair& p, Peer& dialer, Peer& listener, Peer& someone_else) -> Task<void> {
        const std::optional<PeerId> expected = someone_else.id();
        auto dial = [&]() -> Task<boost::system::error_code> {
            auto ec =
                co_await error_of(secure_outbound(buffered(std::move(p.dialer)), dialer.noise, expected));
            co_return ec;
        };
        auto dial_error_and_listen_error =
            co_await (dial() && error_of(secure_inbound(buffered(std::move(p.listener)), listener.noise)));
        auto& dial_error = std::get<0>(dial_error_and_listen_error);
        auto& listen_error = std::get<1>(dial_error_and_listen_error);
        EXPECT_EQ(dial_error, P2pErrc::kPeerIdMismatch);
        EXPECT_TRUE(listen_error);  // the dialer left before sending its identity
    }(pair, a, b, c));
}

TEST(Noise, ACorruptedTransportMessageEndsTheSession) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer a, b;
    run_task(io, [](TcpPair& p, Peer& dialer, Peer& listener) -> Task<void> {
        auto corrupting = std::make_unique<CorruptingStream>(std::move(p.dialer));
        auto* link = corrupting.get();
        const std::optional<PeerId> expected = listener.id();
        auto out_and_in =
            co_await (secure_outbound(buffered(std::move(corrupting)), dialer.noise, expected) &&
                      secure_inbound(buffered(std::move(p.listener)), listener.noise));
        auto& out = std::get<0>(out_and_in);
        auto& in = std::get<1>(out_and_in);
        link->armed = true;
        const auto data = p2p::testing::pattern(5000, 4);
        co_await out.stream->write_all(data);
        auto ec = co_await error_of(p2p::testing::read_all(*in.stream));
        EXPECT_EQ(ec, P2pErrc::kDecryptFailed);
    }(pair, a, b));
}

// The listener's error when the raw peer sends `bytes` then closes.
boost::system::error_code listener_error_on(Bytes bytes) {
    asio::io_context io;
    auto pair = make_tcp_pair(io);
    Peer listener;
    return run_task(io, [](TcpPair& p, Peer& l, Bytes garbage) -> Task<boost::system::error_code> {
        co_await p.dialer->write_all(garbage);
        co_await p.dialer->close_write();
        co_return co_await error_of(secure_inbound(buffered(std::move(p.listener)), l.noise));
    }(pair, listener, std::move(bytes)));
}

TEST(Noise, GarbageHandshakesAreRefusedWithAReason) {
    Bytes weak{0x00, 0x20};
    weak.resize(34, 0x00);  // message 1 with the all-zero point
    EXPECT_EQ(listener_error_on(weak), P2pErrc::kHandshakeFailed);
    EXPECT_EQ(listener_error_on(Bytes{0x00, 0x05, 'h', 'e', 'l', 'l', 'o'}), P2pErrc::kHandshakeFailed);
    EXPECT_EQ(listener_error_on(Bytes{0xff, 0xff, 0x01}), asio::error::eof);  // cut short
    Bytes http{'G', 'E', 'T', ' ', '/', '\r', '\n'};
    EXPECT_EQ(listener_error_on(http), asio::error::eof);  // "GE" = a 18245-byte message that never comes
}

}  // namespace
}  // namespace kitsunet::p2p::noise
