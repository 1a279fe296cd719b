#pragma once
/// Error codes of the stream multiplexers (Yamux, mplex), as a boost::system category so that they
/// travel in boost::system::system_error like Asio's own. Shared by every MuxedSession so that the
/// host can tell a reset stream from a broken session without knowing the muxer.
#include <string>

#include <boost/system/error_code.hpp>

namespace kitsunet::p2p {

enum class MuxErrc {
    /// The peer broke the muxer's protocol (bad frame, window exceeded, unknown stream, …); the
    /// session has ended and the connection was reset.
    protocol_error = 1,
    /// The stream was reset, by the peer or by us; buffered data was dropped.
    stream_reset,
    /// The session has ended (close(), end of the connection, or an error on it).
    session_closed,
    /// A write after close_write() on the same stream.
    write_closed,
    /// The peer said go-away: it accepts no new streams.
    go_away,
    /// The peer stopped answering pings within the keep-alive timeout.
    keepalive_timeout,
    /// The peer sent more than the per-stream buffer allows while our reader fell behind (mplex,
    /// which has no flow control); the stream was reset.
    read_buffer_overflow,
    /// The peer refused the stream (too many streams) or reset it before acknowledging it.
    stream_refused,
};

const boost::system::error_category& mux_category() noexcept;

inline boost::system::error_code make_error_code(MuxErrc e) noexcept {
    return {static_cast<int>(e), mux_category()};
}

/// Throws a boost::system::system_error with code `e` whose what() is `what` alone (a readable
/// reason for logs, without Boost's "[category:value]" suffix).
[[noreturn]] void throw_mux_error(MuxErrc e, const std::string& what);

}  // namespace kitsunet::p2p

template <>
struct boost::system::is_error_code_enum<kitsunet::p2p::MuxErrc> : std::true_type {};
