#include "kitsunet/node/node.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "kitsunet/p2p/net/timeout.hpp"
#include "kitsunet/p2p/protocols/perf.hpp"

namespace kitsunet::node {

Node::Node(const boost::asio::any_io_executor& executor, NodeConfig config)
    : config_(std::move(config)), host_(executor, config_.host), pubsub_(host_, config_.pubsub) {}

void Node::start() {
    if (config_.serve_perf)
        host_.set_handler(std::string(p2p::perf::kProtocolId), [](p2p::Stream s) -> p2p::Task<void> {
            const auto received = co_await p2p::perf::serve(*s.io);
            spdlog::debug("perf: {} received {} bytes", s.peer.to_string(), received);
        });
    host_.listen();
    pubsub_.start();
    spdlog::info("node {} started (pubsub: {})", host_.id().to_string(),
                 p2p::pubsub::to_string(pubsub_.kind()));
}

p2p::Task<std::size_t> Node::connect_bootstrap() {
    std::size_t reached = 0;
    for (const auto& addr : config_.bootstrap) {
        try {
            co_await p2p::with_timeout(host_.dial(addr), config_.bootstrap_timeout);
            ++reached;
        } catch (const std::exception& e) {
            spdlog::warn("bootstrap {}: {}", addr.to_string(), e.what());
        }
    }
    co_return reached;
}

std::vector<p2p::Multiaddr> Node::listen_addrs() const {
    std::vector<p2p::Multiaddr> out;
    for (const auto& addr : host_.listen_addrs()) out.push_back(p2p::with_peer_id(addr, host_.id()));
    return out;
}

p2p::Task<void> Node::stop() {
    co_await pubsub_.stop();
    co_await host_.stop();
    spdlog::info("node {} stopped", host_.id().to_string());
}

}  // namespace kitsunet::node
