#include "kitsunet/p2p/pubsub/floodsub.hpp"

namespace kitsunet::p2p::pubsub {

namespace {
constexpr std::string_view kProtocols[] = {protocol::kFloodsub};
}

std::span<const std::string_view> FloodsubRouter::protocols() const noexcept { return kProtocols; }

void FloodsubRouter::forward(const Received& m, TimePoint) {
    const auto* peers = subscribers(m.message->topic);
    if (!peers) return;
    for (const auto& peer : *peers) {
        if (may_send(peer, m)) send_message(peer, m.message);
    }
}

void FloodsubRouter::publish_out(const Received& m, TimePoint now) { forward(m, now); }

}  // namespace kitsunet::p2p::pubsub
