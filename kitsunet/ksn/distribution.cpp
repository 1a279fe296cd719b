#include "kitsunet/ksn/distribution.hpp"

#include <algorithm>
#include <bit>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::ksn {
namespace {

std::string id_string(ByteView id) { return {id.begin(), id.end()}; }

}  // namespace

unsigned storage_depth_for(std::uint64_t capacity, std::uint64_t total) noexcept {
    if (capacity == 0) return kNoStorageRadius;
    // share(d) = ceil(total / 2^d), the expected slices under a radius of depth d; share(64) <= 1.
    const auto share = [total](unsigned d) {
        return (total >> d) + ((total & ((std::uint64_t{1} << d) - 1)) != 0 ? 1U : 0U);
    };
    unsigned depth = 0;
    while (depth < 64 && share(depth) > capacity) ++depth;
    return depth;
}

Distribution::Distribution(DistributionParams params) : params_(params) {
    KITSUNET_ASSERT(params_.virtual_nodes >= 1);
}

Distribution::Slot Distribution::admit(ByteView peer_id, std::vector<XorIndex::Point>& points) {
    Slot slot;
    if (free_slots_.empty()) {
        slot = static_cast<Slot>(peers_.size());
        peers_.emplace_back();
    } else {
        slot = free_slots_.back();
        free_slots_.pop_back();
    }
    Peer& peer = peers_[slot];
    peer = Peer{Bytes(peer_id.begin(), peer_id.end()), ksn::peer_key(peer_id), kNoStorageRadius, true};
    by_id_.emplace(id_string(peer_id), slot);
    for (std::uint16_t i = 0; i < params_.virtual_nodes; ++i)
        points.push_back({Key256::from(virtual_key(peer.key, i)), slot});
    return slot;
}

Distribution::Slot Distribution::add_peer(ByteView peer_id, unsigned storage_depth) {
    KITSUNET_ASSERT(storage_depth <= 256 || storage_depth == kNoStorageRadius);
    if (const auto known = find(peer_id)) {
        set_depth(*known, storage_depth);
        return *known;
    }
    std::vector<XorIndex::Point> points;
    const Slot slot = admit(peer_id, points);
    index_.insert(points);
    set_depth(slot, storage_depth);
    return slot;
}

void Distribution::add_peers(std::span<const Bytes> peer_ids) {
    std::vector<XorIndex::Point> points;
    for (const auto& id : peer_ids)
        if (!find(id)) admit(id, points);
    index_.insert(points);
}

bool Distribution::remove_peer(ByteView peer_id) {
    const auto it = by_id_.find(id_string(peer_id));
    if (it == by_id_.end()) return false;
    const Slot slot = it->second;
    by_id_.erase(it);
    set_depth(slot, kNoStorageRadius);
    index_.erase_owner(slot);
    peers_[slot] = Peer{};
    free_slots_.push_back(slot);
    return true;
}

std::optional<Distribution::Slot> Distribution::find(ByteView peer_id) const {
    const auto it = by_id_.find(id_string(peer_id));
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

ByteView Distribution::peer_id(Slot slot) const {
    KITSUNET_ASSERT(slot < peers_.size() && peers_[slot].live);
    return peers_[slot].id;
}

const Hash& Distribution::peer_key(Slot slot) const {
    KITSUNET_ASSERT(slot < peers_.size() && peers_[slot].live);
    return peers_[slot].key;
}

unsigned Distribution::storage_depth(Slot slot) const {
    KITSUNET_ASSERT(slot < peers_.size() && peers_[slot].live);
    return peers_[slot].depth;
}

void Distribution::set_depth(Slot slot, unsigned depth) {
    Peer& peer = peers_[slot];
    if (peer.depth == depth) return;
    const Key256 key = Key256::from(peer.key);
    if (peer.depth != kNoStorageRadius) {
        auto& list = radius_[peer.depth];
        std::erase(list, std::pair{key, slot});
        if (list.empty()) radius_.erase(peer.depth);
    }
    peer.depth = depth;
    if (depth != kNoStorageRadius) {
        auto& list = radius_[depth];
        list.insert(std::ranges::upper_bound(list, std::pair{key, slot}), std::pair{key, slot});
    }
}

void Distribution::responsible(const Hash& slice_key, std::vector<Slot>& out) const {
    out.clear();
    const Key256 key = Key256::from(slice_key);
    index_.closest_owners(key, params_.replicas, out);
    append_radius_peers(key, out);
}

std::vector<Distribution::Slot> Distribution::responsible(const Hash& slice_key) const {
    std::vector<Slot> out;
    responsible(slice_key, out);
    return out;
}

// The peers of depth d that cover `key` are those whose key lies in the range of keys sharing
// key's first d bits: one binary search per depth in use.
void Distribution::append_radius_peers(const Key256& key, std::vector<Slot>& out) const {
    const std::size_t nearest = out.size();
    for (const auto& [depth, list] : radius_) {
        const auto lo = std::ranges::lower_bound(list, std::pair{with_low_bits(key, depth, false), Slot{0}});
        const auto hi = std::ranges::upper_bound(list, std::pair{with_low_bits(key, depth, true), ~Slot{0}});
        for (auto it = lo; it != hi; ++it) {
            const auto head = out.begin() + static_cast<std::ptrdiff_t>(nearest);
            if (std::find(out.begin(), head, it->second) == head) out.push_back(it->second);
        }
    }
}

bool Distribution::serves(Slot slot, const Hash& slice_key) const {
    const Peer& peer = peers_.at(slot);
    KITSUNET_ASSERT(peer.live);
    if (peer.depth != kNoStorageRadius &&
        common_prefix_bits(Key256::from(peer.key), Key256::from(slice_key)) >= peer.depth)
        return true;
    std::vector<Slot> nearest;
    index_.closest_owners(Key256::from(slice_key), params_.replicas, nearest);
    return std::ranges::find(nearest, slot) != nearest.end();
}

}  // namespace kitsunet::ksn
