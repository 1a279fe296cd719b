#pragma once
/// One upgraded connection to a peer: its muxed session, the streams it serves, and a task group
/// for everything bound to it (the session's run loop, inbound streams, identify). run() drives
/// it until the session ends; then the group is cancelled and joined, so no task of the
/// connection outlives it. Inbound streams are negotiated with multistream-select against the
/// host's handlers, within the connection limits (beyond them a stream is reset, with a log line).
/// Lifetime: shared (the host's table, callers of open_stream); tasks in the group hold plain
/// references, which run() keeps valid. Thread-safety: none (the host's executor).
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/host/config.hpp"
#include "kitsunet/p2p/host/handler_table.hpp"
#include "kitsunet/p2p/host/stream.hpp"
#include "kitsunet/p2p/host/upgrader.hpp"
#include "kitsunet/p2p/net/task_group.hpp"

namespace kitsunet::p2p {

enum class Direction : std::uint8_t { kInbound, kOutbound };

class Connection {
  public:
    Connection(UpgradedConnection upgraded, Direction direction, const boost::asio::any_io_executor& executor,
               const ConnectionLimits& limits, const HandlerTable& handlers);

    const PeerId& peer() const noexcept { return peer_; }
    const PublicKey& public_key() const noexcept { return public_key_; }
    const Multiaddr& remote_addr() const noexcept { return remote_addr_; }
    const Multiaddr& local_addr() const noexcept { return local_addr_; }
    Direction direction() const noexcept { return direction_; }
    std::string_view muxer() const noexcept { return session_->protocol(); }
    bool closed() const noexcept { return closed_; }
    std::size_t stream_count() const noexcept { return session_->stream_count(); }
    std::size_t inbound_streams() const noexcept { return inbound_streams_; }

    /// Opens a stream and negotiates the first of `protocols` the peer supports (each within the
    /// negotiate timeout). Throws kProtocolNotSupported, timed_out, or the muxer's errors.
    Task<Stream> open_stream(std::vector<std::string> protocols);

    /// Runs `task` bound to this connection (cancelled when it closes).
    void spawn(Task<void> task, std::string name) { tasks_.spawn(std::move(task), std::move(name)); }

    /// Drives the session and serves inbound streams until the connection ends; returns the
    /// reason it ended ("closed" for an orderly end). Call once.
    Task<std::string> run();

    /// Orderly close (go-away, flush, FIN); run() returns once the peer has closed too.
    Task<void> close();

  private:
    Task<void> accept_streams();
    Task<void> serve_stream(std::unique_ptr<MuxedStream> muxed);

    std::unique_ptr<MuxedSession> session_;
    PeerId peer_;
    PublicKey public_key_;
    Multiaddr remote_addr_;
    Multiaddr local_addr_;
    Direction direction_;
    const ConnectionLimits& limits_;
    const HandlerTable& handlers_;
    TaskGroup tasks_;
    std::size_t inbound_streams_{0};
    std::map<std::string, std::size_t, std::less<>> inbound_per_protocol_;
    bool closed_{false};
};

}  // namespace kitsunet::p2p
