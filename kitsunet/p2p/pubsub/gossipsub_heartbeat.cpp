// gossipsub heartbeat: mesh maintenance, fanout, gossip emission, and expiry of per-peer state.
#include <algorithm>
#include <cmath>

#include "kitsunet/p2p/pubsub/gossipsub.hpp"

namespace kitsunet::p2p::pubsub {

void GossipsubRouter::on_heartbeat(TimePoint now) {
    ++ticks_;
    for (auto& [peer, g] : gossip_peers_) g.ihaves = g.asked = g.idontwants = 0;
    apply_broken_promises(now);
    expire_backoffs(now);
    expire_idontwants();
    const auto gossip = mcache_.gossip_ids();
    for (auto& [topic, mesh] : mesh_) {
        maintain_mesh(topic, mesh, now);
        if (const auto it = gossip.find(topic); it != gossip.end()) emit_gossip(topic, mesh, it->second);
    }
    maintain_fanout(now);
    for (const auto& [topic, fanout] : fanout_) {
        if (const auto it = gossip.find(topic); it != gossip.end()) emit_gossip(topic, fanout, it->second);
    }
    mcache_.shift();
    score_.refresh(now);
}

void GossipsubRouter::maintain_mesh(const TopicId& topic, PeerSet& mesh, TimePoint now) {
    // Peers whose score went negative leave the mesh (no peer exchange for them).
    std::vector<PeerId> negative;
    for (const auto& peer : mesh) {
        if (score_.score(peer) < 0) negative.push_back(peer);
    }
    for (const auto& peer : negative) {
        mesh.erase(peer);
        score_.prune(peer, topic);
        prune_peer(peer, topic, false, false, now);
    }
    const auto eligible = [&](const PeerId& p) {
        return !mesh.contains(p) && is_mesh_capable(p) && !backing_off(topic, p, now) && score_.score(p) >= 0;
    };
    if (mesh.size() < gossip_.d_lo) {
        for (const auto& peer : select(topic, eligible)) {
            if (mesh.size() >= gossip_.d) break;
            mesh.insert(peer);
            graft_peer(peer, topic, now);
        }
    }
    if (mesh.size() > gossip_.d_hi) shrink_mesh(topic, mesh, now);
    if (mesh.size() >= gossip_.d_lo) {
        // Keep at least D_out outbound peers, against sybils that only dial in.
        const auto outbound = [&](const PeerId& p) {
            const auto* s = peer_state(p);
            return s && s->direction == Direction::kOutbound;
        };
        auto have = static_cast<std::size_t>(std::ranges::count_if(mesh, outbound));
        for (const auto& peer : select(topic, [&](const PeerId& p) { return eligible(p) && outbound(p); })) {
            if (have >= gossip_.d_out) break;
            mesh.insert(peer);
            graft_peer(peer, topic, now);
            ++have;
        }
    }
    if (ticks_ % gossip_.opportunistic_graft_ticks == 0 && mesh.size() > 1)
        opportunistic_graft(topic, mesh, now);
}

void GossipsubRouter::shrink_mesh(const TopicId& topic, PeerSet& mesh, TimePoint now) {
    // Keep the D_score best, then random others up to D, then make sure D_out are outbound.
    std::vector<PeerId> peers(mesh.begin(), mesh.end());
    std::ranges::sort(peers);
    std::ranges::shuffle(peers, rng());
    // Best score first; ties keep the shuffled order (std::sort on (score, position): clang's
    // libstdc++ 12 deprecates the buffer std::stable_sort uses).
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t i = 0; i < peers.size(); ++i) order.emplace_back(-score_.score(peers[i]), i);
    std::ranges::sort(order);
    std::vector<PeerId> sorted;
    sorted.reserve(peers.size());
    for (const auto& [score, i] : order) sorted.push_back(peers[i]);
    peers = std::move(sorted);
    std::shuffle(peers.begin() + static_cast<std::ptrdiff_t>(std::min(gossip_.d_score, peers.size())),
                 peers.end(), rng());
    const auto outbound = [&](const PeerId& p) {
        const auto* s = peer_state(p);
        return s && s->direction == Direction::kOutbound;
    };
    const std::size_t keep = gossip_.d;
    std::size_t have = 0;
    for (std::size_t i = 0; i < keep; ++i) have += static_cast<std::size_t>(outbound(peers[i]));
    // Swap outbound peers in for the last kept inbound ones (never one of the D_score best).
    std::size_t victim = keep;
    for (std::size_t i = keep; i < peers.size() && have < gossip_.d_out; ++i) {
        if (!outbound(peers[i])) continue;
        while (victim > gossip_.d_score && outbound(peers[victim - 1])) --victim;
        if (victim <= gossip_.d_score) break;
        std::swap(peers[--victim], peers[i]);
        ++have;
    }
    for (std::size_t i = keep; i < peers.size(); ++i) {
        mesh.erase(peers[i]);
        score_.prune(peers[i], topic);
        prune_peer(peers[i], topic, true, false, now);
    }
}

void GossipsubRouter::opportunistic_graft(const TopicId& topic, PeerSet& mesh, TimePoint now) {
    std::vector<double> scores;
    for (const auto& peer : mesh) scores.push_back(score_.score(peer));
    std::ranges::sort(scores);
    const double median = scores[scores.size() / 2];
    if (median >= gossip_.thresholds.opportunistic_graft) return;
    std::size_t grafted = 0;
    for (const auto& peer : select(topic, [&](const PeerId& p) {
             return !mesh.contains(p) && is_mesh_capable(p) && !backing_off(topic, p, now) &&
                    score_.score(p) > median;
         })) {
        if (grafted++ >= gossip_.opportunistic_graft_peers) break;
        mesh.insert(peer);
        graft_peer(peer, topic, now);
    }
}

void GossipsubRouter::maintain_fanout(TimePoint now) {
    for (auto it = fanout_last_publish_.begin(); it != fanout_last_publish_.end();) {
        if (it->second + gossip_.fanout_ttl < now) {
            fanout_.erase(it->first);
            it = fanout_last_publish_.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& [topic, fanout] : fanout_) {
        const auto* subs = subscribers(topic);
        std::erase_if(fanout, [&](const PeerId& p) {
            return !subs || !subs->contains(p) || score_.score(p) < gossip_.thresholds.publish;
        });
        if (fanout.size() >= gossip_.d) continue;
        for (const auto& peer : select(topic, [&](const PeerId& p) {
                 return !fanout.contains(p) && is_mesh_capable(p) &&
                        score_.score(p) >= gossip_.thresholds.publish;
             })) {
            if (fanout.size() >= gossip_.d) break;
            fanout.insert(peer);
        }
    }
}

void GossipsubRouter::emit_gossip(const TopicId& topic, const PeerSet& exclude,
                                  const std::vector<MessageId>& ids) {
    if (ids.empty()) return;
    auto targets = select(topic, [&](const PeerId& p) {
        return !exclude.contains(p) && is_mesh_capable(p) && score_.score(p) >= gossip_.thresholds.gossip;
    });
    const auto factor =
        static_cast<std::size_t>(std::ceil(gossip_.gossip_factor * static_cast<double>(targets.size())));
    const std::size_t count = std::min(targets.size(), std::max(gossip_.d_lazy, factor));
    targets.erase(targets.begin() + static_cast<std::ptrdiff_t>(count), targets.end());
    for (const auto& peer : targets) {
        // Each peer gets a random subset of at most max_ihave_length ids.
        std::vector<MessageId> advertised = ids;
        if (advertised.size() > gossip_.max_ihave_length) {
            std::ranges::shuffle(advertised, rng());
            advertised.resize(gossip_.max_ihave_length);
        }
        auto& rpc = out().to(peer);
        auto& control = rpc.control ? *rpc.control : rpc.control.emplace();
        control.ihave.push_back({topic, std::move(advertised)});
    }
}

void GossipsubRouter::apply_broken_promises(TimePoint now) {
    for (auto it = promises_.begin(); it != promises_.end();) {
        auto& advertisers = it->second;
        std::erase_if(advertisers, [&](const auto& entry) {
            if (entry.second > now) return false;
            score_.add_penalty(entry.first, 1);
            return true;
        });
        it = advertisers.empty() ? promises_.erase(it) : std::next(it);
    }
}

void GossipsubRouter::expire_backoffs(TimePoint now) {
    for (auto it = backoff_.begin(); it != backoff_.end();) {
        // Kept for the slack after they end, which backing_off() still counts.
        const auto slack = gossip_.heartbeat_interval * static_cast<int>(gossip_.backoff_slack_heartbeats);
        std::erase_if(it->second, [&](const auto& entry) { return entry.second + slack <= now; });
        it = it->second.empty() ? backoff_.erase(it) : std::next(it);
    }
}

void GossipsubRouter::expire_idontwants() {
    for (auto& [peer, g] : gossip_peers_) {
        std::erase_if(g.idontwant,
                      [&](const auto& entry) { return entry.second + gossip_.history_length <= ticks_; });
    }
}

}  // namespace kitsunet::p2p::pubsub
