#pragma once
/// A muxed stream's handle: the MuxedStream an application holds, forwarding to its session's
/// core. Destroying it releases the stream (a reset, or draining after our FIN).
#include <memory>

#include "kitsunet/p2p/mux/session_core.hpp"
#include "kitsunet/p2p/net/muxer.hpp"

namespace kitsunet::p2p::mux {

class Stream : public MuxedStream {
  public:
    Stream(std::shared_ptr<SessionCore> core, std::shared_ptr<StreamState> state) noexcept;
    ~Stream() override;
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    Task<void> close_write() override;
    void reset() noexcept override;
    std::uint64_t id() const noexcept override { return state_->id; }
    bool outbound() const noexcept override { return state_->outbound; }
    /// Bytes received and not yet read.
    std::size_t buffered() const noexcept { return state_->inbox.size(); }

  protected:
    const std::shared_ptr<StreamState>& state() const noexcept { return state_; }

  private:
    std::shared_ptr<SessionCore> core_;
    std::shared_ptr<StreamState> state_;
};

}  // namespace kitsunet::p2p::mux
