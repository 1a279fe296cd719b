#pragma once
/// Test support: a deterministic simulated network of pubsub routers — the real routers and the
/// real RPC codec, with simulated time and links instead of sockets. Every RPC a router emits is
/// encoded, carried over its link with a fixed latency (FIFO per link), size-checked and decoded
/// at the other end, exactly as the pubsub service does over streams. Heartbeats tick per node at
/// a random phase. "Raw" nodes have no router: tests script what they send (any RPC, any bytes)
/// and inspect what they receive, to play adversaries or foreign implementations.
/// Everything random derives from Options::seed. Thread-safety: none.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "kitsunet/p2p/pubsub/router.hpp"

namespace kitsunet::p2p::pubsub {

class SimNetwork {
  public:
    struct Options {
        std::uint64_t seed{1};
        Duration latency{std::chrono::milliseconds(5)};
        Duration heartbeat{std::chrono::seconds(1)};
        RpcLimits limits{};
        std::size_t max_frame{1 << 20};
    };
    using Validator = std::function<ValidationResult(const Message&)>;
    /// Sees (and may change) every RPC a router sends, before it is encoded.
    using Tamper = std::function<void(std::size_t from, std::size_t to, Rpc& rpc)>;
    struct RawFrame {
        std::size_t from{0};
        TimePoint at{};
        Rpc rpc;
    };

    explicit SimNetwork(Options options);
    explicit SimNetwork(std::uint64_t seed = 1) : SimNetwork(Options{.seed = seed}) {}
    ~SimNetwork();

    /// A node driving `router` with a fresh Ed25519 identity. Returns its index.
    std::size_t add(std::unique_ptr<Router> router);
    /// A node without a router, speaking `protocols`.
    std::size_t add_raw(std::vector<std::string> protocols);
    /// Restarts `node` with a fresh router (same identity): its links drop and nothing of its
    /// state survives; the caller reconnects it.
    void restart(std::size_t node, std::unique_ptr<Router> router);
    void set_tamper(Tamper tamper) { tamper_ = std::move(tamper); }
    /// `dialer` connects to `listener` over the first of the dialer's protocols the listener
    /// speaks; false when they share none (no link then).
    bool connect(std::size_t dialer, std::size_t listener);
    void disconnect(std::size_t a, std::size_t b);
    bool connected(std::size_t a, std::size_t b) const;

    /// Processes events up to now + d.
    void run_for(Duration d);
    /// Processes events until `done()` holds (checked after each event) or `limit` passes; returns done().
    bool run_until(const std::function<bool()>& done, Duration limit);

    void join(std::size_t node, const TopicId& topic);
    void leave(std::size_t node, const TopicId& topic);
    /// Publishes a message authored by `node`; `hops` for multicast. Returns its id (or the error).
    std::expected<MessageId, PublishError> publish(std::size_t node, const TopicId& topic, Bytes data,
                                                   std::optional<std::int32_t> hops = std::nullopt);
    /// A signed message authored by `node` without publishing it (for raw nodes to send).
    Message make_message(std::size_t node, const TopicId& topic, Bytes data);
    /// Validates `topic`'s messages at `node` with `validator`, answering after `delay`.
    void set_validator(std::size_t node, const TopicId& topic, Validator validator, Duration delay = {});

    /// Sends from a raw node (or on behalf of any node) the encoding of `rpc`.
    void send(std::size_t from, std::size_t to, const Rpc& rpc);
    /// Sends an arbitrary frame.
    void send_frame(std::size_t from, std::size_t to, Bytes frame);

    Router& router(std::size_t node);
    template <class R>
    R& as(std::size_t node) {
        return dynamic_cast<R&>(router(node));
    }
    const PeerId& id(std::size_t node) const;
    std::optional<std::size_t> index_of(const PeerId& peer) const;
    std::size_t size() const noexcept { return nodes_.size(); }
    TimePoint now() const noexcept { return now_; }

    /// Messages delivered to `node`'s subscribers, in order.
    const std::vector<Delivery>& deliveries(std::size_t node) const;
    /// How many deliveries of message `id` `node` had.
    std::size_t delivered(std::size_t node, const MessageId& id) const;
    /// RPCs a raw node received.
    const std::vector<RawFrame>& received(std::size_t raw_node) const;
    /// Peers the routers asked to dial (peer exchange), per node.
    const std::vector<PeerInfo>& dial_requests(std::size_t node) const;
    /// Messages carried so far (each copy on each link counts), and RPC frames.
    std::uint64_t message_copies() const noexcept { return message_copies_; }
    std::uint64_t frames() const noexcept { return frames_; }

  private:
    struct Node;
    void schedule(Duration delay, std::function<void()> event);
    void drain(std::size_t node);
    void deliver_frame(std::size_t from, std::size_t to, const Bytes& frame);
    void heartbeat(std::size_t node);

    Options options_;
    std::uint64_t rng_state_;
    TimePoint now_{};
    std::vector<std::unique_ptr<Node>> nodes_;
    std::map<std::pair<TimePoint, std::uint64_t>, std::function<void()>> events_;
    std::uint64_t next_event_{0};
    std::set<std::pair<std::size_t, std::size_t>> links_;  // (min, max)
    PeerMap<std::size_t> index_;
    Tamper tamper_;
    std::uint64_t message_copies_{0};
    std::uint64_t frames_{0};
};

}  // namespace kitsunet::p2p::pubsub
