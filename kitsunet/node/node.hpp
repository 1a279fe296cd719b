#pragma once
/// A kitsunet node: the process-level wiring of the modules (DESIGN §2: app → node → ...). Today
/// it runs a libp2p host with identify, ping and perf, and the pubsub service (one router:
/// gossipsub, floodsub or kitsunet multicast); the kitsunet protocol, the DHT and the RPC server
/// join it here (each as a field of NodeConfig and a service started by start()).
/// Usage: construct on an executor, start(), optionally co_await connect_bootstrap(), then
/// co_await stop() before destroying it.
/// Thread-safety: none; the executor's thread only.
#include <cstddef>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/pubsub/service.hpp"

namespace kitsunet::node {

struct NodeConfig {
    p2p::HostConfig host;
    p2p::pubsub::PubSubConfig pubsub;
    /// Peers dialed by connect_bootstrap() (each with /p2p/<id>).
    std::vector<p2p::Multiaddr> bootstrap;
    /// Allowed for each bootstrap dial.
    p2p::Duration bootstrap_timeout{std::chrono::seconds(10)};
    /// Serve /perf/1.0.0 (throughput measurements; costs nothing when unused).
    bool serve_perf = true;
};

class Node {
  public:
    Node(const boost::asio::any_io_executor& executor, NodeConfig config);

    /// Starts listening and serving. Throws system_error when a listen address cannot be bound.
    void start();
    /// Dials every bootstrap peer (a failure is logged, not thrown); returns how many answered.
    p2p::Task<std::size_t> connect_bootstrap();
    /// Where peers can reach us, each with /p2p/<our id>.
    std::vector<p2p::Multiaddr> listen_addrs() const;
    p2p::Host& host() noexcept { return host_; }
    p2p::pubsub::PubSub& pubsub() noexcept { return pubsub_; }
    /// Stops every service and the host; returns when all their tasks have ended.
    p2p::Task<void> stop();

  private:
    NodeConfig config_;
    p2p::Host host_;
    p2p::pubsub::PubSub pubsub_;
};

}  // namespace kitsunet::node
