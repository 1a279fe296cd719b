#pragma once
/// The pubsub service: one API over floodsub, gossipsub and kitsunet multicast (the router is
/// chosen by configuration), driving the sans-I/O router over a Host. Per peer: one outbound
/// write stream (ours) and the inbound streams the peer opens, each carrying varint-length-
/// prefixed RPCs of at most max_message_size bytes; frames queued for a peer are written in
/// batches, and beyond max_queued_bytes messages to that peer are dropped (control still goes).
/// Peers are found among the host's connections (and by their inbound streams): each new
/// connection gets one attempt at a pubsub stream.
///
/// Usage (all on the host's executor): construct after the host, start(), subscribe/publish/
/// add_validator from coroutines, co_await stop() before destroying it (and before the host
/// stops, or after: either way no task of the service is left). Subscriptions must be destroyed
/// before the service; stop() ends them (next() returns nullopt).
/// Thread-safety: none; the host's executor only.
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/net/notifier.hpp"
#include "kitsunet/p2p/net/task_group.hpp"
#include "kitsunet/p2p/pubsub/gossipsub.hpp"
#include "kitsunet/p2p/pubsub/multicast.hpp"

namespace kitsunet::p2p::pubsub {

enum class RouterKind : std::uint8_t { kGossipsub, kFloodsub, kMulticast };
std::string_view to_string(RouterKind kind) noexcept;
/// "gossipsub", "floodsub", "multicast".
std::optional<RouterKind> parse_router_kind(std::string_view name) noexcept;

struct PubSubConfig {
    RouterKind router{RouterKind::kGossipsub};
    RouterConfig common;
    GossipsubConfig gossipsub;
    /// Heartbeat of floodsub and multicast (seen-cache expiry); gossipsub uses its own.
    Duration heartbeat{std::chrono::seconds(1)};
    /// Bytes queued for one peer beyond which messages to it are dropped.
    std::size_t max_queued_bytes{32 << 20};
    /// Messages held for a local subscriber that does not keep up (the oldest go first).
    std::size_t max_subscription_backlog{10000};
    /// How often the host's connections are checked for new and departed peers.
    Duration peer_scan_interval{std::chrono::milliseconds(100)};
    /// Multicast: the hop budget of messages published without one.
    std::int32_t default_hops{MulticastRouter::kUnlimitedHops};
};

/// Process-wide (call once at the start of main, before threads): keeps freed buffers of up to
/// 32 MiB in glibc's heap instead of returning them to the kernel. Pubsub allocates a few
/// buffers of the message size per message and hop; with glibc's defaults each one over 128 KiB
/// is a fresh mmap whose pages all fault in (about half the cost of relaying 256 KiB messages).
/// A no-op on other C libraries.
void keep_large_buffers_on_heap() noexcept;

/// Judges a message from a peer (all validators of a topic must accept it).
using Validator = std::function<Task<ValidationResult>(const Message& message, const PeerId& from)>;

class PubSub;

/// A local subscription to one topic: its messages, in arrival order.
class Subscription {
  public:
    Subscription(Subscription&&) noexcept = default;
    Subscription& operator=(Subscription&&) noexcept = default;
    ~Subscription();

    const TopicId& topic() const noexcept;
    /// The next message, or nullopt once the subscription or the service has ended.
    Task<std::optional<Delivery>> next();
    /// Messages dropped because this subscriber fell behind by max_subscription_backlog.
    std::uint64_t dropped() const noexcept;

    struct State;

  private:
    friend class PubSub;
    Subscription(PubSub& owner, std::shared_ptr<State> state) : owner_(&owner), state_(std::move(state)) {}
    PubSub* owner_;
    std::shared_ptr<State> state_;
};

class PubSub {
  public:
    /// Uses `host`'s identity to sign (StrictSign) unless config.common says StrictNoSign.
    PubSub(Host& host, PubSubConfig config);
    ~PubSub();
    PubSub(const PubSub&) = delete;
    PubSub& operator=(const PubSub&) = delete;

    /// Serves the router's protocols on the host and starts the heartbeat and the peer scan.
    void start();
    /// Ends every task, stream and subscription of the service.
    Task<void> stop();

    Subscription subscribe(const TopicId& topic);
    /// Joins `topic` for relaying only (as `kitsunet node --topic` does).
    void relay(const TopicId& topic);
    /// Publishes `data`; multicast uses `hops` (or default_hops). Errors: PublishError.
    std::expected<MessageId, PublishError> publish(const TopicId& topic, Bytes data,
                                                   std::optional<std::int32_t> hops = std::nullopt);
    void add_validator(const TopicId& topic, Validator validator);
    /// Multicast only: a hook that may veto forwarding to a peer. Returns false for other routers.
    bool add_forward_hook(const TopicId& topic, ForwardHook hook);

    /// Waits until everything queued for peers has been written to their streams; false when
    /// `timeout` passed first (e.g. before exiting after a publish).
    Task<bool> flush_writes(Duration timeout);

    /// Waits until at least `count` connected peers subscribe to `topic`; false on timeout.
    Task<bool> wait_for_peers(const TopicId& topic, std::size_t count, Duration timeout);

    Router& router() noexcept { return *router_; }
    const PubSubConfig& config() const noexcept { return config_; }
    RouterKind kind() const noexcept { return config_.router; }
    /// Frames dropped for peers whose queue was full (slow peers).
    std::uint64_t dropped_frames() const noexcept { return dropped_frames_; }

  private:
    struct Link;
    friend class Subscription;

    static Task<void> serve_if_alive(PubSub* self, std::shared_ptr<bool> alive, Stream stream);
    Task<void> serve_inbound(Stream stream);
    Task<void> read_loop(const PeerId& peer, BufferedStream& io);
    Direction direction_of(const PeerId& peer) const;
    Task<void> write_loop(PeerId peer);
    Task<void> heartbeat_loop();
    Task<void> scan_loop();
    Task<void> validate(ValidationRequest request);
    /// Waits for `notifier` up to `left`; false on timeout.
    static Task<bool> wait_for(Notifier& notifier, Duration left);
    void scan_connections();
    Link& ensure_link(const PeerId& peer);
    void add_to_router(const PeerId& peer, const std::string& protocol);
    void close_link(const PeerId& peer);
    void flush();
    void enqueue(const PeerId& peer, Rpc rpc);
    void deliver(const Delivery& delivery);
    void unsubscribe(const std::shared_ptr<Subscription::State>& state);
    void join_topic(const TopicId& topic);
    void leave_topic_if_unused(const TopicId& topic);
    TimePoint now() const { return Clock::now(); }

    Host& host_;
    PubSubConfig config_;
    std::unique_ptr<Router> router_;
    MessageAuthor author_;
    std::vector<std::string> protocols_;
    PeerMap<std::unique_ptr<Link>> links_;
    // Connections we opened (or tried to open) a stream on; the weak pointer tells a reused address.
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> tried_;
    StringMap<std::vector<std::shared_ptr<Subscription::State>>> subscriptions_;
    StringMap<std::size_t> relays_;
    StringMap<std::vector<Validator>> validators_;
    TaskGroup tasks_;
    Notifier changed_;  // peers or subscriptions changed (wait_for_peers)
    Notifier readers_;  // an inbound reader ended
    Notifier written_;  // a writer finished a write, or ended
    std::size_t active_readers_{0};
    std::vector<std::pair<PeerId, ByteStream*>> inbound_streams_;
    std::shared_ptr<bool> alive_{std::make_shared<bool>(true)};  // checked by handlers the host holds
    std::uint64_t dropped_frames_{0};
    bool started_{false};
    bool stopping_{false};
};

}  // namespace kitsunet::p2p::pubsub
