#pragma once
/// mplex session settings. mplex has no flow control: a reader that falls behind has its stream
/// reset once its unread bytes pass a bound, as the spec suggests.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "kitsunet/p2p/mplex/frame.hpp"

namespace kitsunet::p2p::mplex {

struct Config {
    /// Largest message accepted from the peer (larger: protocol error).
    std::uint32_t max_message_size = kMaxMessageSize;
    /// Largest message we send: writes are split into messages of at most this.
    std::uint32_t max_frame_payload = 64 * 1024;
    /// Unread bytes one stream may hold; past it the stream is reset (read_buffer_overflow).
    std::size_t max_stream_buffer = 4 * 1024 * 1024;
    /// Unread bytes all streams together may hold; past it the receiving stream is reset.
    std::size_t max_session_buffer = 64 * 1024 * 1024;
    /// Streams open at once in both directions: the peer's beyond it are reset; open_stream()
    /// waits.
    std::size_t max_streams = 1024;
    /// The peer's streams waiting for accept_stream(); beyond it new ones are reset.
    std::size_t max_accept_backlog = 256;
    /// Frames queued for the connection before writers wait (the writer's batch limit).
    std::size_t write_batch_limit = 256 * 1024;
    /// After close() or the peer's end of the connection: how long to wait for the other
    /// direction to finish before resetting the connection.
    std::chrono::milliseconds close_timeout{std::chrono::seconds(5)};
    /// Prefix of this session's log lines (e.g. the peer id).
    std::string log_name = "mplex";
};

}  // namespace kitsunet::p2p::mplex
