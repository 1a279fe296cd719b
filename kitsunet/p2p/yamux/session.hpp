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

#include "kitsunet/p2p/mux/session_base.hpp"
#include "kitsunet/p2p/mux/stream.hpp"
#include "kitsunet/p2p/net/muxer.hpp"
#include "kitsunet/p2p/yamux/config.hpp"

namespace kitsunet::p2p::yamux {

namespace detail {
class Connection;
}  // namespace detail

class YamuxStream;

class YamuxSession final : public mux::SessionBase<YamuxStream> {
  public:
    static constexpr std::string_view kProtocolId = "/yamux/1.0.0";

    /// Takes the (secured) connection. `role`: whether we dialed it (odd stream ids) or accepted it.
    YamuxSession(std::unique_ptr<ByteStream> connection, Role role,
                 const boost::asio::any_io_executor& executor, Config config = {});
    ~YamuxSession() override;

    std::string_view protocol() const noexcept override { return kProtocolId; }
    Task<std::unique_ptr<MuxedStream>> open_stream() override;

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
    detail::Connection& connection() const noexcept;
};

/// A Yamux stream. Besides MuxedStream, it shows its flow-control state (tests, metrics).
class YamuxStream final : public mux::Stream {
  public:
    using mux::Stream::Stream;

    /// Our receive window (it grows under load) and the peer's: what we may still send.
    std::uint32_t receive_window() const noexcept;
    std::uint32_t send_window() const noexcept;
};

}  // namespace kitsunet::p2p::yamux
