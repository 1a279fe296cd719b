#include "kitsunet/p2p/mplex/session.hpp"

#include "kitsunet/p2p/mplex/connection.hpp"

namespace kitsunet::p2p::mplex {

MplexSession::MplexSession(std::unique_ptr<ByteStream> connection,
                           const boost::asio::any_io_executor& executor, Config config)
    : SessionBase(std::make_shared<detail::Connection>(std::move(connection), executor, std::move(config))) {}

MplexSession::~MplexSession() = default;

Task<std::unique_ptr<MuxedStream>> MplexSession::open_stream() {
    const auto core = core_;  // keeps the core alive, even if the session object goes meanwhile
    auto state = co_await static_cast<detail::Connection&>(*core).open();
    co_return std::make_unique<mux::Stream>(core, std::move(state));
}

}  // namespace kitsunet::p2p::mplex
