#pragma once
/// Yamux (/yamux/1.0.0) over any ByteStream: the MuxedSession the host uses after the security
/// upgrade. Spec: hashicorp/yamux spec.md and libp2p/specs yamux (ACK backlog).
///
/// Behaviour in short: streams open with SYN at once and may carry data before the peer's ACK;
/// inbound streams are acknowledged with the application's first frame on them (as the libp2p
/// spec asks). Every stream starts with the 256 KiB window; receive windows double under load up
/// to Config::max_stream_window (see receive_window.hpp). Writes wait for send window and for room
/// in the connection's write batch, so neither a slow peer nor a slow reader makes memory grow.
/// FIN half-closes, RST aborts (buffered data is dropped). Pings are answered; keep-alive pings
/// measure the RTT. close() sends go-away; a go-away from the peer stops new outbound streams.
/// Protocol violations (bad version or type, window exceeded, unknown stream, reused id, …) end
/// the session: the peer gets go-away(protocol error), the connection is reset, run() throws
/// MuxErrc::protocol_error with the reason (also logged), and every stream fails.
/// Thread-safety: none; everything on the executor given to the constructor.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/net/muxer.hpp"
#include "kitsunet/p2p/yamux/config.hpp"

namespace kitsunet::p2p::yamux {

namespace detail {
class Connection;
struct StreamState;
}  // namespace detail

class YamuxSession final : public MuxedSession {
  public:
    static constexpr std::string_view kProtocolId = "/yamux/1.0.0";

    /// Takes the (secured) connection. `role`: whether we dialed it (odd stream ids) or accepted it.
    YamuxSession(std::unique_ptr<ByteStream> connection, Role role,
                 const boost::asio::any_io_executor& executor, Config config = {});
    ~YamuxSession() override;
    YamuxSession(const YamuxSession&) = delete;
    YamuxSession& operator=(const YamuxSession&) = delete;

    std::string_view protocol() const noexcept override { return kProtocolId; }
    Task<void> run() override;
    Task<std::unique_ptr<MuxedStream>> open_stream() override;
    Task<std::unique_ptr<MuxedStream>> accept_stream() override;
    Task<void> close() override;
    std::size_t stream_count() const noexcept override;

    /// Pings the peer and returns the round-trip time (concurrent callers share one ping).
    /// Throws session_closed when the session ends first; honours cancellation (add a timeout).
    Task<std::chrono::steady_clock::duration> ping();
    /// The last measured round-trip time; zero before the first pong.
    std::chrono::steady_clock::duration rtt() const noexcept;
    /// Sends go-away (normal) without closing: the peer should open no more streams, and those it
    /// still opens are refused; existing streams continue. open_stream() fails from now on.
    void go_away() noexcept;
    /// Bytes of frames waiting to be written to the connection.
    std::size_t queued_bytes() const noexcept;

  private:
    std::shared_ptr<detail::Connection> core_;
};

/// A Yamux stream. Besides ByteStream, it shows its flow-control state (for tests and metrics).
class YamuxStream final : public MuxedStream {
  public:
    YamuxStream(std::shared_ptr<detail::Connection> core,
                std::shared_ptr<detail::StreamState> state) noexcept;
    /// Resets the stream unless it is closed in both directions (drains it after our FIN).
    ~YamuxStream() override;
    YamuxStream(const YamuxStream&) = delete;
    YamuxStream& operator=(const YamuxStream&) = delete;

    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    Task<void> close_write() override;
    void reset() noexcept override;
    std::uint64_t id() const noexcept override;
    bool outbound() const noexcept override;

    /// Our receive window (grows under load), the peer's credit for sending to us, and the bytes
    /// received but not yet read.
    std::uint32_t receive_window() const noexcept;
    std::uint32_t send_window() const noexcept;
    std::size_t buffered() const noexcept;

  private:
    std::shared_ptr<detail::Connection> core_;
    std::shared_ptr<detail::StreamState> state_;
};

}  // namespace kitsunet::p2p::yamux
