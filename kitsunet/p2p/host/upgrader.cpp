#include "kitsunet/p2p/host/upgrader.hpp"

#include <boost/asio/this_coro.hpp>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/multistream/negotiate.hpp"
#include "kitsunet/p2p/net/tcp_multiaddr.hpp"

namespace kitsunet::p2p {

namespace {

const std::vector<std::string> kSecurity{std::string(noise::kProtocolId)};

std::vector<std::string> ids_of(const std::vector<Muxer>& muxers) {
    std::vector<std::string> ids;
    for (const auto& m : muxers) ids.push_back(m.protocol);
    return ids;
}

struct Endpoints {
    Multiaddr remote, local;
};

Endpoints endpoints_of(TcpStream& raw) {
    return {to_multiaddr(raw.socket().remote_endpoint()), to_multiaddr(raw.socket().local_endpoint())};
}

}  // namespace

Upgrader::Upgrader(const HostConfig& config)
    : muxers_(make_muxers(config.muxers, config.limits)),
      muxer_ids_(ids_of(muxers_)),
      noise_(config.identity, config.inline_muxer_negotiation ? muxer_ids_ : std::vector<std::string>{}) {
    KITSUNET_ASSERT(!muxers_.empty());
}

std::unique_ptr<MuxedSession> Upgrader::make_session(const std::string& muxer,
                                                     std::unique_ptr<ByteStream> secured, bool dialer,
                                                     const PeerId& peer,
                                                     const boost::asio::any_io_executor& executor) const {
    for (const auto& m : muxers_)
        if (m.protocol == muxer) return m.make(std::move(secured), dialer, executor, peer.to_string());
    KITSUNET_ASSERT(false);  // the muxer was negotiated from our own list
    return nullptr;
}

namespace {

// One multistream-select round, as dialer (propose `protocols`) or listener (accept one of them).
Task<std::string> negotiate(BufferedStream& s, bool dialer, const std::vector<std::string>& protocols) {
    if (dialer) co_return co_await multistream::select_protocol(s, protocols);
    co_return co_await multistream::accept_protocol(s, protocols);
}

}  // namespace

Task<UpgradedConnection> Upgrader::upgrade(std::unique_ptr<TcpStream> raw, bool dialer,
                                           std::optional<PeerId> expected) const {
    const auto ends = endpoints_of(*raw);
    auto buffered = std::make_unique<BufferedStream>(std::move(raw));
    co_await negotiate(*buffered, dialer, kSecurity);
    std::optional<noise::SecuredConnection> secured;
    if (dialer)
        secured.emplace(co_await noise::secure_outbound(std::move(buffered), noise_, expected));
    else
        secured.emplace(co_await noise::secure_inbound(std::move(buffered), noise_));
    auto muxer = secured->muxer;
    std::unique_ptr<ByteStream> carrier = std::move(secured->stream);
    if (muxer.empty()) {  // no inline choice: a second multistream round on the secured stream
        auto negotiated = std::make_unique<BufferedStream>(std::move(carrier));
        muxer = co_await negotiate(*negotiated, dialer, muxer_ids_);
        carrier = std::move(negotiated);
    }
    const auto executor = co_await boost::asio::this_coro::executor;
    auto session = make_session(muxer, std::move(carrier), dialer, secured->remote_peer, executor);
    co_return UpgradedConnection{std::move(session), secured->remote_peer, std::move(secured->remote_key),
                                 ends.remote, ends.local};
}

Task<UpgradedConnection> Upgrader::outbound(std::unique_ptr<TcpStream> raw,
                                            std::optional<PeerId> expected) const {
    return upgrade(std::move(raw), true, std::move(expected));
}

Task<UpgradedConnection> Upgrader::inbound(std::unique_ptr<TcpStream> raw) const {
    return upgrade(std::move(raw), false, std::nullopt);
}

}  // namespace kitsunet::p2p
