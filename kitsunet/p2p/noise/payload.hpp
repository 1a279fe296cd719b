#pragma once
/// The libp2p Noise handshake payload (libp2p/specs noise): the sender's libp2p identity key, its
/// signature of "noise-libp2p-static-key:" ‖ the sender's Noise static key (binding the two),
/// and extensions (stream_muxers: the muxers it offers, for inlined muxer negotiation).
/// Pure: decode_payload never throws; it refuses what does not parse or does not verify.
/// Thread-safety: free functions, none shared.
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/noise/handshake_state.hpp"

namespace kitsunet::p2p::noise {

inline constexpr std::string_view kSignaturePrefix = "noise-libp2p-static-key:";
/// Stream muxers accepted in a peer's list (more are refused, not truncated).
inline constexpr std::size_t kMaxMuxers = 16;

struct HandshakePayload {
    PublicKey identity_key;
    std::vector<std::string> stream_muxers;
};

enum class PayloadError : std::uint8_t {
    kMalformed,     ///< not a NoiseHandshakePayload protobuf
    kBadIdentity,   ///< identity_key is not a valid libp2p public key
    kBadSignature,  ///< identity_sig does not sign the Noise static key with identity_key
    kTooManyMuxers,
};

std::string_view describe(PayloadError e) noexcept;

/// The payload binding `static_key` to `identity`, offering `stream_muxers`.
Bytes encode_payload(const PrivateKey& identity, const DhPublicKey& static_key,
                     std::span<const std::string> stream_muxers);

/// Parses a peer's payload and checks its signature over the peer's Noise static key.
std::expected<HandshakePayload, PayloadError> decode_payload(ByteView bytes,
                                                             const DhPublicKey& remote_static);

/// Inlined muxer negotiation: the first of the initiator's muxers that the responder also
/// offers, or empty when either list is empty or they share none.
std::string choose_muxer(std::span<const std::string> initiator, std::span<const std::string> responder);

}  // namespace kitsunet::p2p::noise
