#include "kitsunet/p2p/host/muxers.hpp"

#include <stdexcept>

#include "kitsunet/p2p/mplex/session.hpp"
#include "kitsunet/p2p/yamux/session.hpp"

namespace kitsunet::p2p {

namespace {

Muxer yamux_muxer(const ConnectionLimits& limits) {
    yamux::Config config;
    config.max_streams = 2 * limits.max_inbound_streams;  // inbound are limited again by the host
    config.max_window_growth = limits.max_buffered_bytes;
    return {std::string(yamux::YamuxSession::kProtocolId),
            [config](std::unique_ptr<ByteStream> secured, bool dialer,
                     const boost::asio::any_io_executor& executor,
                     const std::string& log_name) -> std::unique_ptr<MuxedSession> {
                auto c = config;
                c.log_name = log_name;
                return std::make_unique<yamux::YamuxSession>(
                    std::move(secured), dialer ? yamux::Role::dialer : yamux::Role::listener, executor,
                    std::move(c));
            }};
}

Muxer mplex_muxer(const ConnectionLimits& limits) {
    mplex::Config config;
    config.max_streams = 2 * limits.max_inbound_streams;  // inbound are limited again by the host
    config.max_session_buffer = limits.max_buffered_bytes;
    return {std::string(mplex::MplexSession::kProtocolId),
            [config](std::unique_ptr<ByteStream> secured, bool /*dialer: mplex has no roles*/,
                     const boost::asio::any_io_executor& executor,
                     const std::string& log_name) -> std::unique_ptr<MuxedSession> {
                auto c = config;
                c.log_name = log_name;
                return std::make_unique<mplex::MplexSession>(std::move(secured), executor, std::move(c));
            }};
}

}  // namespace

std::vector<Muxer> make_muxers(const std::vector<std::string>& wanted, const ConnectionLimits& limits) {
    std::vector<Muxer> out;
    for (const auto& id : wanted) {
        if (id == yamux::YamuxSession::kProtocolId)
            out.push_back(yamux_muxer(limits));
        else if (id == mplex::MplexSession::kProtocolId)
            out.push_back(mplex_muxer(limits));
        else
            throw std::invalid_argument("unknown stream muxer " + id);
    }
    return out;
}

}  // namespace kitsunet::p2p
