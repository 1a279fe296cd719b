#pragma once
/// Vocabulary shared by the pubsub routers: time (passed into every event, so routers are
/// deterministic state machines), validation outcomes, and a keyed hash for containers indexed by
/// what peers send (topics, message ids), so that nobody can choose colliding keys.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/pubsub/rpc.hpp"

namespace kitsunet::p2p::pubsub {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

/// The outcome of validating a message (gossipsub v1.1 "extended validators").
enum class ValidationResult : std::uint8_t {
    kAccept,  // deliver and forward
    kReject,  // invalid: drop and penalise the peer that forwarded it (P₄)
    kIgnore,  // drop without penalty (e.g. not yet able to judge it)
};

/// SipHash-2-4 under a per-process random key; transparent over string_view.
struct KeyedHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept;
};

template <class V>
using StringMap = std::unordered_map<std::string, V, KeyedHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, KeyedHash, std::equal_to<>>;
using PeerSet = std::unordered_set<PeerId>;
template <class V>
using PeerMap = std::unordered_map<PeerId, V>;

}  // namespace kitsunet::p2p::pubsub
