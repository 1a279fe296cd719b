// A gossipsub router fed arbitrary RPCs from one peer (and heartbeats): whatever the bytes, no
// crash, no unbounded growth of what that peer can make it hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/pubsub/gossipsub.hpp"

using namespace kitsunet::p2p;
using namespace kitsunet::p2p::pubsub;

namespace {

PeerId peer(std::uint8_t seed) {
    return PeerId::from_public_key(PrivateKey::ed25519_from_seed(kitsunet::Bytes(32, seed)).public_key());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const PeerId fuzzer = peer(1);
    static const PeerId honest = peer(2);
    RouterConfig config;
    config.seed = 1;
    GossipsubRouter router({}, config);
    TimePoint now{};
    router.add_peer(honest, protocol::kMeshsub12, Direction::kOutbound, now);
    router.add_peer(fuzzer, protocol::kMeshsub12, Direction::kInbound, now);
    router.join("t", now);
    // The input is a sequence of frames: [length byte][frame]; a zero length is a heartbeat.
    kitsunet::ByteView in(data, size);
    while (!in.empty()) {
        const std::size_t n = std::min<std::size_t>(in[0], in.size() - 1);
        const auto frame = in.subspan(1, n);
        in = in.subspan(1 + n);
        if (n == 0) {
            now += std::chrono::seconds(1);
            router.heartbeat(now);
        } else if (auto rpc = decode_rpc(frame)) {
            router.handle_rpc(fuzzer, *rpc, now);
        } else {
            router.handle_bad_rpc(fuzzer, now);
        }
        (void)router.take_outbox();
    }
    if (router.topic_count(fuzzer) > RouterConfig{}.max_topics_per_peer) std::abort();
    if (router.state_sizes(fuzzer).idontwant > GossipsubConfig{}.max_idontwant_messages * 6) std::abort();
    return 0;
}
