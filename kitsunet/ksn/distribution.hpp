#pragma once
/// Who serves which slice (DESIGN §5), pure and synchronous: a function of the set of known peers.
///
/// A peer serves the slice whose key is K (keys.hpp) when it is
///   - among the R (`replicas`) nearest peers to K, a peer's distance being the XOR distance from K
///     to the nearest of its V virtual keys (V = `virtual_nodes`; virtual key 0 is the peer key), or
///   - within its storage radius: its peer key shares at least `storage_depth` leading bits with K
///     (an XOR distance below 2^(256 - depth)). A peer with spare storage announces a smaller depth
///     (storage_depth_for); depth 0 serves everything; kNoStorageRadius (the default) none.
///
/// Why virtual keys: with one key per peer, a peer's share is the size of its XOR region, which
/// varies as an exponential-like variable: at 1,000 peers and R = 4 the most-loaded peer holds
/// ≈3.3× the mean. V virtual keys per peer sum V such regions, shrinking that spread by √V, and
/// keep what makes consistent hashing consistent: the responsible set of a key depends only on the
/// set of peers, not on their order of arrival, and a join (leave) changes it only by letting the
/// new peer in (the leaving peer out), one peer moving per changed set. What remains is the
/// sampling noise of 65,536 random slice keys (a binomial count, ±6% per peer at a mean of 262
/// slices), a floor of ≈1.2× for the most-loaded of 1,000 peers whatever V. With V = 256 the
/// most-loaded peer holds 1.19–1.29× the mean over 38 seeds (median 1.22); V = 64 gives up to
/// 1.34, V = 128 up to 1.31, V = 512 no better than 256 (`kitsunet sim distribution`,
/// bench/run store). Bounded-load assignment (capping peers at, say, 1.25× and spilling to the
/// next nearest) would cut the tail below the floor, but a key's peers would then depend on every
/// other key's, so peers whose views differ slightly would disagree widely, and a join or leave
/// would move slices between peers that did not change; we chose not to.
/// Peers are opaque byte strings (libp2p peer ids); each has a slot, a small integer stable while
/// the peer stays (slots of removed peers are reused).
/// Thread-safety: const calls may run concurrently; add/remove may not overlap with anything.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/ksn/keys.hpp"
#include "kitsunet/ksn/xor_index.hpp"

namespace kitsunet::ksn {

struct DistributionParams {
    std::size_t replicas{4};           ///< R: nearest peers per slice
    std::uint16_t virtual_nodes{256};  ///< V: keys per peer (at least 1)
};

/// No storage radius: the peer serves only what it is among the R nearest for.
inline constexpr unsigned kNoStorageRadius = 257;

/// The smallest storage depth whose radius covers, in expectation, at most `capacity` of `total`
/// slices (total / 2^depth <= capacity): 0 when everything fits, kNoStorageRadius when capacity is 0.
unsigned storage_depth_for(std::uint64_t capacity, std::uint64_t total) noexcept;

class Distribution {
  public:
    using Slot = XorIndex::Owner;

    /// Precondition: params.virtual_nodes >= 1.
    explicit Distribution(DistributionParams params = {});

    /// Adds a peer, or updates the storage depth of a known one. Returns its slot.
    /// Precondition: storage_depth <= 256 or kNoStorageRadius.
    Slot add_peer(ByteView peer_id, unsigned storage_depth = kNoStorageRadius);
    /// Adds many peers at once (without storage radius; known ones are left as they are): one pass
    /// over the index instead of one per peer.
    void add_peers(std::span<const Bytes> peer_ids);
    /// Forgets a peer; false when it was not known.
    bool remove_peer(ByteView peer_id);

    std::optional<Slot> find(ByteView peer_id) const;
    /// Preconditions (all three): `slot` belongs to a known peer.
    ByteView peer_id(Slot slot) const;
    const Hash& peer_key(Slot slot) const;
    unsigned storage_depth(Slot slot) const;

    std::size_t peer_count() const noexcept { return by_id_.size(); }
    /// Every slot in use is below this.
    Slot slot_limit() const noexcept { return static_cast<Slot>(peers_.size()); }
    bool live(Slot slot) const noexcept { return slot < peers_.size() && peers_[slot].live; }
    const DistributionParams& params() const noexcept { return params_; }

    /// Replaces `out` with the peers responsible for the slice of key `slice_key`: the R nearest,
    /// nearest first, then those not among them whose storage radius covers it (by depth, then key).
    /// O(R · log(peers · V) + depths in use · log peers).
    void responsible(const Hash& slice_key, std::vector<Slot>& out) const;
    std::vector<Slot> responsible(const Hash& slice_key) const;

    /// Whether the peer in `slot` serves the slice of key `slice_key`. Precondition: a known slot.
    bool serves(Slot slot, const Hash& slice_key) const;

  private:
    struct Peer {
        Bytes id;
        Hash key;
        unsigned depth{kNoStorageRadius};
        bool live{false};
    };
    using RadiusList = std::vector<std::pair<Key256, Slot>>;  // sorted

    /// Gives a new peer a slot and appends its virtual keys to `points`.
    Slot admit(ByteView peer_id, std::vector<XorIndex::Point>& points);
    void set_depth(Slot slot, unsigned depth);
    void append_radius_peers(const Key256& key, std::vector<Slot>& out) const;

    DistributionParams params_;
    std::vector<Peer> peers_;
    std::vector<Slot> free_slots_;
    std::unordered_map<std::string, Slot> by_id_;
    XorIndex index_;
    std::map<unsigned, RadiusList> radius_;  // peers with a storage radius, by depth
};

}  // namespace kitsunet::ksn
