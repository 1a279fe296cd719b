#include "kitsunet/p2p/pubsub/peer_score.hpp"

#include <algorithm>

namespace kitsunet::p2p::pubsub {

PeerScore::PeerScore(PeerScoreParams params, Duration delivery_record_ttl, std::size_t max_records)
    : params_(std::move(params)), deliveries_(delivery_record_ttl, max_records) {}

void PeerScore::add_peer(const PeerId& peer) {
    auto& s = peers_[peer];  // a retained peer gets its old counters back
    s.connected = true;
}

void PeerScore::remove_peer(const PeerId& peer, TimePoint now) {
    const auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    // A peer that leaves in good standing is forgotten; a negative score is kept, so that
    // reconnecting does not clear it.
    if (score(peer) > 0) {
        peers_.erase(it);
        return;
    }
    auto& s = it->second;
    for (auto& [topic, ts] : s.topics) {
        if (ts.in_mesh) prune(peer, topic);
        ts.first_message_deliveries = 0;
    }
    s.connected = false;
    s.expire = now + params_.retain_score;
    retained_.emplace_back(s.expire, peer);
    drop_expired(now);
}

PeerScore::TopicStats* PeerScore::stats(const PeerId& peer, const TopicId& topic) {
    if (!params_.topic(topic)) return nullptr;
    const auto it = peers_.find(peer);
    return it == peers_.end() ? nullptr : &it->second.topics[topic];
}

void PeerScore::graft(const PeerId& peer, const TopicId& topic, TimePoint now) {
    auto* s = stats(peer, topic);
    if (!s) return;
    s->in_mesh = true;
    s->graft_time = now;
    s->mesh_time = {};
    s->mesh_message_deliveries_active = false;
}

void PeerScore::prune(const PeerId& peer, const TopicId& topic) {
    auto* s = stats(peer, topic);
    if (!s) return;
    const auto* p = params_.topic(topic);
    // P₃b: a peer pruned while under its delivery threshold keeps the deficit as a sticky penalty.
    if (s->mesh_message_deliveries_active &&
        s->mesh_message_deliveries < p->mesh_message_deliveries_threshold) {
        const double deficit = p->mesh_message_deliveries_threshold - s->mesh_message_deliveries;
        s->mesh_failure_penalty += deficit * deficit;
    }
    // P₃ measures mesh peers only; outside the mesh P₃b carries the history.
    s->in_mesh = false;
    s->mesh_message_deliveries_active = false;
}

void PeerScore::validate_message(const PeerId& from, const MessageId& id, TimePoint now) {
    auto [record, inserted] = deliveries_.insert(id, now);
    if (inserted) record->peers.insert(from);
}

void PeerScore::deliver_message(const PeerId& from, const MessageId& id, const TopicId& topic,
                                TimePoint now) {
    mark_first_delivery(from, topic);
    auto* record = deliveries_.find(id);
    if (!record || record->status != Status::kValidating) return;
    record->status = Status::kValid;
    record->validated = now;
    // Peers that delivered it while it was being validated were as fast as we could tell.
    for (const auto& peer : record->peers) {
        if (peer != from) mark_duplicate_delivery(peer, topic, std::nullopt, now);
    }
}

void PeerScore::reject_message(const PeerId& from, const MessageId& id, const TopicId& topic,
                               RejectReason reason, TimePoint) {
    if (reason == RejectReason::kSignature) {
        mark_invalid_delivery(from, topic);
        return;
    }
    auto* record = deliveries_.find(id);
    if (!record) {
        mark_invalid_delivery(from, topic);
        return;
    }
    if (record->status != Status::kValidating) return;
    record->status = Status::kInvalid;
    record->peers.insert(from);
    for (const auto& peer : record->peers) mark_invalid_delivery(peer, topic);
}

void PeerScore::ignore_message(const MessageId& id) {
    if (auto* record = deliveries_.find(id); record && record->status == Status::kValidating) {
        record->status = Status::kIgnored;
    }
}

void PeerScore::duplicate_message(const PeerId& from, const MessageId& id, const TopicId& topic,
                                  TimePoint now) {
    auto* record = deliveries_.find(id);
    if (!record || !record->peers.insert(from).second) return;
    switch (record->status) {
        case Status::kValidating:
            break;  // counted when validation ends
        case Status::kValid:
            mark_duplicate_delivery(from, topic, record->validated, now);
            break;
        case Status::kInvalid:
            mark_invalid_delivery(from, topic);
            break;
        case Status::kIgnored:
            break;
    }
}

void PeerScore::add_penalty(const PeerId& peer, double count) {
    if (const auto it = peers_.find(peer); it != peers_.end()) it->second.behaviour_penalty += count;
}

void PeerScore::mark_first_delivery(const PeerId& peer, const TopicId& topic) {
    auto* s = stats(peer, topic);
    if (!s) return;
    const auto* p = params_.topic(topic);
    s->first_message_deliveries = std::min(s->first_message_deliveries + 1, p->first_message_deliveries_cap);
    if (s->in_mesh)
        s->mesh_message_deliveries = std::min(s->mesh_message_deliveries + 1, p->mesh_message_deliveries_cap);
}

void PeerScore::mark_duplicate_delivery(const PeerId& peer, const TopicId& topic,
                                        std::optional<TimePoint> validated, TimePoint now) {
    auto* s = stats(peer, topic);
    if (!s || !s->in_mesh) return;
    const auto* p = params_.topic(topic);
    // Near-first: during validation, or within the window after it.
    if (validated && now - *validated > p->mesh_message_deliveries_window) return;
    s->mesh_message_deliveries = std::min(s->mesh_message_deliveries + 1, p->mesh_message_deliveries_cap);
}

void PeerScore::mark_invalid_delivery(const PeerId& peer, const TopicId& topic) {
    if (auto* s = stats(peer, topic)) s->invalid_message_deliveries += 1;
}

double PeerScore::topic_score(const TopicStats& s, const TopicScoreParams& p) const {
    double score = 0;
    if (s.in_mesh) {
        const double quanta = std::chrono::duration<double>(s.mesh_time) /
                              std::chrono::duration<double>(p.time_in_mesh_quantum);
        score += std::min(quanta, p.time_in_mesh_cap) * p.time_in_mesh_weight;
    }
    score += s.first_message_deliveries * p.first_message_deliveries_weight;
    if (s.mesh_message_deliveries_active && s.mesh_message_deliveries < p.mesh_message_deliveries_threshold) {
        const double deficit = p.mesh_message_deliveries_threshold - s.mesh_message_deliveries;
        score += deficit * deficit * p.mesh_message_deliveries_weight;
    }
    score += s.mesh_failure_penalty * p.mesh_failure_penalty_weight;
    score +=
        s.invalid_message_deliveries * s.invalid_message_deliveries * p.invalid_message_deliveries_weight;
    return score * p.topic_weight;
}

double PeerScore::score(const PeerId& peer) const {
    const auto it = peers_.find(peer);
    if (it == peers_.end()) return 0;
    const auto& s = it->second;
    double score = 0;
    for (const auto& [topic, ts] : s.topics) {
        if (const auto* p = params_.topic(topic)) score += topic_score(ts, *p);
    }
    if (params_.topic_score_cap > 0) score = std::min(score, params_.topic_score_cap);
    if (params_.app_specific_score) score += params_.app_specific_score(peer) * params_.app_specific_weight;
    const double excess = s.behaviour_penalty - params_.behaviour_penalty_threshold;
    if (excess > 0) score += excess * excess * params_.behaviour_penalty_weight;
    return score;
}

void PeerScore::decay(PeerStats& peer, TimePoint now) {
    const auto decayed = [this](double v, double factor) {
        v *= factor;
        return v < params_.decay_to_zero ? 0.0 : v;
    };
    for (auto& [topic, s] : peer.topics) {
        const auto* p = params_.topic(topic);
        if (!p) continue;
        s.first_message_deliveries = decayed(s.first_message_deliveries, p->first_message_deliveries_decay);
        s.mesh_message_deliveries = decayed(s.mesh_message_deliveries, p->mesh_message_deliveries_decay);
        s.mesh_failure_penalty = decayed(s.mesh_failure_penalty, p->mesh_failure_penalty_decay);
        s.invalid_message_deliveries =
            decayed(s.invalid_message_deliveries, p->invalid_message_deliveries_decay);
        if (s.in_mesh) {
            s.mesh_time = now - s.graft_time;
            if (s.mesh_time > p->mesh_message_deliveries_activation) s.mesh_message_deliveries_active = true;
        }
    }
    peer.behaviour_penalty = decayed(peer.behaviour_penalty, params_.behaviour_penalty_decay);
}

void PeerScore::drop_expired(TimePoint now) {
    while (!retained_.empty() &&
           (retained_.front().first <= now || retained_.size() > params_.max_retained_peers)) {
        const auto [expire, peer] = retained_.front();
        retained_.pop_front();
        const auto it = peers_.find(peer);
        if (it != peers_.end() && !it->second.connected && it->second.expire == expire) peers_.erase(it);
    }
}

void PeerScore::refresh(TimePoint now) {
    drop_expired(now);
    if (now - last_decay_ < params_.decay_interval) return;
    last_decay_ = now;
    for (auto& [peer, stats] : peers_) decay(stats, now);
}

}  // namespace kitsunet::p2p::pubsub
