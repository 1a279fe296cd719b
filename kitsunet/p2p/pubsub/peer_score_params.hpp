#pragma once
/// Peer scoring parameters (gossipsub v1.1, "Peer Scoring"). Score(p) = TopicCap(Σ_t w_t ·
/// (w₁P₁ + w₂P₂ + w₃P₃ + w₃bP₃b + w₄P₄)) + w₅P₅ + w₇P₇; P₆ (IP colocation) is not computed.
/// The defaults suit kitsunet's topics: low-rate (headers, slice deltas), so the delivery-rate
/// penalty P₃ is off unless a topic sets its expected rate; invalid messages (P₄) and
/// misbehaviour (P₇: broken IWANT promises, GRAFT floods, subscription floods, bad RPCs) are
/// penalised hard enough that a peer sending a few invalid messages is graylisted.
#include <chrono>
#include <functional>
#include <optional>

#include "kitsunet/p2p/pubsub/types.hpp"

namespace kitsunet::p2p::pubsub {

using namespace std::chrono_literals;

struct TopicScoreParams {
    double topic_weight{1.0};
    // P₁ time in mesh
    double time_in_mesh_weight{0.01};
    Duration time_in_mesh_quantum{1s};
    double time_in_mesh_cap{300};
    // P₂ first message deliveries
    double first_message_deliveries_weight{1.0};
    double first_message_deliveries_decay{0.9};
    double first_message_deliveries_cap{20};
    // P₃ mesh message delivery rate (off by default: weight 0)
    double mesh_message_deliveries_weight{0.0};
    double mesh_message_deliveries_decay{0.9};
    double mesh_message_deliveries_cap{100};
    double mesh_message_deliveries_threshold{1};
    Duration mesh_message_deliveries_window{10ms};
    Duration mesh_message_deliveries_activation{30s};
    // P₃b mesh failure penalty
    double mesh_failure_penalty_weight{0.0};
    double mesh_failure_penalty_decay{0.9};
    // P₄ invalid messages
    double invalid_message_deliveries_weight{-20.0};
    double invalid_message_deliveries_decay{0.99};
};

struct PeerScoreParams {
    /// Per-topic parameters; topics not listed use default_topic (unscored when it is empty).
    StringMap<TopicScoreParams> topics;
    std::optional<TopicScoreParams> default_topic{TopicScoreParams{}};
    /// Cap on the sum of the topic scores (0: none).
    double topic_score_cap{100};
    // P₅ application-specific
    std::function<double(const PeerId&)> app_specific_score;
    double app_specific_weight{1.0};
    // P₇ behaviour penalty
    double behaviour_penalty_weight{-10.0};
    double behaviour_penalty_threshold{0.0};
    double behaviour_penalty_decay{0.9};
    Duration decay_interval{1s};
    double decay_to_zero{0.01};
    /// How long the score of a disconnected peer is kept (a negative one cannot be reset by
    /// reconnecting). Retained peers are also capped in number.
    Duration retain_score{10min};
    std::size_t max_retained_peers{10000};

    const TopicScoreParams* topic(std::string_view t) const noexcept {
        const auto it = topics.find(t);
        if (it != topics.end()) return &it->second;
        return default_topic ? &*default_topic : nullptr;
    }
};

struct PeerScoreThresholds {
    double gossip{-10};             // below: no gossip to or from the peer
    double publish{-50};            // below: our own messages are not flood-published to it
    double graylist{-80};           // below: its RPCs are ignored
    double accept_px{10};           // at least: its peer exchange is followed
    double opportunistic_graft{5};  // median mesh score below: graft better peers
};

}  // namespace kitsunet::p2p::pubsub
