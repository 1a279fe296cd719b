#pragma once
/// The stream muxers a host can run, by protocol id: each makes a MuxedSession over a secured
/// connection, configured from the host's limits.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/host/config.hpp"
#include "kitsunet/p2p/net/muxer.hpp"

namespace kitsunet::p2p {

using MuxerFactory = std::function<std::unique_ptr<MuxedSession>(
    std::unique_ptr<ByteStream> secured, bool dialer, const boost::asio::any_io_executor& executor,
    const std::string& log_name)>;

struct Muxer {
    std::string protocol;
    MuxerFactory make;
};

/// The muxers of `wanted` (protocol ids, in that order) that we implement. Throws
/// std::invalid_argument for an id we do not know (a configuration error).
std::vector<Muxer> make_muxers(const std::vector<std::string>& wanted, const ConnectionLimits& limits);

}  // namespace kitsunet::p2p
