#pragma once
/// What the Yamux and mplex MuxedSessions share: the operations that only forward to the session
/// core. Every coroutine holds the core, so it runs on even if the session object is destroyed
/// meanwhile. `StreamHandle` (mux::Stream or a subclass) is what accept_stream() hands out.
#include <memory>

#include "kitsunet/p2p/mux/session_core.hpp"
#include "kitsunet/p2p/net/muxer.hpp"

namespace kitsunet::p2p::mux {

template <class StreamHandle>
class SessionBase : public MuxedSession {
  public:
    SessionBase(const SessionBase&) = delete;
    SessionBase& operator=(const SessionBase&) = delete;

    Task<void> run() override {
        const auto core = core_;
        co_await core->run();
    }

    Task<std::unique_ptr<MuxedStream>> accept_stream() override {
        const auto core = core_;
        auto state = co_await core->accept();
        if (!state) co_return nullptr;
        co_return std::make_unique<StreamHandle>(core, std::move(state));
    }

    Task<void> close() override {
        const auto core = core_;
        co_await core->close();
    }

    std::size_t stream_count() const noexcept override { return core_->stream_count(); }

  protected:
    explicit SessionBase(std::shared_ptr<SessionCore> core) noexcept : core_(std::move(core)) {}
    ~SessionBase() override = default;

    std::shared_ptr<SessionCore> core_;
};

}  // namespace kitsunet::p2p::mux
