#pragma once
/// The byte and text forms of peer ids (libp2p specs, peer-ids.md), without keys: a peer id is an
/// identity multihash (of a serialized public key of at most 42 bytes) or a sha2-256 multihash.
/// Text is the base58btc multihash ("12D3KooW…", "Qm…", "16Uiu2…") or a multibase CIDv1 with the
/// libp2p-key codec ("bafz…"). kitsunet::p2p::PeerId (identity/peer_id.hpp) is the value type
/// built on these; multiaddr uses them for /p2p. Pure, thread-safe.
#include <cstddef>
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

/// Serialized public keys up to this size are inlined (identity multihash) into the peer id.
inline constexpr std::size_t kMaxInlineKeyLength = 42;
/// The largest peer id: identity code, length byte, 42 bytes of key.
inline constexpr std::size_t kMaxPeerIdSize = 2 + kMaxInlineKeyLength;

/// Checks that `multihash` is a peer id: identity with a digest of at most 42 bytes, or
/// sha2-256 with 32. Errors: kInvalidPeerId.
CodecResult<void> validate_peer_id(ByteView multihash) noexcept;

/// Decodes the text form of a peer id to its multihash: base58btc when it starts with '1' or
/// "Qm", else a multibase CIDv1 whose codec must be libp2p-key. Errors: kInvalidPeerId (any
/// malformed or non-peer-id input), kWrongCodec (a CID of another codec).
CodecResult<Bytes> peer_id_from_text(std::string_view text);

/// The canonical text form: base58btc of the multihash. Precondition: validate_peer_id passes.
std::string peer_id_to_base58(ByteView multihash);

/// The CIDv1 text form: 'b' + base32(0x01 0x72 multihash). Precondition: as above.
std::string peer_id_to_cid_text(ByteView multihash);

}  // namespace kitsunet::p2p
