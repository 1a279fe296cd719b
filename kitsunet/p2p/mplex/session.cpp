#include "kitsunet/p2p/mplex/session.hpp"

#include "kitsunet/p2p/mplex/connection.hpp"
#include "kitsunet/p2p/mux/stream.hpp"

namespace kitsunet::p2p::mplex {

MplexSession::MplexSession(std::unique_ptr<ByteStream> connection,
                           const boost::asio::any_io_executor& executor, Config config)
    : core_(std::make_shared<detail::Connection>(std::move(connection), executor, std::move(config))) {}

MplexSession::~MplexSession() = default;

// Each coroutine keeps the core alive, even if the session object goes while it runs.
Task<void> MplexSession::run() {
    const auto core = core_;
    co_await core->run();
}

Task<std::unique_ptr<MuxedStream>> MplexSession::open_stream() {
    const auto core = core_;
    auto state = co_await core->open();
    co_return std::make_unique<mux::Stream>(core, std::move(state));
}

Task<std::unique_ptr<MuxedStream>> MplexSession::accept_stream() {
    const auto core = core_;
    auto state = co_await core->accept();
    if (!state) co_return nullptr;
    co_return std::make_unique<mux::Stream>(core, std::move(state));
}

Task<void> MplexSession::close() {
    const auto core = core_;
    co_await core->close();
}

std::size_t MplexSession::stream_count() const noexcept { return core_->stream_count(); }
std::size_t MplexSession::buffered_bytes() const noexcept { return core_->buffered_bytes(); }

}  // namespace kitsunet::p2p::mplex
