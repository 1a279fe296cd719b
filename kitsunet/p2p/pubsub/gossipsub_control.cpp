// gossipsub control messages: IHAVE, IWANT, GRAFT, PRUNE, IDONTWANT.
#include <algorithm>

#include "kitsunet/p2p/pubsub/gossipsub.hpp"

namespace kitsunet::p2p::pubsub {

namespace {

ControlMessage& control_of(Rpc& rpc) { return rpc.control ? *rpc.control : rpc.control.emplace(); }

std::uint64_t seconds(Duration d) {
    return static_cast<std::uint64_t>(std::chrono::ceil<std::chrono::seconds>(d).count());
}

}  // namespace

void GossipsubRouter::on_control(const PeerId& peer, const ControlMessage& control, TimePoint now) {
    if (kind(peer) == Kind::kFloodsub) return;
    // Gossip from and to peers below the gossip threshold is ignored; mesh control still counts.
    if (score_.score(peer) >= gossip_.thresholds.gossip) {
        handle_ihave(peer, control.ihave, now);
        handle_iwant(peer, control.iwant);
    }
    handle_graft(peer, control.graft, now);
    handle_prune(peer, control.prune, now);
    handle_idontwant(peer, control.idontwant);
}

void GossipsubRouter::handle_ihave(const PeerId& peer, const std::vector<ControlIHave>& ihaves,
                                   TimePoint now) {
    if (ihaves.empty()) return;
    auto& g = gossip_peers_[peer];
    if (++g.ihaves > gossip_.max_ihave_messages || g.asked >= gossip_.max_ihave_length) return;
    std::vector<MessageId> wanted;
    StringSet unique;
    for (const auto& ihave : ihaves) {
        if (!mesh_.contains(ihave.topic)) continue;
        for (const auto& id : ihave.message_ids) {
            if (wanted.size() >= gossip_.max_ihave_length) break;
            // (Ids already asked of another advertiser are asked again: that request may fail.)
            if (!has_seen(id) && unique.insert(id).second) wanted.push_back(id);
        }
    }
    if (wanted.empty()) return;
    const std::size_t ask = std::min(wanted.size(), gossip_.max_ihave_length - g.asked);
    std::ranges::shuffle(wanted, rng());
    wanted.resize(ask);
    g.asked += ask;
    // Track one random id of the request: if it never comes, the advertiser broke its promise (P₇).
    promises_[wanted.front()][peer] = now + gossip_.iwant_followup_time;
    control_of(out().to(peer)).iwant.push_back({std::move(wanted)});
}

void GossipsubRouter::handle_iwant(const PeerId& peer, const std::vector<ControlIWant>& iwants) {
    for (const auto& iwant : iwants) {
        for (const auto& id : iwant.message_ids) {
            auto [message, count] = mcache_.get_for_peer(id, peer);
            if (!message || count > gossip_.gossip_retransmission || skips(peer, id)) continue;
            send_message(peer, message);
        }
    }
}

void GossipsubRouter::handle_graft(const PeerId& peer, const std::vector<ControlGraft>& grafts,
                                   TimePoint now) {
    for (const auto& graft : grafts) {
        const auto it = mesh_.find(graft.topic);
        if (it == mesh_.end()) continue;  // spam hardening: GRAFTs for topics we are not in are ignored
        auto& mesh = it->second;
        if (mesh.contains(peer)) continue;
        if (gossip_.direct_peers.contains(peer)) {
            prune_peer(peer, graft.topic, false, false, now);
            continue;
        }
        if (const auto b = backoff_.find(graft.topic); b != backoff_.end()) {
            if (const auto p = b->second.find(peer); p != b->second.end() && p->second > now) {
                // Grafting during the backoff is penalised, doubly so right after the prune.
                score_.add_penalty(peer, 1);
                if (now + gossip_.prune_backoff < p->second + gossip_.graft_flood_threshold)
                    score_.add_penalty(peer, 1);
                prune_peer(peer, graft.topic, false, false, now);
                continue;
            }
        }
        const auto* state = peer_state(peer);
        if (score_.score(peer) < 0 ||
            (mesh.size() >= gossip_.d_hi && state && state->direction != Direction::kOutbound)) {
            prune_peer(peer, graft.topic, score_.score(peer) >= 0, false, now);
            continue;
        }
        mesh.insert(peer);
        score_.graft(peer, graft.topic, now);
    }
}

void GossipsubRouter::handle_prune(const PeerId& peer, const std::vector<ControlPrune>& prunes,
                                   TimePoint now) {
    for (const auto& prune : prunes) {
        if (auto it = mesh_.find(prune.topic); it != mesh_.end() && it->second.erase(peer)) {
            score_.prune(peer, prune.topic);
        }
        if (!joined(prune.topic) && !fanout_.contains(prune.topic)) continue;
        const Duration backoff = prune.backoff ? std::chrono::duration_cast<Duration>(std::chrono::seconds(
                                                     std::min<std::uint64_t>(*prune.backoff, 86400)))
                                               : gossip_.prune_backoff;
        add_backoff(prune.topic, peer, backoff, now);
        if (prune.peers.empty() || score_.score(peer) < gossip_.thresholds.accept_px) continue;
        for (const auto& info : prune.peers) {
            if (out().dial.size() >= gossip_.prune_peers) break;
            out().dial.push_back(info);
        }
    }
}

void GossipsubRouter::handle_idontwant(const PeerId& peer, const std::vector<ControlIDontWant>& idontwants) {
    auto& g = gossip_peers_[peer];
    if (g.kind != Kind::kMeshsub12) return;
    for (const auto& entry : idontwants) {
        for (const auto& id : entry.message_ids) {
            if (g.idontwants >= gossip_.max_idontwant_messages) return;
            ++g.idontwants;
            g.idontwant.try_emplace(id, ticks_);
        }
    }
}

void GossipsubRouter::graft_peer(const PeerId& peer, const TopicId& topic, TimePoint now) {
    score_.graft(peer, topic, now);
    control_of(out().to(peer)).graft.push_back({topic});
}

void GossipsubRouter::prune_peer(const PeerId& peer, const TopicId& topic, bool px, bool unsubscribe,
                                 TimePoint now) {
    const Duration backoff = unsubscribe ? gossip_.unsubscribe_backoff : gossip_.prune_backoff;
    add_backoff(topic, peer, backoff, now);
    ControlPrune prune{topic, {}, {}};
    const Kind k = kind(peer);
    if (k == Kind::kMeshsub11 || k == Kind::kMeshsub12) {
        prune.backoff = seconds(backoff);
        if (px && gossip_.do_px) {
            // Peers in good standing that the pruned peer may mesh with instead.
            const auto others = select(topic, [&](const PeerId& p) {
                return p != peer && is_mesh_capable(p) && score_.score(p) >= 0;
            });
            for (const auto& p : others) {
                if (prune.peers.size() >= gossip_.prune_peers) break;
                prune.peers.push_back({Bytes(p.bytes().begin(), p.bytes().end()), std::nullopt});
            }
        }
    }
    control_of(out().to(peer)).prune.push_back(std::move(prune));
}

void GossipsubRouter::add_backoff(const TopicId& topic, const PeerId& peer, Duration backoff, TimePoint now) {
    auto& until = backoff_[topic][peer];
    until = std::max(until, now + backoff);
}

}  // namespace kitsunet::p2p::pubsub
