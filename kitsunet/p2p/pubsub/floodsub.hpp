#pragma once
/// floodsub (/floodsub/1.0.0, libp2p/specs pubsub/README.md): every new valid message goes to
/// every connected peer subscribed to its topic, except the one it came from and its author.
/// No control messages, no scoring: a misbehaving peer is disconnected. Thread-safety: none.
#include "kitsunet/p2p/pubsub/router.hpp"

namespace kitsunet::p2p::pubsub {

class FloodsubRouter final : public Router {
  public:
    explicit FloodsubRouter(RouterConfig config = {}) : Router(std::move(config)) {}

    std::span<const std::string_view> protocols() const noexcept override;

  protected:
    void forward(const Received& m, TimePoint now) override;
    void publish_out(const Received& m, TimePoint now) override;
};

}  // namespace kitsunet::p2p::pubsub
