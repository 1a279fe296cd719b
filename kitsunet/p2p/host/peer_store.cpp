#include "kitsunet/p2p/host/peer_store.hpp"

#include <algorithm>

namespace kitsunet::p2p {

PeerInfo& PeerStore::touch(const PeerId& peer) {
    auto it = peers_.find(peer);
    if (it == peers_.end()) {
        if (peers_.size() >= max_peers_) {
            const auto oldest = std::ranges::min_element(
                peers_, [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
            peers_.erase(oldest);
        }
        it = peers_.emplace(peer, Entry{}).first;
    }
    it->second.updated = ++clock_;
    return it->second.info;
}

void PeerStore::add_addrs(const PeerId& peer, std::span<const Multiaddr> addrs) {
    auto& known = touch(peer).addrs;
    for (const auto& a : addrs) {
        const auto plain = a.decapsulate(Protocol::kP2p);
        if (plain.empty()) continue;
        std::erase(known, plain);
        known.insert(known.begin(), plain);
    }
    if (known.size() > kMaxAddrsPerPeer) known.resize(kMaxAddrsPerPeer);
}

void PeerStore::set_public_key(const PeerId& peer, const PublicKey& key) { touch(peer).public_key = key; }

void PeerStore::apply_identify(const PeerId& peer, const identify::IdentifyInfo& info) {
    auto& entry = touch(peer);
    if (info.public_key) entry.public_key = info.public_key;
    if (info.has_listen_addrs) {
        entry.addrs.clear();
        add_addrs(peer, info.listen_addrs);
    }
    if (info.has_protocols) {
        entry.protocols = info.protocols;
        if (entry.protocols.size() > kMaxProtocolsPerPeer) entry.protocols.resize(kMaxProtocolsPerPeer);
    }
    if (!info.agent_version.empty()) entry.agent_version = info.agent_version;
    if (!info.protocol_version.empty()) entry.protocol_version = info.protocol_version;
    if (info.observed_addr) entry.observed_addr = info.observed_addr;
    entry.identify_done = true;
    entry.identified = true;
}

void PeerStore::identify_failed(const PeerId& peer) { touch(peer).identify_done = true; }

const PeerInfo* PeerStore::find(const PeerId& peer) const {
    const auto it = peers_.find(peer);
    return it == peers_.end() ? nullptr : &it->second.info;
}

}  // namespace kitsunet::p2p
