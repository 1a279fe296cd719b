#pragma once
/// A stream multiplexer session over one secured connection (Yamux or mplex): many ByteStreams
/// over one ByteStream. The host drives it: run() must be running (in the connection's task group)
/// for any stream to make progress.
/// Lifetime: streams share the session's state, so a stream may outlive the session object; once
/// the session has ended its streams' operations throw (reads of already-buffered data still succeed).
/// Destroying a stream that is not closed in both directions resets it (an abort, like a TCP close
/// with unread data); a stream we closed for writing whose peer has not finished is drained instead.
/// Errors: stream and session operations throw boost::system::system_error with the codes of
/// `kitsunet/p2p/net/mux_error.hpp` (MuxErrc: stream_reset, session_closed, protocol_error, …).
/// Thread-safety: none; everything on the connection's executor.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

/// One stream of a MuxedSession.
class MuxedStream : public ByteStream {
  public:
    /// The muxer's id of the stream (Yamux: odd when the dialer opened it, even otherwise;
    /// mplex: numbered per initiator). Unique among the session's open streams of one direction.
    virtual std::uint64_t id() const noexcept = 0;

    /// True when we opened the stream, false when the peer did.
    virtual bool outbound() const noexcept = 0;
};

class MuxedSession {
  public:
    virtual ~MuxedSession() = default;

    /// The muxer's protocol id ("/yamux/1.0.0", "/mplex/6.7.0").
    virtual std::string_view protocol() const noexcept = 0;

    /// Reads and dispatches frames until the connection ends. Returns on an orderly end (EOF,
    /// go-away, close()); throws on a protocol violation after resetting the connection and all
    /// its streams. Call it once.
    virtual Task<void> run() = 0;

    /// Opens an outbound stream (waits while the peer's limits require it). Throws when the
    /// session has ended (session_closed) or the peer has said go-away (go_away).
    virtual Task<std::unique_ptr<MuxedStream>> open_stream() = 0;

    /// The next inbound stream the peer opened, or nullptr once the session has ended.
    virtual Task<std::unique_ptr<MuxedStream>> accept_stream() = 0;

    /// Orderly shutdown: no new streams (Yamux go-away), pending frames are flushed, then the
    /// connection is closed for writing; run() returns once the peer has closed its side too (or
    /// after the configured close timeout). Open streams end with session_closed.
    virtual Task<void> close() = 0;

    /// Streams currently open in either direction.
    virtual std::size_t stream_count() const noexcept = 0;
};

}  // namespace kitsunet::p2p
