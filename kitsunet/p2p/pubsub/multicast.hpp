#pragma once
/// kitsunet multicast (/kitsunet/multicast/1.0.0), after the original kitsunet's hop-limited
/// multicast: floodsub whose messages carry a hop budget (Message::hops, not signed) — the
/// number of further hops the message may travel: -1 unlimited, 0 delivered but not forwarded,
/// otherwise decremented at each hop. Publishing with a budget of H reaches exactly the peers
/// within H hops (the publisher sends with H - 1; H = 0 stays local). Because a copy can arrive
/// first over a longer path, a later copy with a larger remaining budget is forwarded again (it
/// is delivered only once), so the reach does not depend on arrival order.
/// Per-topic forward hooks may veto sending a message to a given peer.
/// Thread-safety: none.
#include <functional>
#include <vector>

#include "kitsunet/p2p/pubsub/router.hpp"

namespace kitsunet::p2p::pubsub {

/// Returns false to veto sending `message` to `peer`.
using ForwardHook = std::function<bool(const PeerId& peer, const Message& message)>;

class MulticastRouter final : public Router {
  public:
    static constexpr std::int32_t kUnlimitedHops = -1;

    explicit MulticastRouter(RouterConfig config = {});

    std::span<const std::string_view> protocols() const noexcept override;

    /// Adds a hook consulted before sending any message of `topic` to any peer.
    void add_forward_hook(const TopicId& topic, ForwardHook hook);

  protected:
    void on_first_seen(const Received& m, TimePoint now) override;
    void on_duplicate(const PeerId& from, const Message& m, const MessageId& id, TimePoint now) override;
    void on_validated(const Received& m, ValidationResult result, TimePoint now) override;
    void forward(const Received& m, TimePoint now) override;
    void publish_out(const Received& m, TimePoint now) override;

  private:
    enum class Stage : std::uint8_t { kValidating, kForwarded, kDropped };
    struct Budget {
        std::int32_t hops{0};  // the largest remaining budget received
        Stage stage{Stage::kValidating};
    };

    /// Sends `m` with `hops` remaining to the topic's peers, except `m`'s source and author and
    /// peers a hook vetoes.
    void send_with_hops(const Received& m, std::int32_t hops);
    bool vetoed(const PeerId& peer, const Message& m) const;

    StringMap<std::vector<ForwardHook>> hooks_;
    TimedCache<Budget> budgets_;  // limited-hop messages only
};

}  // namespace kitsunet::p2p::pubsub
