#pragma once
/// Internal to identity: the PublicKey / PrivateKey protobuf, hand-written because libp2p needs
/// more than protobuf gives. Both messages are {1: KeyType Type (varint), 2: bytes Data}, and the
/// spec requires deterministic encoding, which generated parsers do not enforce (they take fields
/// in any order, repeated, unknown, non-minimal). We encode exactly 08 <type> 12 <len> <data> and
/// accept exactly that. Pure, thread-safe.
#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p::detail {

/// A parsed key message, borrowing its Data from the input.
struct KeyMessage {
    KeyType type{KeyType::kEd25519};
    ByteView data;
};

/// Errors: kMalformedProtobuf (anything but the exact form above), kUnknownKeyType.
CodecResult<KeyMessage> decode_key_message(ByteView bytes) noexcept;

/// The deterministic encoding.
Bytes encode_key_message(KeyType type, ByteView data);

}  // namespace kitsunet::p2p::detail
