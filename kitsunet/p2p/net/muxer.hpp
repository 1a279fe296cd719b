#pragma once
/// A stream multiplexer session over one secured connection (Yamux or mplex): many ByteStreams
/// over one ByteStream. The host drives it: run() must be running (in the connection's task group)
/// for any stream to make progress.
/// Lifetime: streams share the session's state, so a stream may outlive the session object; once
/// the session has ended its streams' operations throw (reads of already-buffered data still succeed).
/// Thread-safety: none; everything on the connection's executor.
#include <cstddef>
#include <memory>
#include <string_view>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class MuxedSession {
  public:
    virtual ~MuxedSession() = default;

    /// The muxer's protocol id ("/yamux/1.0.0", "/mplex/6.7.0").
    virtual std::string_view protocol() const noexcept = 0;

    /// Reads and dispatches frames until the connection ends. Returns on an orderly end (EOF,
    /// go-away, close()); throws on a protocol violation after resetting the connection and all
    /// its streams.
    virtual Task<void> run() = 0;

    /// Opens an outbound stream (waits while the peer's limits require it). Throws when the
    /// session has ended.
    virtual Task<std::unique_ptr<ByteStream>> open_stream() = 0;

    /// The next inbound stream the peer opened, or nullptr once the session has ended.
    virtual Task<std::unique_ptr<ByteStream>> accept_stream() = 0;

    /// Orderly shutdown: no new streams (Yamux go-away), then the connection is closed.
    virtual Task<void> close() = 0;

    /// Streams currently open in either direction.
    virtual std::size_t stream_count() const noexcept = 0;
};

}  // namespace kitsunet::p2p
