#pragma once
/// Message authorship under StrictSign (libp2p/specs pubsub/README.md, "Message Signing"): the
/// author signs "libp2p-pubsub:" followed by the protobuf encoding of the message without its
/// `signature` and `key` fields (and without kitsunet multicast's `hops`, which changes per hop);
/// `from` is the author's peer id, `seqno` 8 bytes big-endian, `key` the public key protobuf when
/// the peer id does not inline it. Verification derives the key from `from` or checks that `key`
/// belongs to `from`. Pure and thread-safe (MessageAuthor: one owner).
#include <cstdint>
#include <expected>
#include <string_view>

#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/pubsub/rpc.hpp"

namespace kitsunet::p2p::pubsub {

inline constexpr std::string_view kSignPrefix = "libp2p-pubsub:";

enum class SignaturePolicy : std::uint8_t {
    kStrictSign,    // every message signed by its author, with from and seqno (the default)
    kStrictNoSign,  // anonymous: no from, seqno, signature or key
};

enum class SignatureError : std::uint8_t {
    kMissingFrom,
    kInvalidFrom,   // `from` is not a peer id
    kInvalidSeqno,  // absent, or not 8 bytes
    kMissingSignature,
    kInvalidKey,  // `key` does not parse, or is not the key of `from`
    kNoKey,       // `from` does not inline its key and `key` is absent
    kBadSignature,
    kUnexpectedField,  // StrictNoSign: from, seqno, signature or key present
};

std::string_view describe(SignatureError e) noexcept;

/// The bytes the author signs.
Bytes signing_bytes(const Message& m);

/// Whether `m` has the fields `policy` requires (and none it forbids), without verifying the
/// signature: the check for our own messages, which MessageAuthor just signed.
bool conforms(const Message& m, SignaturePolicy policy) noexcept;

/// Checks `m` against `policy`; under StrictSign returns the verified author.
std::expected<std::optional<PeerId>, SignatureError> verify_message(const Message& m, SignaturePolicy policy);

/// Builds the messages one node publishes: signed (or anonymous), with strictly increasing seqnos
/// that start at the wall clock in nanoseconds (as go-libp2p and js-libp2p do), so they keep
/// increasing across restarts.
class MessageAuthor {
  public:
    /// Anonymous author (StrictNoSign).
    MessageAuthor() = default;
    /// Signing author (StrictSign).
    explicit MessageAuthor(PrivateKey key);

    Message make(TopicId topic, Bytes data);
    SignaturePolicy policy() const noexcept {
        return key_ ? SignaturePolicy::kStrictSign : SignaturePolicy::kStrictNoSign;
    }

  private:
    std::optional<PrivateKey> key_;
    std::optional<PeerId> id_;
    std::optional<Bytes> key_field_;  // set when the peer id does not inline the key
    std::uint64_t last_seqno_{0};
};

}  // namespace kitsunet::p2p::pubsub
