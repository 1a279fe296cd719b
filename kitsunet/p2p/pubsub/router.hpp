#pragma once
/// The common machinery of every pubsub router, as a sans-I/O state machine: the driver (the
/// pubsub service, or a simulated network in tests) feeds it events — a peer connected or
/// disconnected with the protocol it negotiated, an RPC received, a heartbeat tick, a local
/// join/leave/publish, an asynchronous validation finished — each with the current time, and then
/// takes the Outbox: the RPCs to send (one per peer), the messages for local subscribers, the
/// validations to run, and the peers to disconnect or dial.
///
/// The message pipeline, the same for every router: a message for a topic we have not joined is
/// dropped; then its id (RouterConfig::message_id); a seen id is a duplicate; then the signature
/// policy (a failure counts against the peer that forwarded it, and the id is *not* marked seen,
/// so that a forgery cannot censor the real message); then the id is marked seen and, where the
/// topic has validators, the message waits for complete_validation(); an accepted message is
/// delivered locally and forwarded as the router decides; a rejected one counts against the
/// forwarding peer; an ignored one is dropped.
///
/// Per-peer state is bounded: topics per peer (RouterConfig::max_topics_per_peer), pending
/// validations, and whatever each router adds. Thread-safety: none; one driver.
#include <cstdint>
#include <expected>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <vector>

#include "kitsunet/p2p/pubsub/message_id.hpp"
#include "kitsunet/p2p/pubsub/seen_cache.hpp"
#include "kitsunet/p2p/pubsub/signing.hpp"
#include "kitsunet/p2p/pubsub/types.hpp"

namespace kitsunet::p2p::pubsub {

namespace protocol {
inline constexpr std::string_view kFloodsub = "/floodsub/1.0.0";
inline constexpr std::string_view kMeshsub10 = "/meshsub/1.0.0";
inline constexpr std::string_view kMeshsub11 = "/meshsub/1.1.0";
inline constexpr std::string_view kMeshsub12 = "/meshsub/1.2.0";
inline constexpr std::string_view kMulticast = "/kitsunet/multicast/1.0.0";
}  // namespace protocol

enum class Direction : std::uint8_t { kInbound, kOutbound };

struct RouterConfig {
    SignaturePolicy signature_policy{SignaturePolicy::kStrictSign};
    MessageIdFn message_id{public_key_seqno_id};
    Duration seen_ttl{std::chrono::minutes(2)};
    std::size_t seen_capacity{1 << 20};
    /// The largest encoded RPC (and so message) sent or accepted.
    std::size_t max_message_size{1 << 20};
    std::size_t max_topics_per_peer{1000};
    std::size_t max_pending_validations{8192};
    /// Deliver our own published messages to our own subscribers.
    bool deliver_own{false};
    /// Seed of the router's randomness (peer selection); tests fix it.
    std::uint64_t seed{std::random_device{}()};
};

/// A message inside the pipeline, with what the router learned about it.
struct Received {
    MessagePtr message;
    MessageId id;
    std::optional<PeerId> source;  // the peer that sent it to us; none for our own
    std::optional<PeerId> author;  // the verified `from` (StrictSign)
};

struct Delivery {
    MessagePtr message;
    MessageId id;
    std::optional<PeerId> source;
};

struct ValidationRequest {
    std::uint64_t ticket{0};
    MessagePtr message;
    MessageId id;
    PeerId source;
};

/// What the driver must do after an event.
struct Outbox {
    std::vector<std::pair<PeerId, Rpc>> rpcs;  // at most one per peer
    std::vector<Delivery> deliveries;
    std::vector<ValidationRequest> validations;
    std::vector<PeerId> disconnect;
    std::vector<PeerInfo> dial;  // peer exchange candidates

    /// The RPC being built for `peer` (created on first use).
    Rpc& to(const PeerId& peer);
    bool empty() const noexcept;

  private:
    friend class Router;
    PeerMap<std::size_t> index_;
};

/// Kinds of misbehaviour a router reacts to (a penalty, or a disconnect).
enum class Misbehaviour : std::uint8_t {
    kBadRpc,          // undecodable or oversized frame
    kTooManyTopics,   // subscribed to more than max_topics_per_peer topics
    kInvalidMessage,  // a message without topic, or oversized
};

/// Counters since the router started (benchmarks, logs).
struct RouterStats {
    std::uint64_t received{0};    // message copies received from peers
    std::uint64_t duplicates{0};  // of which already seen
    std::uint64_t invalid{0};     // refused: signature, validators, size
    std::uint64_t delivered{0};   // handed to local subscribers
};

enum class PublishError : std::uint8_t {
    kNotAllowed,  // the message does not satisfy our own signature policy
    kTooLarge,    // larger than max_message_size
    kDuplicate,   // already seen
};

class Router {
  public:
    explicit Router(RouterConfig config);
    virtual ~Router() = default;
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    /// The protocols this router speaks, preferred first.
    virtual std::span<const std::string_view> protocols() const noexcept = 0;

    // ---- events ----
    /// A peer we have a stream with; `protocol` is what it negotiated (one of protocols()).
    void add_peer(const PeerId& peer, std::string_view protocol, Direction direction, TimePoint now);
    void remove_peer(const PeerId& peer, TimePoint now);
    void handle_rpc(const PeerId& from, const Rpc& rpc, TimePoint now);
    /// A frame from `from` that could not be decoded, or was too large.
    void handle_bad_rpc(const PeerId& from, TimePoint now);
    void heartbeat(TimePoint now);
    void join(const TopicId& topic, TimePoint now);
    void leave(const TopicId& topic, TimePoint now);
    /// Publishes our own message (built by MessageAuthor); returns its id.
    std::expected<MessageId, PublishError> publish(MessagePtr message, TimePoint now);
    /// Whether messages on `topic` wait for complete_validation() (the driver has validators).
    void set_validated(const TopicId& topic, bool validated);
    void complete_validation(std::uint64_t ticket, ValidationResult result, TimePoint now);

    /// Moves out what the events since the last call asked for.
    Outbox take_outbox();

    // ---- observations ----
    bool has_peer(const PeerId& peer) const noexcept { return peers_.contains(peer); }
    std::size_t peer_count() const noexcept { return peers_.size(); }
    std::vector<PeerId> peers() const;
    /// Connected peers subscribed to `topic`.
    std::vector<PeerId> topic_peers(const TopicId& topic) const;
    std::size_t topic_count(const PeerId& peer) const noexcept;
    bool joined(std::string_view topic) const noexcept { return joined_.contains(topic); }
    const StringSet& joined_topics() const noexcept { return joined_; }
    std::size_t pending_validations() const noexcept { return pending_.size(); }
    std::size_t seen_size() const noexcept { return seen_.size(); }
    const RouterStats& stats() const noexcept { return stats_; }
    /// The peer's score (gossipsub); 0 where the router does not score.
    virtual double score(const PeerId& peer) const { return (void)peer, 0.0; }

  protected:
    struct PeerState {
        std::string protocol;
        Direction direction{Direction::kInbound};
        StringSet topics;
    };

    // ---- hooks for the routers ----
    virtual void on_peer_added(const PeerId&, TimePoint) {}
    virtual void on_peer_removed(const PeerId&, TimePoint) {}
    virtual void on_peer_joined(const PeerId&, const TopicId&, TimePoint) {}
    virtual void on_peer_left(const PeerId&, const TopicId&, TimePoint) {}
    virtual void on_joined(const TopicId&, TimePoint) {}
    virtual void on_left(const TopicId&, TimePoint) {}
    /// Whether to process RPCs from `peer` at all (gossipsub's graylist).
    virtual bool accepts_from(const PeerId&) const { return true; }
    virtual void on_control(const PeerId&, const ControlMessage&, TimePoint) {}
    /// Default: disconnect the peer.
    virtual void on_misbehaviour(const PeerId& peer, Misbehaviour what, TimePoint now);
    /// A message that failed the signature policy (not marked seen).
    virtual void on_invalid_signature(const PeerId&, const Message&, TimePoint) {}
    /// A new message, before validation.
    virtual void on_first_seen(const Received&, TimePoint) {}
    /// A new message that waits for asynchronous validation (after on_first_seen).
    virtual void on_validation_pending(const Received&, TimePoint) {}
    /// A message seen before (possibly still being validated).
    virtual void on_duplicate(const PeerId&, const Message&, const MessageId&, TimePoint) {}
    /// The outcome of validating a received message.
    virtual void on_validated(const Received&, ValidationResult, TimePoint) {}
    /// An accepted message from a peer: send it on.
    virtual void forward(const Received& m, TimePoint now) = 0;
    /// Our own message: send it out.
    virtual void publish_out(const Received& m, TimePoint now) = 0;
    virtual void on_heartbeat(TimePoint) {}

    // ---- for the routers ----
    Outbox& out() noexcept { return outbox_; }
    const RouterConfig& config() const noexcept { return config_; }
    const PeerState* peer_state(const PeerId& peer) const noexcept;
    /// Connected peers subscribed to `topic`, or nullptr.
    const PeerSet* subscribers(std::string_view topic) const noexcept;
    std::mt19937_64& rng() noexcept { return rng_; }
    bool has_seen(std::string_view id) const noexcept { return seen_.contains(id); }
    /// Whether `m` may go to `peer`: never back to where it came from, nor to its author.
    static bool may_send(const PeerId& peer, const Received& m) noexcept {
        return peer != m.source && peer != m.author;
    }
    /// Appends `m` to the RPC for `peer`.
    void send_message(const PeerId& peer, const MessagePtr& m) { out().to(peer).messages.push_back(m); }
    /// Announces our subscription change to one peer.
    void send_subscription(const PeerId& peer, const TopicId& topic, bool subscribe);

  private:
    /// False when the subscription would exceed max_topics_per_peer (it is then ignored).
    bool handle_subscription(const PeerId& from, PeerState& state, const SubOpts& sub, TimePoint now);
    void receive(const PeerId& from, const MessagePtr& m, TimePoint now);
    void finish(const Received& m, ValidationResult result, TimePoint now);

    RouterConfig config_;
    std::mt19937_64 rng_;
    PeerMap<PeerState> peers_;
    StringMap<PeerSet> topics_;  // topic -> connected peers subscribed to it
    StringSet joined_;
    StringSet validated_topics_;
    SeenCache seen_;
    std::unordered_map<std::uint64_t, Received> pending_;
    std::uint64_t next_ticket_{1};
    Outbox outbox_;
    RouterStats stats_;
};

}  // namespace kitsunet::p2p::pubsub
