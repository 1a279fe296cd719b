#pragma once
/// Test support: conversions between the hand-written RPC types and libprotobuf's generated
/// classes for rpc.proto (the reference codec). Used by the unit tests and the fuzz target.
#include <optional>

#include "kitsunet/p2p/pubsub/rpc.hpp"
#include "kitsunet/p2p/pubsub/rpc.pb.h"

namespace kitsunet::p2p::pubsub::reference {

pb::RPC to_proto(const Rpc& rpc);
Rpc from_proto(const pb::RPC& rpc);

/// libprotobuf's decoding of `bytes`, or nullopt where it refuses them.
std::optional<Rpc> parse(ByteView bytes);

/// Limits high enough never to bind where libprotobuf has none.
RpcLimits unbounded_limits();

}  // namespace kitsunet::p2p::pubsub::reference
