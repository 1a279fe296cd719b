#pragma once
/// The pubsub RPC (libp2p/specs pubsub/README.md, gossipsub v1.0–v1.2), shared by floodsub,
/// gossipsub and kitsunet multicast: subscriptions, published messages and gossipsub control
/// messages. rpc.proto beside this file is the schema; this codec is hand-written so that the
/// decoder is total and bounded (RpcLimits), and so that messages can be shared between the RPCs
/// of many peers without copies. Decoding follows protobuf's rules (unknown fields and fields of
/// an unexpected wire type are skipped, the last value of a repeated scalar wins, a repeated
/// `control` merges) and, like proto3, rejects `string` fields that are not UTF-8.
/// All functions are pure and thread-safe.
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::p2p::pubsub {

/// A topic name (UTF-8 text).
using TopicId = std::string;
/// A message id: opaque bytes held in a string (hashable, compared bytewise).
using MessageId = std::string;

/// One published message. Field presence is kept (std::optional) because the signature covers
/// the protobuf encoding of exactly the fields that were present.
struct Message {
    std::optional<Bytes> from;         // 1: the author's peer id (multihash bytes)
    std::optional<Bytes> data;         // 2
    std::optional<Bytes> seqno;        // 3: 8 bytes big-endian under StrictSign
    TopicId topic;                     // 4: omitted from the encoding when empty (proto3)
    std::optional<Bytes> signature;    // 5
    std::optional<Bytes> key;          // 6: the author's public key (protobuf) when not inlined
    std::optional<std::int32_t> hops;  // 7: kitsunet multicast only; never signed

    friend bool operator==(const Message&, const Message&) = default;
};
using MessagePtr = std::shared_ptr<const Message>;

struct SubOpts {
    bool subscribe{false};
    TopicId topic;
    friend bool operator==(const SubOpts&, const SubOpts&) = default;
};

struct ControlIHave {
    TopicId topic;
    std::vector<MessageId> message_ids;
    friend bool operator==(const ControlIHave&, const ControlIHave&) = default;
};
struct ControlIWant {
    std::vector<MessageId> message_ids;
    friend bool operator==(const ControlIWant&, const ControlIWant&) = default;
};
struct ControlGraft {
    TopicId topic;
    friend bool operator==(const ControlGraft&, const ControlGraft&) = default;
};
struct PeerInfo {
    Bytes peer_id;
    std::optional<Bytes> signed_peer_record;
    friend bool operator==(const PeerInfo&, const PeerInfo&) = default;
};
struct ControlPrune {
    TopicId topic;
    std::vector<PeerInfo> peers;           // gossipsub v1.1 peer exchange
    std::optional<std::uint64_t> backoff;  // gossipsub v1.1, seconds
    friend bool operator==(const ControlPrune&, const ControlPrune&) = default;
};
struct ControlIDontWant {
    std::vector<MessageId> message_ids;
    friend bool operator==(const ControlIDontWant&, const ControlIDontWant&) = default;
};

struct ControlMessage {
    std::vector<ControlIHave> ihave;
    std::vector<ControlIWant> iwant;
    std::vector<ControlGraft> graft;
    std::vector<ControlPrune> prune;
    std::vector<ControlIDontWant> idontwant;  // gossipsub v1.2

    bool empty() const noexcept {
        return ihave.empty() && iwant.empty() && graft.empty() && prune.empty() && idontwant.empty();
    }
    friend bool operator==(const ControlMessage&, const ControlMessage&) = default;
};

struct Rpc {
    std::vector<SubOpts> subscriptions;
    std::vector<MessagePtr> messages;
    std::optional<ControlMessage> control;

    bool empty() const noexcept {
        return subscriptions.empty() && messages.empty() && (!control || control->empty());
    }
};

/// Compares messages by value, not by pointer.
bool operator==(const Rpc& a, const Rpc& b);

/// Bounds on one decoded RPC, so that its decoded form stays within a small multiple of its
/// wire size whatever the sender packs into it. Counts are totals over the whole RPC.
struct RpcLimits {
    std::size_t max_subscriptions{5000};
    std::size_t max_messages{5000};
    std::size_t max_control_entries{5000};  // IHAVE + IWANT + GRAFT + PRUNE + IDONTWANT entries
    std::size_t max_message_ids{20000};     // ids across IHAVE, IWANT and IDONTWANT
    std::size_t max_px_peers{64};           // PeerInfo entries across PRUNEs
    std::size_t max_topic_length{4096};
    std::size_t max_message_id_length{1024};
};

enum class RpcError : std::uint8_t {
    kMalformed,    // not a protobuf encoding of RPC (truncated, bad varint, group, bad length)
    kInvalidUtf8,  // a string field that is not UTF-8
    kTooManySubscriptions,
    kTooManyMessages,
    kTooManyControlEntries,
    kTooManyMessageIds,
    kTooManyPeers,
    kTopicTooLong,
    kMessageIdTooLong,
};

/// A short, stable description of an error kind.
std::string_view describe(RpcError e) noexcept;

/// Decodes one RPC (the payload of a length-prefixed frame). Errors leave nothing behind.
std::expected<Rpc, RpcError> decode_rpc(ByteView bytes, const RpcLimits& limits = {});

/// Decodes one Message on its own (field 2 of RPC), without RPC-level limits beyond the lengths.
std::expected<Message, RpcError> decode_message(ByteView bytes, const RpcLimits& limits = {});

/// Exact encoded sizes.
std::size_t encoded_size(const Message& m) noexcept;
std::size_t encoded_size(const Rpc& rpc) noexcept;

/// Appends the encoding (fields in number order, absent fields omitted).
void encode(Bytes& out, const Message& m);
void encode(Bytes& out, const Rpc& rpc);
Bytes encode(const Rpc& rpc);

/// The part of a message its signature covers (from, data, seqno, topic: the message without
/// signature, key and hops), encoded without copying the message: its size, and an appender.
std::size_t signed_part_size(const Message& m) noexcept;
void encode_signed_part(Bytes& out, const Message& m);

/// Splits `rpc` into RPCs of at most `max_size` encoded bytes each (the frame limit), keeping
/// the order of its items; an item (a message, a subscription, a control entry) too large for
/// any frame is dropped. Returns {rpc} when it fits.
std::vector<Rpc> split_rpc(Rpc rpc, std::size_t max_size);

}  // namespace kitsunet::p2p::pubsub
