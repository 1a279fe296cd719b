#pragma once
/// The distribution simulation behind `kitsunet sim distribution` and the benchmark: N peers with
/// random ids, every slice of one prefix length assigned to its R nearest peers; the spread of the
/// load, and how many assignments move when 1% of the peers join or leave. In-process, pure,
/// deterministic for a seed. Thread-safety: pure functions.
#include <cstdint>
#include <span>
#include <vector>

#include "kitsunet/ksn/distribution.hpp"

namespace kitsunet::ksn {

/// Peers responsible for each slice key, in the order of the keys.
using Assignment = std::vector<std::vector<Distribution::Slot>>;

Assignment assign(const Distribution& distribution, std::span<const Hash> slice_keys);

/// Slices per known peer.
struct LoadSummary {
    std::uint64_t max{0};
    std::uint64_t min{0};
    double mean{0};
};
LoadSummary summarize_load(const Distribution& distribution, const Assignment& assignment);

/// How an assignment changed.
struct Movement {
    double replicas_moved{0};  ///< share of (slice, peer) assignments of `after` absent from `before`
    double slices_changed{0};  ///< share of slices whose set of peers changed
};
/// Precondition: both assign the same keys, and no slot was reused by another peer in between.
Movement compare(const Assignment& before, const Assignment& after);

/// `count` distinct peer ids drawn from `seed` (mt19937_64): identity multihashes of random Ed25519
/// public keys, the shape of real libp2p peer ids.
std::vector<Bytes> random_peer_ids(std::size_t count, std::uint64_t seed);

struct SimParams {
    std::size_t peers{1000};
    DistributionParams distribution{};
    unsigned prefix_length{4};  ///< at most kMaxPrefixLength
    std::uint64_t seed{1};
    double churn{0.01};  ///< share of the peers that join, then (separately) leave
};

struct ChurnResult {
    std::size_t peers{0};  ///< how many joined or left
    Movement movement;
    double ideal{0};  ///< the least that must move: the changed peers' share after (join) or before (leave)
};

struct SimReport {
    std::size_t slices{0};
    LoadSummary load;
    ChurnResult join;
    ChurnResult leave;
};

/// Preconditions: params.peers >= 1, prefix_length <= kMaxPrefixLength, 0 <= churn < 1.
SimReport simulate(const SimParams& params);

}  // namespace kitsunet::ksn
