// The libp2p handshake payload: what we send parses as the spec's protobuf, signatures bind the
// Noise static key, and forged or malformed payloads are refused.
#include <gtest/gtest.h>

#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/noise/payload.hpp"
#include "kitsunet/p2p/noise/payload.pb.h"

namespace kitsunet::p2p::noise {
namespace {

const std::vector<std::string> kMuxers{"/yamux/1.0.0", "/mplex/6.7.0"};

TEST(NoisePayload, RoundTripsForEd25519AndSecp256k1) {
    for (const auto type : {KeyType::kEd25519, KeyType::kSecp256k1}) {
        const auto identity = PrivateKey::generate(type);
        const auto dh = DhKeyPair::generate();
        const Bytes bytes = encode_payload(identity, dh.public_key, kMuxers);
        const auto decoded = decode_payload(bytes, dh.public_key);
        ASSERT_TRUE(decoded) << describe(decoded.error());
        EXPECT_EQ(decoded->identity_key, identity.public_key());
        EXPECT_EQ(decoded->stream_muxers, kMuxers);
    }
}

TEST(NoisePayload, WireLayoutIsTheSpecProtobuf) {
    const auto identity = PrivateKey::generate();
    const auto dh = DhKeyPair::generate();
    const Bytes bytes = encode_payload(identity, dh.public_key, {});
    pb::NoiseHandshakePayload parsed;
    ASSERT_TRUE(parsed.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    const Bytes key = identity.public_key().to_protobuf();
    EXPECT_EQ(parsed.identity_key(), std::string(key.begin(), key.end()));
    EXPECT_EQ(parsed.identity_sig().size(), 64u);  // Ed25519
    EXPECT_FALSE(parsed.has_extensions());         // no muxers offered: no extensions at all
    EXPECT_EQ(bytes[0], 0x0a);                     // field 1, length-delimited
}

TEST(NoisePayload, SignatureMustCoverThisStaticKey) {
    const auto identity = PrivateKey::generate();
    const auto dh = DhKeyPair::generate(), other = DhKeyPair::generate();
    const Bytes bytes = encode_payload(identity, dh.public_key, kMuxers);
    EXPECT_EQ(decode_payload(bytes, other.public_key).error(), PayloadError::kBadSignature);

    pb::NoiseHandshakePayload forged;
    forged.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
    const Bytes stranger = PrivateKey::generate().public_key().to_protobuf();
    forged.set_identity_key(std::string(stranger.begin(), stranger.end()));
    const std::string forged_bytes = forged.SerializeAsString();
    EXPECT_EQ(decode_payload(as_bytes(forged_bytes), dh.public_key).error(), PayloadError::kBadSignature);

    forged.set_identity_key("not a key");
    const std::string bad_key = forged.SerializeAsString();
    EXPECT_EQ(decode_payload(as_bytes(bad_key), dh.public_key).error(), PayloadError::kBadIdentity);
}

TEST(NoisePayload, GarbageAndFloodsAreRefused) {
    const auto dh = DhKeyPair::generate();
    EXPECT_EQ(decode_payload(Bytes{0x0a, 0x05, 0x01}, dh.public_key).error(), PayloadError::kMalformed);
    EXPECT_EQ(decode_payload(Bytes{}, dh.public_key).error(), PayloadError::kBadIdentity);
    const std::vector<std::string> many(kMaxMuxers + 1, "/m");
    const auto identity = PrivateKey::generate();
    const Bytes flood = encode_payload(identity, dh.public_key, many);
    EXPECT_EQ(decode_payload(flood, dh.public_key).error(), PayloadError::kTooManyMuxers);
}

TEST(NoisePayload, InlineMuxerIsTheInitiatorsFirstCommonChoice) {
    const std::vector<std::string> yamux_first{"/yamux/1.0.0", "/mplex/6.7.0"};
    const std::vector<std::string> mplex_first{"/mplex/6.7.0", "/yamux/1.0.0"};
    const std::vector<std::string> mplex_only{"/mplex/6.7.0"};
    EXPECT_EQ(choose_muxer(yamux_first, mplex_first), "/yamux/1.0.0");
    EXPECT_EQ(choose_muxer(mplex_first, yamux_first), "/mplex/6.7.0");
    EXPECT_EQ(choose_muxer(yamux_first, mplex_only), "/mplex/6.7.0");
    EXPECT_EQ(choose_muxer({}, yamux_first), "");
    const std::vector<std::string> other{"/other/1"};
    EXPECT_EQ(choose_muxer(other, yamux_first), "");
}

}  // namespace
}  // namespace kitsunet::p2p::noise
