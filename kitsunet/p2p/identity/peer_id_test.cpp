// Peer ids: derivation from keys (identity vs sha2-256), text forms, inline key extraction.
#include "kitsunet/p2p/identity/peer_id.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/identity/spec_key_vectors.hpp"

namespace kitsunet::p2p {
namespace {

namespace tv = test_vectors;

Bytes hex(std::string_view h) { return *from_hex(h); }

PublicKey key(std::string_view public_hex) { return *PublicKey::from_protobuf(hex(public_hex)); }

TEST(PeerId, OfTheSpecKeys) {
    // Expected ids as @libp2p/peer-id 6.0.15 computes them from the same protobufs.
    const std::tuple<std::string_view, std::string_view, std::string_view> cases[] = {
        {tv::kEd25519Public, "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",
         "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6"},
        {tv::kSecp256k1Public, "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY",
         "bafzaajiiaijcca3xo7uzjzcsyilaj6i54cj44qk7kqzpoao5rti2pjx6udtdbp6kte"},
        {tv::kRsaPublic, "QmaeANgBs1DTSxWSrPPtobgQuxW8XTfsS4ydbK4rCHzqxG",
         "bafzbeifwzcumbiyql7bhv7fe7mixg6i7aohegq75k234m63bnw6dbicmzu"},
    };
    for (const auto& [public_hex, base58, cid] : cases) {
        const PeerId id = PeerId::from_public_key(key(public_hex));
        EXPECT_EQ(id.to_string(), base58);
        EXPECT_EQ(id.to_cid_string(), cid);
        EXPECT_EQ(PeerId::from_string(base58).value(), id);
        EXPECT_EQ(PeerId::from_string(cid).value(), id);
        EXPECT_TRUE(id.matches(key(public_hex)));
    }
}

TEST(PeerId, IdentityUpTo42BytesElseSha256) {
    const PublicKey ed = key(tv::kEd25519Public);  // 36-byte protobuf
    const PeerId ed_id = PeerId::from_public_key(ed);
    EXPECT_TRUE(ed_id.has_inline_key());
    EXPECT_EQ(to_hex(ed_id.bytes()), "0024" + std::string(tv::kEd25519Public));
    EXPECT_EQ(ed_id.public_key().value(), ed);

    const PublicKey ecdsa = key(tv::kEcdsaPublic);  // 95-byte protobuf
    const PeerId ecdsa_id = PeerId::from_public_key(ecdsa);
    EXPECT_FALSE(ecdsa_id.has_inline_key());
    EXPECT_EQ(ecdsa_id.bytes().size(), 34u);
    EXPECT_EQ(ecdsa_id.to_string().substr(0, 2), "Qm");
    EXPECT_EQ(ecdsa_id.public_key().error(), CodecError::kNoInlineKey);
    EXPECT_TRUE(ecdsa_id.matches(ecdsa));
    EXPECT_FALSE(ecdsa_id.matches(ed));
    EXPECT_FALSE(ed_id.matches(ecdsa));
}

TEST(PeerId, TextPrefixesOfGeneratedKeys) {
    for (int i = 0; i < 20; ++i) {
        EXPECT_TRUE(
            PeerId::from_public_key(PrivateKey::generate().public_key()).to_string().starts_with("12D3KooW"));
        const PeerId secp = PeerId::from_public_key(PrivateKey::generate(KeyType::kSecp256k1).public_key());
        EXPECT_TRUE(secp.to_string().starts_with("16Uiu2HA")) << secp.to_string();
        EXPECT_EQ(secp.public_key()->type(), KeyType::kSecp256k1);
    }
}

TEST(PeerId, FromBytesValidates) {
    EXPECT_TRUE(PeerId::from_bytes(hex("1220" + std::string(64, '1'))));
    EXPECT_EQ(PeerId::from_bytes(hex("1221" + std::string(66, '1'))).error(), CodecError::kInvalidPeerId);
    EXPECT_EQ(PeerId::from_bytes(hex("002b" + std::string(86, '1'))).error(), CodecError::kInvalidPeerId);
    EXPECT_EQ(PeerId::from_bytes({}).error(), CodecError::kInvalidPeerId);
    // An identity id whose digest is no key: a valid id (go and js accept it) without a key.
    const PeerId odd = *PeerId::from_bytes(hex("0003010203"));
    EXPECT_TRUE(odd.has_inline_key());
    EXPECT_EQ(odd.public_key().error(), CodecError::kMalformedProtobuf);
}

TEST(PeerId, FromStringErrors) {
    EXPECT_EQ(PeerId::from_string("").error(), CodecError::kInvalidPeerId);
    EXPECT_EQ(PeerId::from_string("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3p").error(),
              CodecError::kInvalidPeerId);
    EXPECT_EQ(PeerId::from_string("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi").error(),
              CodecError::kWrongCodec);  // a dag-pb CID
}

TEST(PeerId, ValueSemantics) {
    const PeerId a = PeerId::from_public_key(key(tv::kEd25519Public));
    const PeerId b = PeerId::from_public_key(key(tv::kRsaPublic));
    const PeerId a2 = *PeerId::from_string(a.to_string());
    EXPECT_EQ(a, a2);
    EXPECT_NE(a, b);
    EXPECT_LT(a, b);  // identity (0x00…) sorts before sha2-256 (0x12…)
    std::unordered_set<PeerId> set{a, a2, b};
    EXPECT_EQ(set.size(), 2u);
}

TEST(PeerId, InMultiaddrs) {
    const PeerId id = PeerId::from_public_key(key(tv::kSecp256k1Public));
    const Multiaddr base = *Multiaddr::from_string("/ip4/127.0.0.1/tcp/4001");
    const Multiaddr full = with_peer_id(base, id);
    EXPECT_EQ(full.to_string(), "/ip4/127.0.0.1/tcp/4001/p2p/" + id.to_string());
    EXPECT_EQ(peer_id_of(full), id);
    EXPECT_EQ(peer_id_of(base), std::nullopt);
    const PeerId relay = PeerId::from_public_key(key(tv::kRsaPublic));
    const Multiaddr relayed =
        with_peer_id(with_peer_id(base, relay).encapsulate(*Multiaddr::from_string("/p2p-circuit")), id);
    EXPECT_EQ(peer_id_of(relayed), id);
}

}  // namespace
}  // namespace kitsunet::p2p
