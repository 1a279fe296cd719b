#include "kitsunet/p2p/yamux/session.hpp"

#include "kitsunet/p2p/yamux/connection.hpp"

namespace kitsunet::p2p::yamux {

YamuxSession::YamuxSession(std::unique_ptr<ByteStream> connection, Role role,
                           const boost::asio::any_io_executor& executor, Config config)
    : core_(std::make_shared<detail::Connection>(std::move(connection), role, executor, std::move(config))) {}

YamuxSession::~YamuxSession() = default;

Task<void> YamuxSession::run() {
    const auto core = core_;  // the coroutine keeps the state alive even if the session object goes
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

YamuxStream::YamuxStream(std::shared_ptr<detail::Connection> core,
                         std::shared_ptr<detail::StreamState> state) noexcept
    : core_(std::move(core)), state_(std::move(state)) {}

YamuxStream::~YamuxStream() { core_->release(*state_); }

Task<std::size_t> YamuxStream::read_some(std::span<std::uint8_t> buf) {
    const auto core = core_;
    const auto state = state_;
    co_return co_await core->read(*state, buf);
}

Task<void> YamuxStream::write_all(std::span<const std::uint8_t> data) {
    const auto core = core_;
    const auto state = state_;
    co_await core->write(*state, data);
}

Task<void> YamuxStream::close_write() {
    const auto core = core_;
    const auto state = state_;
    co_await core->close_write(*state);
}

void YamuxStream::reset() noexcept { core_->reset(*state_); }
std::uint64_t YamuxStream::id() const noexcept { return state_->id; }
bool YamuxStream::outbound() const noexcept { return state_->outbound; }
std::uint32_t YamuxStream::receive_window() const noexcept { return state_->recv.window(); }
std::uint32_t YamuxStream::send_window() const noexcept { return state_->send_window; }
std::size_t YamuxStream::buffered() const noexcept { return state_->inbox.size(); }

}  // namespace kitsunet::p2p::yamux
