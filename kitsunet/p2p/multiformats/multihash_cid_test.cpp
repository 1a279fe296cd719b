// Multihash, CIDv1 and the peer id forms (libp2p specs peer-ids.md examples).
#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/multiformats/cid.hpp"
#include "kitsunet/p2p/multiformats/multibase.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"
#include "kitsunet/p2p/multiformats/peer_id_format.hpp"

namespace kitsunet::p2p {
namespace {

Bytes hex(std::string_view h) { return *from_hex(h); }

// peer-ids.md: one sha2-256 peer id in both text forms.
constexpr std::string_view kSha256Base58 = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N";
constexpr std::string_view kSha256Cid = "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe";
constexpr std::string_view kSha256Hex =
    "12209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9";
// peer-ids.md: an Ed25519 peer id (identity multihash of a 36-byte PublicKey protobuf).
constexpr std::string_view kEd25519Base58 = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

TEST(Multihash, ParsesAndEncodes) {
    const Bytes mh = hex(kSha256Hex);
    auto parsed = parse_multihash(mh);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->code, 0x12u);
    EXPECT_EQ(parsed->digest.size(), 32u);
    EXPECT_EQ(encode_multihash(0x12, parsed->digest), mh);
    EXPECT_EQ(to_hex(encode_multihash(0x00, hex("0102"))), "00020102");
}

TEST(Multihash, RejectsBadFraming) {
    EXPECT_EQ(parse_multihash(hex("1220")).error(), CodecError::kTruncated);
    EXPECT_EQ(parse_multihash(hex("121f" + std::string(62, '0'))).error(), CodecError::kMultihashLength);
    EXPECT_EQ(parse_multihash(hex("000100ff")).error(), CodecError::kTrailingBytes);
    EXPECT_EQ(parse_multihash(hex("8000")).error(), CodecError::kVarintNonMinimal);
    EXPECT_EQ(parse_multihash(hex("")).error(), CodecError::kTruncated);
    EXPECT_TRUE(parse_multihash(hex("1401ff")));  // codes we do not know: framing only
}

TEST(Cid, LibP2pKeyCid) {
    auto bytes = multibase_decode(kSha256Cid);
    ASSERT_TRUE(bytes);
    auto cid = parse_cid_v1(*bytes);
    ASSERT_TRUE(cid);
    EXPECT_EQ(cid->codec, kLibp2pKeyCodec);
    EXPECT_EQ(to_hex(cid->multihash), kSha256Hex);
    EXPECT_EQ(encode_cid_v1(kLibp2pKeyCodec, cid->multihash), *bytes);
}

TEST(Cid, RejectsOtherVersionsAndTrailingBytes) {
    EXPECT_EQ(parse_cid_v1(hex(kSha256Hex)).error(), CodecError::kUnsupportedCidVersion);  // CIDv0
    EXPECT_EQ(parse_cid_v1(hex("0272" + std::string(kSha256Hex))).error(),
              CodecError::kUnsupportedCidVersion);
    EXPECT_EQ(parse_cid_v1(hex("0172" + std::string(kSha256Hex) + "00")).error(), CodecError::kTrailingBytes);
    EXPECT_EQ(parse_cid_v1(hex("01")).error(), CodecError::kTruncated);
}

TEST(PeerIdFormat, BothTextFormsOfTheSpecExample) {
    auto from_base58 = peer_id_from_text(kSha256Base58);
    auto from_cid = peer_id_from_text(kSha256Cid);
    ASSERT_TRUE(from_base58);
    ASSERT_TRUE(from_cid);
    EXPECT_EQ(*from_base58, *from_cid);
    EXPECT_EQ(to_hex(*from_base58), kSha256Hex);
    EXPECT_EQ(peer_id_to_base58(*from_cid), kSha256Base58);
    EXPECT_EQ(peer_id_to_cid_text(*from_base58), kSha256Cid);
}

TEST(PeerIdFormat, Ed25519IdentityExample) {
    auto mh = peer_id_from_text(kEd25519Base58);
    ASSERT_TRUE(mh);
    ASSERT_EQ(mh->size(), 2u + 36u);
    EXPECT_EQ((*mh)[0], 0x00);  // identity
    EXPECT_EQ((*mh)[1], 36);
    EXPECT_EQ(to_hex(ByteView(*mh).subspan(2, 4)), "08011220");  // PublicKey{Ed25519, 32 bytes}
    EXPECT_EQ(peer_id_to_base58(*mh), kEd25519Base58);
}

TEST(PeerIdFormat, ValidatesMultihashKinds) {
    EXPECT_TRUE(validate_peer_id(hex(kSha256Hex)));
    EXPECT_TRUE(validate_peer_id(hex("002a" + std::string(84, 'a'))));   // 42-byte identity
    EXPECT_FALSE(validate_peer_id(hex("002b" + std::string(86, 'a'))));  // 43: must be hashed
    EXPECT_FALSE(validate_peer_id(hex("1320" + std::string(64, 'a'))));  // sha2-512 code
    EXPECT_FALSE(validate_peer_id(hex("")));
}

TEST(PeerIdFormat, RejectsMalformedText) {
    EXPECT_EQ(peer_id_from_text("").error(), CodecError::kInvalidPeerId);
    EXPECT_EQ(peer_id_from_text("Qm").error(), CodecError::kInvalidPeerId);
    EXPECT_EQ(peer_id_from_text("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5").error(),
              CodecError::kInvalidPeerId);
    EXPECT_EQ(peer_id_from_text("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N0").error(),
              CodecError::kInvalidPeerId);
    EXPECT_EQ(peer_id_from_text("x12D3").error(), CodecError::kInvalidPeerId);
    // A CIDv1 of another codec (dag-pb, 0x70) is a CID but not a peer id.
    const std::string dag_pb = multibase_encode(Multibase::kBase32, encode_cid_v1(0x70, hex(kSha256Hex)));
    EXPECT_EQ(peer_id_from_text(dag_pb).error(), CodecError::kWrongCodec);
    // Base58 text in the CID branch must be a CID.
    EXPECT_EQ(peer_id_from_text(std::string("z") + std::string(kSha256Base58)).error(),
              CodecError::kInvalidPeerId);
}

}  // namespace
}  // namespace kitsunet::p2p
