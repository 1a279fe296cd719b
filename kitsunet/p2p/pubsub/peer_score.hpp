#pragma once
/// gossipsub v1.1 peer scoring: the counters behind P₁–P₄ and P₇ per peer and topic, their
/// decay, and the score. The router reports events (graft, prune, message validated, delivered,
/// duplicated, rejected, penalties); scores are computed on demand. Delivery records (which peers
/// delivered a message while it was being validated) live for the seen TTL, so that near-first
/// deliveries count for P₃ and duplicates of an invalid message count for P₄.
/// Bounded: topic counters only for scored topics a peer is in; disconnected peers retained for
/// retain_score and at most max_retained_peers. Thread-safety: none.
#include <deque>

#include "kitsunet/p2p/pubsub/peer_score_params.hpp"
#include "kitsunet/p2p/pubsub/seen_cache.hpp"

namespace kitsunet::p2p::pubsub {

/// Why a message was rejected: signature failures are the forwarder's alone; a validator's
/// rejection also counts against the peers that delivered duplicates while it was validated.
enum class RejectReason : std::uint8_t { kSignature, kValidator };

class PeerScore {
  public:
    PeerScore(PeerScoreParams params, Duration delivery_record_ttl, std::size_t max_records);

    void add_peer(const PeerId& peer);
    void remove_peer(const PeerId& peer, TimePoint now);
    void graft(const PeerId& peer, const TopicId& topic, TimePoint now);
    void prune(const PeerId& peer, const TopicId& topic);

    /// A message seen for the first time, now being validated.
    void validate_message(const PeerId& from, const MessageId& id, TimePoint now);
    /// The message from `from` passed validation.
    void deliver_message(const PeerId& from, const MessageId& id, const TopicId& topic, TimePoint now);
    void reject_message(const PeerId& from, const MessageId& id, const TopicId& topic, RejectReason reason,
                        TimePoint now);
    /// Validation decided to ignore the message: no penalty for anyone.
    void ignore_message(const MessageId& id);
    /// `from` sent a message we had already seen.
    void duplicate_message(const PeerId& from, const MessageId& id, const TopicId& topic, TimePoint now);
    /// P₇: adds `count` to the peer's behaviour penalty counter.
    void add_penalty(const PeerId& peer, double count);

    /// Decays the counters when a decay interval has passed; call at every heartbeat.
    void refresh(TimePoint now);

    double score(const PeerId& peer) const;
    std::size_t tracked_peers() const noexcept { return peers_.size(); }
    const PeerScoreParams& params() const noexcept { return params_; }

  private:
    struct TopicStats {
        bool in_mesh{false};
        TimePoint graft_time{};
        Duration mesh_time{};
        double first_message_deliveries{0};
        double mesh_message_deliveries{0};
        bool mesh_message_deliveries_active{false};
        double mesh_failure_penalty{0};
        double invalid_message_deliveries{0};
    };
    struct PeerStats {
        bool connected{true};
        TimePoint expire{};
        StringMap<TopicStats> topics;
        double behaviour_penalty{0};
    };
    enum class Status : std::uint8_t { kValidating, kValid, kInvalid, kIgnored };
    struct DeliveryRecord {
        Status status{Status::kValidating};
        TimePoint validated{};
        PeerSet peers;  // peers that delivered it (first one included)
    };

    /// The stats of `topic` for `peer`, or nullptr when the topic is unscored or the peer unknown.
    TopicStats* stats(const PeerId& peer, const TopicId& topic);
    double topic_score(const TopicStats& s, const TopicScoreParams& p) const;
    void mark_first_delivery(const PeerId& peer, const TopicId& topic);
    void mark_duplicate_delivery(const PeerId& peer, const TopicId& topic, std::optional<TimePoint> validated,
                                 TimePoint now);
    void mark_invalid_delivery(const PeerId& peer, const TopicId& topic);
    void decay(PeerStats& peer, TimePoint now);
    void drop_expired(TimePoint now);

    PeerScoreParams params_;
    PeerMap<PeerStats> peers_;
    std::deque<std::pair<TimePoint, PeerId>> retained_;  // disconnected peers, oldest first
    TimedCache<DeliveryRecord> deliveries_;
    TimePoint last_decay_{};
};

}  // namespace kitsunet::p2p::pubsub
