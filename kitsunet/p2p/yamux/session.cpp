#include "kitsunet/p2p/yamux/session.hpp"

#include "kitsunet/p2p/yamux/connection.hpp"

namespace kitsunet::p2p::yamux {

YamuxSession::YamuxSession(std::unique_ptr<ByteStream> connection, Role role,
                           const boost::asio::any_io_executor& executor, Config config)
    : SessionBase(
          std::make_shared<detail::Connection>(std::move(connection), role, executor, std::move(config))) {}

YamuxSession::~YamuxSession() = default;

detail::Connection& YamuxSession::connection() const noexcept {
    return static_cast<detail::Connection&>(*core_);
}

Task<std::unique_ptr<MuxedStream>> YamuxSession::open_stream() {
    const auto core = core_;  // keeps the core alive, even if the session object goes meanwhile
    auto state = co_await static_cast<detail::Connection&>(*core).open();
    co_return std::make_unique<YamuxStream>(core, std::move(state));
}

Task<std::chrono::steady_clock::duration> YamuxSession::ping() {
    const auto core = core_;
    co_return co_await static_cast<detail::Connection&>(*core).ping();
}

std::chrono::steady_clock::duration YamuxSession::rtt() const noexcept { return connection().rtt(); }
void YamuxSession::go_away() noexcept { connection().go_away(); }
std::size_t YamuxSession::queued_bytes() const noexcept { return connection().queued_bytes(); }

std::uint32_t YamuxStream::receive_window() const noexcept {
    return static_cast<const detail::StreamState&>(*state()).recv.window();
}

std::uint32_t YamuxStream::send_window() const noexcept {
    return static_cast<const detail::StreamState&>(*state()).send_window;
}

}  // namespace kitsunet::p2p::yamux
