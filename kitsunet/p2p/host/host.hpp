#pragma once
/// A libp2p host over TCP: listens on multiaddrs, dials multiaddrs or known peers, upgrades each
/// connection (multistream → Noise → Yamux|mplex), serves protocol handlers on inbound streams,
/// opens negotiated streams to peers, and runs identify (+ push) and ping itself. A connection
/// manager bounds connections, pending handshakes and inbound streams (ConnectionLimits), and
/// every handshake and negotiation has a deadline, so slow or hostile peers cost bounded memory.
///
/// Concurrency: everything runs on the executor given to the constructor, in task groups: one for
/// the host (accept loops, connections) and one per connection (its session, its streams). stop()
/// cancels and joins them: when it returns no task of the host is left.
/// Usage: construct, listen(), set_handler()s, then dial()/new_stream() from coroutines on the
/// same executor; co_await stop() before destroying the host.
/// Errors: system_error (P2pErrc, MuxErrc or socket codes) with a readable what().
/// Thread-safety: none; the host's executor only.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/host/config.hpp"
#include "kitsunet/p2p/host/connection.hpp"
#include "kitsunet/p2p/host/handler_table.hpp"
#include "kitsunet/p2p/host/peer_store.hpp"
#include "kitsunet/p2p/host/stream.hpp"
#include "kitsunet/p2p/host/upgrader.hpp"
#include "kitsunet/p2p/net/notifier.hpp"
#include "kitsunet/p2p/net/task_group.hpp"
#include "kitsunet/p2p/net/tcp_transport.hpp"

namespace kitsunet::p2p {

class Host {
  public:
    Host(const boost::asio::any_io_executor& executor, HostConfig config);
    /// Precondition: stop() has completed, or the host never listened nor dialed.
    ~Host();
    Host(const Host&) = delete;
    Host& operator=(const Host&) = delete;

    const PeerId& id() const noexcept { return id_; }
    const HostConfig& config() const noexcept { return config_; }
    const boost::asio::any_io_executor& executor() const noexcept { return executor_; }

    /// Binds every configured listen address and starts accepting. Throws system_error when an
    /// address cannot be bound, kUnsupportedAddress for a non-TCP address.
    void listen();
    /// The addresses we listen on, with real ports; an unspecified address (0.0.0.0, ::) stands
    /// for each address of this machine's interfaces of its family. Without /p2p.
    std::vector<Multiaddr> listen_addrs() const;

    /// Serves `protocol` with `handler` (replacing any); connected peers learn it by identify push.
    void set_handler(std::string protocol, StreamHandler handler);
    void remove_handler(std::string_view protocol);
    /// The protocols we serve.
    const std::vector<std::string>& protocols() const noexcept { return handlers_.protocols(); }

    /// A connection to the peer at `addr` (reused when one to its /p2p peer exists). When `addr`
    /// has /p2p, the handshake must reach that peer (kPeerIdMismatch).
    Task<std::shared_ptr<Connection>> dial(Multiaddr addr);
    /// A connection to `peer`: an existing one, or a dial of its known addresses in turn.
    /// Throws kNoAddresses when none is known, else the last dial's error.
    Task<std::shared_ptr<Connection>> connect(PeerId peer);
    /// A stream to `peer` speaking the first of `protocols` it supports.
    Task<Stream> new_stream(PeerId peer, std::vector<std::string> protocols);
    /// One ping round trip to `peer` (on a new stream).
    Task<std::chrono::steady_clock::duration> ping(PeerId peer);
    /// Waits (up to `timeout`) until an identify exchange with `peer` has completed; returns
    /// whether it succeeded.
    Task<bool> wait_identified(PeerId peer, Duration timeout);

    PeerStore& peer_store() noexcept { return peer_store_; }
    const PeerStore& peer_store() const noexcept { return peer_store_; }
    /// Open connections (all peers).
    std::vector<std::shared_ptr<Connection>> connections() const;
    std::size_t connection_count() const noexcept { return connection_count_; }
    /// Inbound connections in their handshake.
    std::size_t pending_inbound() const noexcept { return pending_inbound_; }

    /// Closes listeners, asks every connection to close (go-away) within the close timeout,
    /// then cancels what is left and waits for every task to end.
    Task<void> stop();

  private:
    Task<void> accept_loop(TcpListener& listener);
    Task<void> handle_inbound(std::unique_ptr<TcpStream> raw);
    std::shared_ptr<Connection> add_connection(UpgradedConnection upgraded, Direction direction);
    Task<void> run_connection(std::shared_ptr<Connection> connection);
    void remove_connection(const Connection& connection);
    std::shared_ptr<Connection> existing_connection(const PeerId& peer) const;
    identify::IdentifyInfo local_identify(const Multiaddr& observed) const;
    Task<void> identify_peer(Connection& connection);
    Task<void> push_identify(Connection& connection);
    void install_builtin_handlers();

    boost::asio::any_io_executor executor_;
    HostConfig config_;
    PeerId id_;
    Upgrader upgrader_;
    HandlerTable handlers_;
    PeerStore peer_store_;
    std::vector<std::unique_ptr<TcpListener>> listeners_;
    std::unordered_map<PeerId, std::vector<std::shared_ptr<Connection>>> connections_;
    std::size_t connection_count_{0};
    std::size_t pending_inbound_{0};
    Notifier changed_;  // a connection came or went, or an identify finished
    TaskGroup tasks_;
    bool stopping_{false};
};

}  // namespace kitsunet::p2p
