#include "kitsunet/p2p/mux/stream.hpp"

namespace kitsunet::p2p::mux {

Stream::Stream(std::shared_ptr<SessionCore> core, std::shared_ptr<StreamState> state) noexcept
    : core_(std::move(core)), state_(std::move(state)) {}

Stream::~Stream() { core_->release(*state_); }

// Each operation keeps the core and the state alive while it runs, even if the handle goes.
Task<std::size_t> Stream::read_some(std::span<std::uint8_t> buf) {
    const auto core = core_;
    const auto state = state_;
    co_return co_await core->read(*state, buf);
}

Task<void> Stream::write_all(std::span<const std::uint8_t> data) {
    const auto core = core_;
    const auto state = state_;
    co_await core->write(*state, data);
}

Task<void> Stream::close_write() {
    const auto core = core_;
    const auto state = state_;
    co_await core->close_write(*state);
}

void Stream::reset() noexcept { core_->reset(*state_); }

}  // namespace kitsunet::p2p::mux
