// Differential test against js-libp2p (test/js/identity_oracle.mjs: @libp2p/crypto 5,
// @libp2p/peer-id 6): keys js makes parse here to the same public keys and peer ids, and their
// signatures verify; keys we make get the same peer ids there, and our signatures verify there.
// ECDSA is left out: js-libp2p encodes ECDSA keys and signatures unlike the spec and go-libp2p
// (a SEC1-style public key, raw r‖s signatures); keys_test.cpp checks ours against the spec.
#include <gtest/gtest.h>

#include <random>

#include <boost/json.hpp>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/testing/js_oracle.hpp"

namespace kitsunet::p2p {
namespace {

namespace json = boost::json;

std::string_view str(const json::value& v) { return v.as_string(); }
Bytes hex(const json::value& v) { return from_hex(str(v)).value(); }

Bytes random_message(std::mt19937_64& rng) {
    Bytes m(rng() % 200);
    for (auto& b : m) b = static_cast<std::uint8_t>(rng());
    return m;
}

struct TypeCase {
    KeyType type;
    std::string_view js_name;
    int count;
};
// RSA keys are slow to make (in both): fewer of them.
const TypeCase kTypes[] = {
    {KeyType::kEd25519, "Ed25519", 24}, {KeyType::kSecp256k1, "secp256k1", 24}, {KeyType::kRsa, "RSA", 3}};

TEST(IdentityDifferential, KeysMadeByJs) {
    std::mt19937_64 rng(31);
    json::array generate;
    std::vector<std::pair<KeyType, Bytes>> asked;
    for (const auto& t : kTypes)
        for (int i = 0; i < t.count; ++i) {
            asked.emplace_back(t.type, random_message(rng));
            generate.push_back(json::object{{"type", t.js_name}, {"message", to_hex(asked.back().second)}});
        }
    const json::value result =
        testing::run_js_oracle("identity_oracle.mjs", json::object{{"generate", generate}});
    json::array verify;
    std::vector<Bytes> our_signatures;
    for (std::size_t i = 0; i < asked.size(); ++i) {
        const auto& [type, message] = asked[i];
        const json::value& js = result.at("generate").at(i);
        auto sk = PrivateKey::from_protobuf(hex(js.at("private")));
        ASSERT_TRUE(sk) << to_string(type) << " " << str(js.at("private")) << ": " << describe(sk.error());
        EXPECT_EQ(sk->type(), type);
        EXPECT_EQ(to_hex(sk->public_key().to_protobuf()), str(js.at("public")));
        EXPECT_EQ(to_hex(sk->to_protobuf()), str(js.at("private")));  // re-encodes byte for byte
        const PeerId id = PeerId::from_public_key(sk->public_key());
        EXPECT_EQ(id.to_string(), str(js.at("peerId")));
        EXPECT_EQ(id.to_cid_string(), str(js.at("cid")));
        EXPECT_EQ(PeerId::from_string(str(js.at("cid"))).value(), id);
        const Bytes js_signature = hex(js.at("signature"));
        EXPECT_TRUE(sk->public_key().verify(message, js_signature)) << to_string(type);
        our_signatures.push_back(sk->sign(message));
        // Ed25519 and RFC 6979 ECDSA are deterministic: the same key signs the same bytes alike.
        EXPECT_EQ(to_hex(our_signatures.back()), str(js.at("signature"))) << to_string(type);
        verify.push_back(json::object{{"public", str(js.at("public"))},
                                      {"message", to_hex(message)},
                                      {"signature", to_hex(our_signatures.back())}});
    }
    const json::value verified =
        testing::run_js_oracle("identity_oracle.mjs", json::object{{"verify", verify}});
    for (std::size_t i = 0; i < asked.size(); ++i)
        EXPECT_EQ(verified.at("verify").at(i), json::value(true)) << to_string(asked[i].first) << " #" << i;
}

TEST(IdentityDifferential, KeysMadeHere) {
    std::mt19937_64 rng(32);
    std::vector<PrivateKey> keys;
    std::vector<Bytes> messages;
    json::array peer_ids, verify, tampered;
    for (const auto& t : kTypes)
        for (int i = 0; i < t.count; ++i) {
            keys.push_back(PrivateKey::generate(t.type));
            messages.push_back(random_message(rng));
            const Bytes signature = keys.back().sign(messages.back());
            const std::string pub = to_hex(keys.back().public_key().to_protobuf());
            peer_ids.emplace_back(pub);
            verify.push_back(json::object{
                {"public", pub}, {"message", to_hex(messages.back())}, {"signature", to_hex(signature)}});
            Bytes wrong = messages.back();
            wrong.push_back(0);  // the signature must not cover another message
            tampered.push_back(
                json::object{{"public", pub}, {"message", to_hex(wrong)}, {"signature", to_hex(signature)}});
        }
    for (const auto& t : tampered) verify.push_back(t);
    const json::value result = testing::run_js_oracle(
        "identity_oracle.mjs", json::object{{"peerIds", peer_ids}, {"verify", verify}});
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const PeerId id = PeerId::from_public_key(keys[i].public_key());
        const json::value& js = result.at("peerIds").at(i);
        EXPECT_EQ(id.to_string(), str(js.at("peerId"))) << json::serialize(js);
        EXPECT_EQ(id.to_cid_string(), str(js.at("cid")));
        EXPECT_EQ(to_hex(id.bytes()), str(js.at("bytes")));
        EXPECT_EQ(result.at("verify").at(i), json::value(true)) << to_string(keys[i].type());
        EXPECT_EQ(result.at("verify").at(keys.size() + i), json::value(false)) << to_string(keys[i].type());
    }
}

TEST(IdentityDifferential, PeerIdTextParsing) {
    std::mt19937_64 rng(33);
    std::vector<PeerId> ids;
    for (int i = 0; i < 20; ++i) ids.push_back(PeerId::from_public_key(PrivateKey::generate().public_key()));
    for (int i = 0; i < 20; ++i) {  // arbitrary sha2-256 ids
        Bytes mh{0x12, 0x20};
        for (int k = 0; k < 32; ++k) mh.push_back(static_cast<std::uint8_t>(rng()));
        ids.push_back(*PeerId::from_bytes(mh));
    }
    json::array texts;
    for (const auto& id : ids) {
        texts.emplace_back(id.to_string());
        texts.emplace_back(id.to_cid_string());
    }
    const json::value result =
        testing::run_js_oracle("identity_oracle.mjs", json::object{{"parsePeerIds", texts}});
    for (std::size_t i = 0; i < texts.size(); ++i)
        EXPECT_EQ(str(result.at("parsePeerIds").at(i).at("bytes")), to_hex(ids[i / 2].bytes())) << texts[i];
}

}  // namespace
}  // namespace kitsunet::p2p
