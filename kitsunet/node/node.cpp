#include "kitsunet/node/node.hpp"

#include <spdlog/spdlog.h>

#include "kitsunet/p2p/protocols/perf.hpp"

namespace kitsunet::node {

Node::Node(const boost::asio::any_io_executor& executor, NodeConfig config)
    : config_(std::move(config)), host_(executor, config_.host) {}

void Node::start() {
    if (config_.serve_perf)
        host_.set_handler(std::string(p2p::perf::kProtocolId), [](p2p::Stream s) -> p2p::Task<void> {
            const auto received = co_await p2p::perf::serve(*s.io);
            spdlog::debug("perf: {} received {} bytes", s.peer.to_string(), received);
        });
    host_.listen();
    spdlog::info("node {} started", host_.id().to_string());
}

std::vector<p2p::Multiaddr> Node::listen_addrs() const {
    std::vector<p2p::Multiaddr> out;
    for (const auto& addr : host_.listen_addrs()) out.push_back(p2p::with_peer_id(addr, host_.id()));
    return out;
}

p2p::Task<void> Node::stop() {
    co_await host_.stop();
    spdlog::info("node {} stopped", host_.id().to_string());
}

}  // namespace kitsunet::node
