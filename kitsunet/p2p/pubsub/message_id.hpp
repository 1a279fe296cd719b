#pragma once
/// Message ids: what routers deduplicate on and what gossip (IHAVE/IWANT/IDONTWANT) names. Peers
/// must agree on the function within a topic, or gossip names messages the other side cannot find.
/// Pure and thread-safe.
#include <functional>
#include <optional>

#include "kitsunet/p2p/pubsub/rpc.hpp"

namespace kitsunet::p2p::pubsub {

/// Computes a message's id; nullopt when the message lacks what the function needs (such a
/// message is invalid).
using MessageIdFn = std::function<std::optional<MessageId>(const Message&)>;

/// js-libp2p's default under StrictSign (@libp2p/gossipsub and @libp2p/floodsub): the author's
/// public key as a PublicKey protobuf, then the 8-byte seqno. The key is the digest of an identity
/// peer id in `from` (Ed25519, secp256k1), else the `key` field. The default of kitsunet.
std::optional<MessageId> public_key_seqno_id(const Message& m);

/// go-libp2p's default: the `from` bytes (peer id multihash), then the seqno bytes.
std::optional<MessageId> from_seqno_id(const Message& m);

}  // namespace kitsunet::p2p::pubsub
