#pragma once
/// Internal to p2p/yamux: the Yamux half of a session (frames, flow control, ACK backlog, pings,
/// go-away) on the shared mux::SessionCore. Held by shared_ptr by YamuxSession and its streams.
/// Thread-safety: none; one executor.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "kitsunet/p2p/mux/session_core.hpp"
#include "kitsunet/p2p/yamux/config.hpp"
#include "kitsunet/p2p/yamux/frame.hpp"
#include "kitsunet/p2p/yamux/receive_window.hpp"

namespace kitsunet::p2p::yamux::detail {

using Clock = std::chrono::steady_clock;

struct StreamState final : mux::StreamState {
    StreamState(std::uint32_t stream_id, bool is_outbound, const boost::asio::any_io_executor& executor,
                std::uint32_t max_window, Clock::time_point now)
        : mux::StreamState(stream_id, stream_id, is_outbound, executor), recv(max_window, now) {}

    std::uint32_t yamux_id() const noexcept { return static_cast<std::uint32_t>(id); }

    bool acked{false};  ///< outbound: the peer's ACK came; inbound: ours was sent
    std::uint32_t send_window{kInitialWindow};
    ReceiveWindow recv;
};

class Connection final : public mux::SessionCore {
  public:
    Connection(std::unique_ptr<ByteStream> connection, Role role,
               const boost::asio::any_io_executor& executor, Config config);

    Task<std::shared_ptr<StreamState>> open();
    Task<Clock::duration> ping();
    void go_away() noexcept;
    Clock::duration rtt() const noexcept { return rtt_; }

    Task<void> write(mux::StreamState& s, std::span<const std::uint8_t> data) override;

  private:
    // mux::SessionCore
    Task<void> read_frames() override;
    Task<void> side_loop() override;  // keep-alive
    void send_fin(mux::StreamState& s) noexcept override;
    void send_reset(mux::StreamState& s) noexcept override;
    void on_consumed(mux::StreamState& s) noexcept override;
    void on_removed(mux::StreamState& s) noexcept override;
    void on_protocol_error() noexcept override;
    void on_close() noexcept override;
    void on_ended() noexcept override { pong_.notify(); }

    // Frames from the peer.
    Task<void> on_data(const FrameHeader& h);
    void on_window_update(const FrameHeader& h);
    void on_ping(const FrameHeader& h);
    void on_go_away(const FrameHeader& h);
    std::shared_ptr<StreamState> stream_for(const FrameHeader& h);
    std::shared_ptr<StreamState> open_inbound(std::uint32_t id);
    void on_ack(StreamState& s, const FrameHeader& h) noexcept;
    void on_fin_rst(StreamState& s, const FrameHeader& h) noexcept;

    // Frames to the peer.
    void send_control(FrameType type, std::uint16_t flags, std::uint32_t stream_id,
                      std::uint32_t length) noexcept;
    std::uint16_t ack_flag(StreamState& s) noexcept;
    void refuse(std::uint32_t id);
    void send_ping() noexcept;
    Task<bool> await_pong(std::uint64_t round);

    bool is_inbound_id(std::uint32_t id) const noexcept;
    void settle_backlog(StreamState& s) noexcept;

    Role role_;
    Config config_;
    std::uint64_t next_id_;
    std::uint32_t last_inbound_id_{0};
    std::size_t outbound_backlog_{0};  // our streams the peer has not acknowledged
    std::size_t inbound_backlog_{0};   // the peer's streams we have not acknowledged
    WindowBudget budget_;
    bool local_go_away_{false};
    bool remote_go_away_{false};
    // Pings: one in flight at a time; ping() callers share it.
    Notifier pong_;
    std::uint32_t next_ping_id_{0};
    std::optional<std::uint32_t> ping_in_flight_;
    Clock::time_point ping_sent_;
    std::uint64_t pongs_{0};
    Clock::duration rtt_{};
};

}  // namespace kitsunet::p2p::yamux::detail
