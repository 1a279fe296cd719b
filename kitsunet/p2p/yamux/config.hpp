#pragma once
/// Yamux session settings. The defaults suit a libp2p host; tests shrink them.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace kitsunet::p2p::yamux {

/// Which end of the connection we are: the dialer (yamux "client") opens odd stream ids, the
/// listener ("server") even ones.
enum class Role : std::uint8_t { dialer, listener };

struct Config {
    /// Ceiling of a stream's receive window under auto-tuning (it starts at 256 KiB).
    std::uint32_t max_stream_window = 16 * 1024 * 1024;
    /// Total growth of all streams' receive windows beyond 256 KiB each: with max_streams, the
    /// bound on the memory the peer can make us buffer.
    std::size_t max_window_growth = 64 * 1024 * 1024;
    /// Streams open at once in both directions: the peer's streams beyond it are reset (refused);
    /// open_stream() waits.
    std::size_t max_streams = 1024;
    /// ACK backlog (libp2p yamux spec): streams opened but not yet acknowledged. open_stream()
    /// waits while ours reach it; the peer's new streams beyond it are reset.
    std::size_t max_ack_backlog = 256;
    /// Largest Data frame payload we send: writes are split into frames of at most this.
    std::uint32_t max_frame_payload = 64 * 1024;
    /// Data frames queued for the connection before writers wait (the writer's batch limit).
    std::size_t write_batch_limit = 256 * 1024;
    /// Keep-alive ping interval; zero disables keep-alive (one ping at the start still measures
    /// the round-trip time that window auto-tuning needs).
    std::chrono::milliseconds keepalive_interval{std::chrono::seconds(30)};
    /// A ping unanswered this long ends the session (keepalive_timeout); zero: wait forever.
    std::chrono::milliseconds ping_timeout{std::chrono::seconds(20)};
    /// After close() or the peer's end of the connection: how long to wait for the other
    /// direction to finish before resetting the connection.
    std::chrono::milliseconds close_timeout{std::chrono::seconds(5)};
    /// Prefix of this session's log lines (e.g. the peer id).
    std::string log_name = "yamux";
};

}  // namespace kitsunet::p2p::yamux
