#pragma once
/// Internal to p2p/yamux: the state a YamuxSession and its streams share (the session object and
/// every stream handle hold it by shared_ptr, so streams may outlive the session object).
/// Everything runs on one executor; no member is thread-safe.
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include "kitsunet/p2p/net/byte_queue.hpp"
#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/frame_reader.hpp"
#include "kitsunet/p2p/net/frame_writer.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/net/notifier.hpp"
#include "kitsunet/p2p/yamux/config.hpp"
#include "kitsunet/p2p/yamux/frame.hpp"
#include "kitsunet/p2p/yamux/receive_window.hpp"

namespace kitsunet::p2p::yamux::detail {

using Clock = std::chrono::steady_clock;

/// One stream's state. Lifecycle: open (SYN sent or received) → half-closed by FIN in either
/// direction → removed from the session when both FINs have passed, or at a RST.
struct StreamState {
    StreamState(std::uint32_t stream_id, bool is_outbound, const boost::asio::any_io_executor& executor,
                std::uint32_t max_window, Clock::time_point now)
        : id(stream_id),
          outbound(is_outbound),
          recv(max_window, now),
          readable(executor),
          writable(executor) {}

    std::uint32_t id;
    bool outbound;
    bool acked{false};      ///< outbound: the peer's ACK came; inbound: ours was sent
    bool local_fin{false};  ///< we sent FIN
    bool remote_fin{false};
    bool reset{false};
    bool detached{false};   ///< its handle is gone after our FIN: incoming data is discarded
    bool removed{false};    ///< no longer in the session's map
    bool receiving{false};  ///< the read loop is reading a frame straight into `inbox`
    MuxErrc reset_code{MuxErrc::stream_reset};
    std::uint32_t send_window{kInitialWindow};
    ReceiveWindow recv;
    ByteQueue inbox;
    Notifier readable;
    Notifier writable;
};

class Connection {
  public:
    Connection(std::unique_ptr<ByteStream> connection, Role role,
               const boost::asio::any_io_executor& executor, Config config);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Session operations (see YamuxSession).
    Task<void> run();
    Task<std::shared_ptr<StreamState>> open();
    Task<std::shared_ptr<StreamState>> accept();
    Task<void> close();
    Task<Clock::duration> ping();
    void go_away() noexcept;
    Clock::duration rtt() const noexcept { return rtt_; }
    std::size_t stream_count() const noexcept { return streams_.size(); }
    std::size_t queued_bytes() const noexcept { return writer_.queued(); }

    // Stream operations (see YamuxStream).
    Task<std::size_t> read(StreamState& s, std::span<std::uint8_t> buf);
    Task<void> write(StreamState& s, std::span<const std::uint8_t> data);
    Task<void> close_write(StreamState& s);
    void reset(StreamState& s) noexcept;
    void release(StreamState& s) noexcept;  ///< the stream's handle is gone

  private:
    // The three loops of run().
    Task<void> read_loop();
    Task<void> send_loop();
    Task<void> keepalive_loop();

    // Frames from the peer.
    Task<void> on_data(const FrameHeader& h);
    void on_window_update(const FrameHeader& h);
    void on_ping(const FrameHeader& h);
    void on_go_away(const FrameHeader& h);
    std::shared_ptr<StreamState> stream_for(const FrameHeader& h);
    std::shared_ptr<StreamState> open_inbound(std::uint32_t id);
    void on_ack(StreamState& s, const FrameHeader& h) noexcept;
    void on_fin_rst(StreamState& s, const FrameHeader& h) noexcept;
    [[noreturn]] void violation(const std::string& what);

    // Frames to the peer.
    void send_control(FrameType type, std::uint16_t flags, std::uint32_t stream_id,
                      std::uint32_t length) noexcept;
    std::uint16_t ack_flag(StreamState& s) noexcept;
    void send_window_update(StreamState& s) noexcept;
    void refuse(std::uint32_t id);

    // Bookkeeping.
    bool is_inbound_id(std::uint32_t id) const noexcept;
    void settle_backlog(StreamState& s) noexcept;
    void remove(StreamState& s) noexcept;
    void mark_reset(StreamState& s, MuxErrc code) noexcept;
    static void drop_inbox(StreamState& s) noexcept;
    void end_session(boost::system::error_code code, const std::string& reason) noexcept;
    [[noreturn]] void throw_ended() const;
    Task<void> sleep(Clock::duration d);
    Task<bool> await_pong(std::uint64_t round);

    std::unique_ptr<ByteStream> conn_;
    boost::asio::any_io_executor executor_;
    Role role_;
    Config config_;
    FrameWriter writer_;
    FrameReader reader_;
    std::unordered_map<std::uint32_t, std::shared_ptr<StreamState>> streams_;
    std::deque<std::shared_ptr<StreamState>> accept_queue_;
    Notifier accepted_;    // a stream was queued for accept(), or the session ended
    Notifier open_room_;   // a stream or backlog slot freed, go-away, or the end
    Notifier pong_;        // a pong came, or the session ended
    Notifier read_ended_;  // the peer's end of the connection
    std::uint64_t next_id_;
    std::uint32_t last_inbound_id_{0};
    std::size_t outbound_backlog_{0};  // our streams the peer has not acknowledged
    std::size_t inbound_backlog_{0};   // the peer's streams we have not acknowledged
    WindowBudget budget_;
    bool local_go_away_{false};
    bool remote_go_away_{false};
    bool read_eof_{false};
    bool ended_{false};
    std::string end_reason_;
    // Pings: one in flight at a time; ping() callers share it.
    std::uint32_t next_ping_id_{0};
    std::optional<std::uint32_t> ping_in_flight_;
    Clock::time_point ping_sent_;
    std::uint64_t pongs_{0};
    Clock::duration rtt_{};
};

}  // namespace kitsunet::p2p::yamux::detail
