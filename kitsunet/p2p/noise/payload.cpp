#include "kitsunet/p2p/noise/payload.hpp"

#include <algorithm>

#include "kitsunet/p2p/noise/payload.pb.h"

namespace kitsunet::p2p::noise {

namespace {

Bytes signed_message(const DhPublicKey& static_key) {
    Bytes message(kSignaturePrefix.size() + static_key.size());
    const auto after_prefix = std::copy(kSignaturePrefix.begin(), kSignaturePrefix.end(), message.begin());
    std::copy(static_key.begin(), static_key.end(), after_prefix);
    return message;
}

std::string as_string(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

ByteView as_view(const std::string& s) { return as_bytes(s); }

}  // namespace

std::string_view describe(PayloadError e) noexcept {
    switch (e) {
        case PayloadError::kMalformed:
            return "malformed handshake payload";
        case PayloadError::kBadIdentity:
            return "invalid identity key in handshake payload";
        case PayloadError::kBadSignature:
            return "identity signature does not match the Noise static key";
        case PayloadError::kTooManyMuxers:
            return "too many stream muxers in handshake payload";
    }
    return "unknown payload error";
}

Bytes encode_payload(const PrivateKey& identity, const DhPublicKey& static_key,
                     std::span<const std::string> stream_muxers) {
    pb::NoiseHandshakePayload payload;
    payload.set_identity_key(as_string(identity.public_key().to_protobuf()));
    payload.set_identity_sig(as_string(identity.sign(signed_message(static_key))));
    if (!stream_muxers.empty())
        for (const auto& m : stream_muxers) payload.mutable_extensions()->add_stream_muxers(m);
    const std::string out = payload.SerializeAsString();
    return Bytes(out.begin(), out.end());
}

std::expected<HandshakePayload, PayloadError> decode_payload(ByteView bytes,
                                                             const DhPublicKey& remote_static) {
    if (bytes.size() > 65535) return std::unexpected(PayloadError::kMalformed);  // one Noise message at most
    pb::NoiseHandshakePayload payload;
    if (!payload.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return std::unexpected(PayloadError::kMalformed);
    auto key = PublicKey::from_protobuf(as_view(payload.identity_key()));
    if (!key) return std::unexpected(PayloadError::kBadIdentity);
    if (!key->verify(signed_message(remote_static), as_view(payload.identity_sig())))
        return std::unexpected(PayloadError::kBadSignature);
    const auto& muxers = payload.extensions().stream_muxers();
    if (static_cast<std::size_t>(muxers.size()) > kMaxMuxers)
        return std::unexpected(PayloadError::kTooManyMuxers);
    return HandshakePayload{std::move(*key), std::vector<std::string>(muxers.begin(), muxers.end())};
}

std::string choose_muxer(std::span<const std::string> initiator, std::span<const std::string> responder) {
    for (const auto& m : initiator)
        if (std::ranges::find(responder, m) != responder.end()) return m;
    return {};
}

}  // namespace kitsunet::p2p::noise
