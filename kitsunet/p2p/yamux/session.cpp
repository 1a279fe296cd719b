#include "kitsunet/p2p/yamux/session.hpp"

#include "kitsunet/p2p/yamux/connection.hpp"

namespace kitsunet::p2p::yamux {

YamuxSession::YamuxSession(std::unique_ptr<ByteStream> connection, Role role,
                           const boost::asio::any_io_executor& executor, Config config)
    : core_(std::make_shared<detail::Connection>(std::move(connection), role, executor, std::move(config))) {}

YamuxSession::~YamuxSession() = default;

// Each coroutine keeps the core alive, even if the session object goes while it runs.
Task<void> YamuxSession::run() {
    const auto core = core_;
    co_await core->run();
}

Task<std::unique_ptr<MuxedStream>> YamuxSession::open_stream() {
    const auto core = core_;
    auto state = co_await core->open();
    co_return std::make_unique<YamuxStream>(core, std::move(state));
}

Task<std::unique_ptr<MuxedStream>> YamuxSession::accept_stream() {
    const auto core = core_;
    auto state = co_await core->accept();
    if (!state) co_return nullptr;
    co_return std::make_unique<YamuxStream>(core, std::move(state));
}

Task<void> YamuxSession::close() {
    const auto core = core_;
    co_await core->close();
}

std::size_t YamuxSession::stream_count() const noexcept { return core_->stream_count(); }

Task<std::chrono::steady_clock::duration> YamuxSession::ping() {
    const auto core = core_;
    co_return co_await core->ping();
}

std::chrono::steady_clock::duration YamuxSession::rtt() const noexcept { return core_->rtt(); }
void YamuxSession::go_away() noexcept { core_->go_away(); }
std::size_t YamuxSession::queued_bytes() const noexcept { return core_->queued_bytes(); }

std::uint32_t YamuxStream::receive_window() const noexcept {
    return static_cast<const detail::StreamState&>(*state()).recv.window();
}

std::uint32_t YamuxStream::send_window() const noexcept {
    return static_cast<const detail::StreamState&>(*state()).send_window;
}

}  // namespace kitsunet::p2p::yamux
