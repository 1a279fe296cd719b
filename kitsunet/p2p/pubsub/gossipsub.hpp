#pragma once
/// gossipsub (/meshsub/1.2.0, /meshsub/1.1.0, falling back to /meshsub/1.0.0; libp2p/specs
/// pubsub/gossipsub): per topic a mesh of D_lo..D_hi peers that carries full messages, gossip
/// (IHAVE/IWANT) about recent messages to D_lazy (or gossip_factor of the) other peers, fanout
/// for topics we publish to without joining, GRAFT/PRUNE with backoff and peer exchange, flood
/// publishing of our own messages, IDONTWANT for large messages (v1.2; sent while a message
/// waits for asynchronous validation — when validation is synchronous the message itself goes to
/// the mesh in the same RPC, which says as much), and v1.1 peer scoring
/// with the gossip / publish / graylist thresholds. floodsub peers are served as floodsub.
///
/// Bounded per-peer state: IHAVE messages and advertised ids per heartbeat (max_ihave_messages,
/// max_ihave_length), IWANT retransmissions per message (gossip_retransmission), IDONTWANT ids
/// per heartbeat (max_idontwant_messages, kept history_length heartbeats), topics per peer
/// (RouterConfig), backoff entries (expired every heartbeat), one IWANT promise per IHAVE.
/// Thread-safety: none.
#include <algorithm>
#include <optional>
#include <vector>

#include "kitsunet/p2p/pubsub/message_cache.hpp"
#include "kitsunet/p2p/pubsub/peer_score.hpp"
#include "kitsunet/p2p/pubsub/router.hpp"

namespace kitsunet::p2p::pubsub {

struct GossipsubConfig {
    std::size_t d{6};
    std::size_t d_lo{4};
    std::size_t d_hi{12};
    std::size_t d_lazy{6};
    std::size_t d_score{4};
    std::size_t d_out{2};
    double gossip_factor{0.25};
    std::size_t history_length{5};
    std::size_t history_gossip{3};
    Duration heartbeat_interval{1s};
    Duration fanout_ttl{60s};
    Duration prune_backoff{60s};
    Duration unsubscribe_backoff{10s};
    std::size_t backoff_slack_heartbeats{1};
    Duration graft_flood_threshold{10s};
    bool flood_publish{true};
    /// Send peer exchange with PRUNE (peer ids; no signed records).
    bool do_px{true};
    std::size_t prune_peers{16};
    std::size_t opportunistic_graft_ticks{60};
    std::size_t opportunistic_graft_peers{2};
    std::size_t max_ihave_length{5000};
    std::size_t max_ihave_messages{10};
    unsigned gossip_retransmission{3};
    Duration iwant_followup_time{3s};
    /// Messages with at least this many data bytes trigger IDONTWANT to the mesh (v1.2).
    std::size_t idontwant_min_data_size{512};
    std::size_t max_idontwant_messages{512};
    /// Peers we always forward to, never mesh with (explicit peering).
    PeerSet direct_peers;
    PeerScoreParams score;
    PeerScoreThresholds thresholds;
};

class GossipsubRouter final : public Router {
  public:
    explicit GossipsubRouter(GossipsubConfig gossip = {}, RouterConfig config = {});

    std::span<const std::string_view> protocols() const noexcept override;

    double score(const PeerId& peer) const override { return score_.score(peer); }
    std::vector<PeerId> mesh_peers(const TopicId& topic) const;
    std::vector<PeerId> fanout_peers(const TopicId& topic) const;
    bool in_backoff(const TopicId& topic, const PeerId& peer, TimePoint now) const;
    const GossipsubConfig& gossip_config() const noexcept { return gossip_; }
    /// Sizes of the bounded per-peer state, for tests of the bounds.
    struct PeerStateSizes {
        std::size_t idontwant{0};
        std::size_t promises{0};
    };
    PeerStateSizes state_sizes(const PeerId& peer) const;
    std::size_t cached_messages() const noexcept { return mcache_.size(); }

  protected:
    void on_peer_added(const PeerId& peer, TimePoint now) override;
    void on_peer_removed(const PeerId& peer, TimePoint now) override;
    void on_peer_joined(const PeerId& peer, const TopicId& topic, TimePoint now) override;
    void on_peer_left(const PeerId& peer, const TopicId& topic, TimePoint now) override;
    void on_joined(const TopicId& topic, TimePoint now) override;
    void on_left(const TopicId& topic, TimePoint now) override;
    bool accepts_from(const PeerId& peer) const override;
    void on_control(const PeerId& peer, const ControlMessage& control, TimePoint now) override;
    void on_misbehaviour(const PeerId& peer, Misbehaviour what, TimePoint now) override;
    void on_invalid_signature(const PeerId& peer, const Message& m, TimePoint now) override;
    void on_first_seen(const Received& m, TimePoint now) override;
    void on_validation_pending(const Received& m, TimePoint now) override;
    void on_duplicate(const PeerId& peer, const Message& m, const MessageId& id, TimePoint now) override;
    void on_validated(const Received& m, ValidationResult result, TimePoint now) override;
    void forward(const Received& m, TimePoint now) override;
    void publish_out(const Received& m, TimePoint now) override;
    void on_heartbeat(TimePoint now) override;

  private:
    enum class Kind : std::uint8_t { kFloodsub, kMeshsub10, kMeshsub11, kMeshsub12 };
    struct PeerGossip {
        Kind kind{Kind::kMeshsub12};
        Direction direction{Direction::kInbound};
        std::size_t ihaves{0};               // IHAVE messages this heartbeat
        std::size_t asked{0};                // ids we asked for with IWANT this heartbeat
        std::size_t idontwants{0};           // IDONTWANT ids this heartbeat
        StringMap<std::uint64_t> idontwant;  // id -> heartbeat tick it arrived
    };
    using Candidates = std::vector<PeerId>;

    // gossipsub.cpp: peers, messages
    bool is_mesh_capable(const PeerId& peer) const;
    Kind kind(const PeerId& peer) const;
    bool skips(const PeerId& peer, const MessageId& id) const;
    /// Whether we may not graft `peer` yet: its backoff, extended by backoff_slack_heartbeats
    /// (the peer clears its side only at its own heartbeat), has not passed.
    bool backing_off(const TopicId& topic, const PeerId& peer, TimePoint now) const {
        return in_backoff(
            topic, peer,
            now - gossip_.heartbeat_interval * static_cast<int>(gossip_.backoff_slack_heartbeats));
    }
    void send_idontwant(const Received& m);
    /// Topic peers passing `pred`, shuffled (sorted first, so that a seed fixes the order).
    template <class Pred>
    Candidates select(std::string_view topic, Pred pred) {
        Candidates out;
        if (const auto* peers = subscribers(topic)) {
            for (const auto& peer : *peers) {
                if (pred(peer)) out.push_back(peer);
            }
        }
        std::ranges::sort(out);
        std::ranges::shuffle(out, rng());
        return out;
    }

    // gossipsub_control.cpp
    void handle_ihave(const PeerId& peer, const std::vector<ControlIHave>& ihaves, TimePoint now);
    void handle_iwant(const PeerId& peer, const std::vector<ControlIWant>& iwants);
    void handle_graft(const PeerId& peer, const std::vector<ControlGraft>& grafts, TimePoint now);
    void handle_prune(const PeerId& peer, const std::vector<ControlPrune>& prunes, TimePoint now);
    void handle_idontwant(const PeerId& peer, const std::vector<ControlIDontWant>& idontwants);
    void graft_peer(const PeerId& peer, const TopicId& topic, TimePoint now);
    /// Sends a PRUNE for `topic` (with backoff and, if `px`, peer exchange) and backs off.
    void prune_peer(const PeerId& peer, const TopicId& topic, bool px, bool unsubscribe, TimePoint now);
    void add_backoff(const TopicId& topic, const PeerId& peer, Duration backoff, TimePoint now);

    // gossipsub_heartbeat.cpp
    void maintain_mesh(const TopicId& topic, PeerSet& mesh, TimePoint now);
    void shrink_mesh(const TopicId& topic, PeerSet& mesh, TimePoint now);
    void opportunistic_graft(const TopicId& topic, PeerSet& mesh, TimePoint now);
    void maintain_fanout(TimePoint now);
    void emit_gossip(const TopicId& topic, const PeerSet& exclude, const std::vector<MessageId>& ids);
    void apply_broken_promises(TimePoint now);
    void expire_backoffs(TimePoint now);
    void expire_idontwants();

    GossipsubConfig gossip_;
    PeerScore score_;
    MessageCache mcache_;
    PeerMap<PeerGossip> gossip_peers_;
    StringMap<PeerSet> mesh_;
    StringMap<PeerSet> fanout_;
    StringMap<TimePoint> fanout_last_publish_;
    StringMap<PeerMap<TimePoint>> backoff_;
    StringMap<PeerMap<TimePoint>> promises_;  // message id -> advertiser -> deadline
    std::uint64_t ticks_{0};
};

}  // namespace kitsunet::p2p::pubsub
