// The pubsub RPC decoder on arbitrary bytes: it must never crash or read out of bounds; it must
// agree with libprotobuf (generated from rpc.proto) on what is a valid RPC and on its content;
// and what it accepts must re-encode into bytes that decode to the same RPC.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/pubsub/rpc.hpp"
#include "kitsunet/p2p/pubsub/rpc_reference.hpp"

using namespace kitsunet::p2p::pubsub;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const kitsunet::ByteView input(data, size);
    // The default limits bound the result.
    if (auto bounded = decode_rpc(input)) {
        if (bounded->subscriptions.size() > RpcLimits{}.max_subscriptions) std::abort();
    }
    const auto ours = decode_rpc(input, reference::unbounded_limits());
    const auto theirs = reference::parse(input);
    if (ours.has_value() != theirs.has_value()) std::abort();
    if (!ours) return 0;
    if (!(*ours == *theirs)) std::abort();
    const auto again = decode_rpc(encode(*ours), reference::unbounded_limits());
    if (!again || !(*again == *ours)) std::abort();
    return 0;
}
