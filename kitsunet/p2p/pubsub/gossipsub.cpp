#include "kitsunet/p2p/pubsub/gossipsub.hpp"

#include <algorithm>

namespace kitsunet::p2p::pubsub {

namespace {

constexpr std::string_view kProtocols[] = {protocol::kMeshsub12, protocol::kMeshsub11, protocol::kMeshsub10,
                                           protocol::kFloodsub};

}  // namespace

GossipsubRouter::GossipsubRouter(GossipsubConfig gossip, RouterConfig config)
    : Router(std::move(config)),
      gossip_(std::move(gossip)),
      score_(gossip_.score, this->config().seen_ttl, this->config().seen_capacity),
      mcache_(gossip_.history_length, gossip_.history_gossip) {}

std::span<const std::string_view> GossipsubRouter::protocols() const noexcept { return kProtocols; }

std::vector<PeerId> GossipsubRouter::mesh_peers(const TopicId& topic) const {
    const auto it = mesh_.find(topic);
    return it == mesh_.end() ? std::vector<PeerId>{}
                             : std::vector<PeerId>(it->second.begin(), it->second.end());
}

std::vector<PeerId> GossipsubRouter::fanout_peers(const TopicId& topic) const {
    const auto it = fanout_.find(topic);
    return it == fanout_.end() ? std::vector<PeerId>{}
                               : std::vector<PeerId>(it->second.begin(), it->second.end());
}

bool GossipsubRouter::in_backoff(const TopicId& topic, const PeerId& peer, TimePoint now) const {
    const auto t = backoff_.find(topic);
    if (t == backoff_.end()) return false;
    const auto p = t->second.find(peer);
    return p != t->second.end() && p->second > now;
}

GossipsubRouter::PeerStateSizes GossipsubRouter::state_sizes(const PeerId& peer) const {
    PeerStateSizes sizes;
    if (const auto it = gossip_peers_.find(peer); it != gossip_peers_.end())
        sizes.idontwant = it->second.idontwant.size();
    for (const auto& [id, advertisers] : promises_) sizes.promises += advertisers.count(peer);
    return sizes;
}

GossipsubRouter::Kind GossipsubRouter::kind(const PeerId& peer) const {
    const auto it = gossip_peers_.find(peer);
    return it == gossip_peers_.end() ? Kind::kFloodsub : it->second.kind;
}

bool GossipsubRouter::is_mesh_capable(const PeerId& peer) const {
    return kind(peer) != Kind::kFloodsub && !gossip_.direct_peers.contains(peer);
}

bool GossipsubRouter::skips(const PeerId& peer, const MessageId& id) const {
    const auto it = gossip_peers_.find(peer);
    return it != gossip_peers_.end() && it->second.idontwant.contains(id);
}

// ---- peers and topics ----

void GossipsubRouter::on_peer_added(const PeerId& peer, TimePoint) {
    const auto* state = peer_state(peer);
    PeerGossip g;
    g.direction = state->direction;
    const std::string_view p = state->protocol;
    g.kind = p == protocol::kMeshsub12   ? Kind::kMeshsub12
             : p == protocol::kMeshsub11 ? Kind::kMeshsub11
             : p == protocol::kMeshsub10 ? Kind::kMeshsub10
                                         : Kind::kFloodsub;
    gossip_peers_[peer] = std::move(g);
    score_.add_peer(peer);
}

void GossipsubRouter::on_peer_removed(const PeerId& peer, TimePoint now) {
    for (auto& [topic, mesh] : mesh_) {
        if (mesh.erase(peer)) score_.prune(peer, topic);
    }
    for (auto& [topic, fanout] : fanout_) fanout.erase(peer);
    gossip_peers_.erase(peer);
    score_.remove_peer(peer, now);
}

void GossipsubRouter::on_peer_joined(const PeerId& peer, const TopicId& topic, TimePoint now) {
    // Graft at once while the mesh is short, rather than at the next heartbeat: a message
    // published in between would miss the new peer (mesh peers get no IHAVE for it later).
    const auto it = mesh_.find(topic);
    if (it == mesh_.end() || it->second.size() >= gossip_.d_lo || it->second.contains(peer)) return;
    if (!is_mesh_capable(peer) || backing_off(topic, peer, now) || score_.score(peer) < 0) return;
    it->second.insert(peer);
    graft_peer(peer, topic, now);
}

void GossipsubRouter::on_peer_left(const PeerId& peer, const TopicId& topic, TimePoint) {
    if (auto it = mesh_.find(topic); it != mesh_.end() && it->second.erase(peer)) score_.prune(peer, topic);
    if (auto it = fanout_.find(topic); it != fanout_.end()) it->second.erase(peer);
}

void GossipsubRouter::on_joined(const TopicId& topic, TimePoint now) {
    auto& mesh = mesh_[topic];
    // Start from the fanout peers we were already publishing to, then fill up to D.
    if (const auto it = fanout_.find(topic); it != fanout_.end()) {
        for (const auto& peer : it->second) {
            if (mesh.size() < gossip_.d && score_.score(peer) >= 0 && !backing_off(topic, peer, now))
                mesh.insert(peer);
        }
        fanout_.erase(it);
        fanout_last_publish_.erase(topic);
    }
    const auto more = select(topic, [&](const PeerId& p) {
        return !mesh.contains(p) && is_mesh_capable(p) && !backing_off(topic, p, now) && score_.score(p) >= 0;
    });
    for (const auto& peer : more) {
        if (mesh.size() >= gossip_.d) break;
        mesh.insert(peer);
    }
    for (const auto& peer : mesh) graft_peer(peer, topic, now);
}

void GossipsubRouter::on_left(const TopicId& topic, TimePoint now) {
    const auto it = mesh_.find(topic);
    if (it == mesh_.end()) return;
    const PeerSet mesh = std::move(it->second);
    mesh_.erase(it);
    for (const auto& peer : mesh) {
        score_.prune(peer, topic);
        prune_peer(peer, topic, true, true, now);
    }
}

bool GossipsubRouter::accepts_from(const PeerId& peer) const {
    return gossip_.direct_peers.contains(peer) || score_.score(peer) >= gossip_.thresholds.graylist;
}

void GossipsubRouter::on_misbehaviour(const PeerId& peer, Misbehaviour, TimePoint) {
    score_.add_penalty(peer, 1);
}

// ---- messages ----

void GossipsubRouter::on_invalid_signature(const PeerId& peer, const Message& m, TimePoint now) {
    score_.reject_message(peer, {}, m.topic, RejectReason::kSignature, now);
}

void GossipsubRouter::on_first_seen(const Received& m, TimePoint now) {
    promises_.erase(m.id);  // whoever advertised it kept their promise
    score_.validate_message(*m.source, m.id, now);
}

void GossipsubRouter::on_validation_pending(const Received& m, TimePoint) { send_idontwant(m); }

void GossipsubRouter::send_idontwant(const Received& m) {
    const auto& data = m.message->data;
    if (!data || data->size() < gossip_.idontwant_min_data_size) return;
    const auto it = mesh_.find(m.message->topic);
    if (it == mesh_.end()) return;
    for (const auto& peer : it->second) {
        if (peer == m.source || kind(peer) != Kind::kMeshsub12) continue;
        auto& control = out().to(peer).control;
        if (!control) control.emplace();
        if (control->idontwant.empty()) control->idontwant.emplace_back();
        control->idontwant.back().message_ids.push_back(m.id);
    }
}

void GossipsubRouter::on_duplicate(const PeerId& peer, const Message& m, const MessageId& id, TimePoint now) {
    score_.duplicate_message(peer, id, m.topic, now);
}

void GossipsubRouter::on_validated(const Received& m, ValidationResult result, TimePoint now) {
    switch (result) {
        case ValidationResult::kAccept:
            score_.deliver_message(*m.source, m.id, m.message->topic, now);
            break;
        case ValidationResult::kReject:
            score_.reject_message(*m.source, m.id, m.message->topic, RejectReason::kValidator, now);
            break;
        case ValidationResult::kIgnore:
            score_.ignore_message(m.id);
            break;
    }
}

void GossipsubRouter::forward(const Received& m, TimePoint) {
    mcache_.put(m.id, m.message);
    const auto& topic = m.message->topic;
    const auto send = [&](const PeerId& peer) {
        if (may_send(peer, m) && !skips(peer, m.id)) send_message(peer, m.message);
    };
    if (const auto it = mesh_.find(topic); it != mesh_.end()) {
        for (const auto& peer : it->second) send(peer);
    }
    // floodsub peers and direct peers get everything of their topics.
    if (const auto* peers = subscribers(topic)) {
        for (const auto& peer : *peers) {
            if (kind(peer) == Kind::kFloodsub || gossip_.direct_peers.contains(peer)) send(peer);
        }
    }
}

void GossipsubRouter::publish_out(const Received& m, TimePoint now) {
    mcache_.put(m.id, m.message);
    const auto& topic = m.message->topic;
    const auto* peers = subscribers(topic);
    if (!peers) return;
    const auto publishable = [&](const PeerId& p) {
        return gossip_.direct_peers.contains(p) || score_.score(p) >= gossip_.thresholds.publish;
    };
    if (gossip_.flood_publish) {
        for (const auto& peer : *peers) {
            if (publishable(peer)) send_message(peer, m.message);
        }
        return;
    }
    PeerSet targets;
    if (joined(topic)) {
        if (const auto it = mesh_.find(topic); it != mesh_.end()) targets = it->second;
    } else {
        auto& fanout = fanout_[topic];
        if (fanout.empty()) {
            for (const auto& p :
                 select(topic, [&](const PeerId& q) { return is_mesh_capable(q) && publishable(q); })) {
                if (fanout.size() >= gossip_.d) break;
                fanout.insert(p);
            }
        }
        fanout_last_publish_[topic] = now;
        targets = fanout;
    }
    for (const auto& peer : *peers) {
        if (kind(peer) == Kind::kFloodsub || gossip_.direct_peers.contains(peer)) targets.insert(peer);
    }
    for (const auto& peer : targets) send_message(peer, m.message);
}

}  // namespace kitsunet::p2p::pubsub
