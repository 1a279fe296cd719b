#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/pubsub/message_id.hpp"
#include "kitsunet/p2p/pubsub/signing.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

std::uint64_t seqno_of(const Message& m) {
    std::uint64_t v = 0;
    for (auto b : *m.seqno) v = (v << 8) | b;
    return v;
}

TEST(Signing, SignsWithFromSeqnoAndVerifies) {
    MessageAuthor author(PrivateKey::generate(KeyType::kEd25519));
    const auto m = author.make("t", Bytes{1, 2, 3});
    ASSERT_TRUE(m.from && m.seqno && m.signature);
    EXPECT_EQ(m.seqno->size(), 8u);
    EXPECT_FALSE(m.key);  // an Ed25519 peer id inlines the key
    const auto from = verify_message(m, SignaturePolicy::kStrictSign);
    ASSERT_TRUE(from) << describe(from.error());
    EXPECT_EQ((*from)->bytes().size(), m.from->size());
}

TEST(Signing, SeqnosStrictlyIncreaseFromTheWallClock) {
    MessageAuthor author(PrivateKey::generate());
    const auto a = seqno_of(author.make("t", {}));
    const auto b = seqno_of(author.make("t", {}));
    EXPECT_EQ(b, a + 1);
    EXPECT_GT(a, std::uint64_t{1'600'000'000} * 1'000'000'000);  // nanoseconds since 1970, after 2020
}

TEST(Signing, SignatureCoversTheMessageButNotItsHops) {
    MessageAuthor author(PrivateKey::generate());
    const auto m = author.make("t", Bytes{1});
    auto hopped = m;
    hopped.hops = 3;
    EXPECT_TRUE(verify_message(hopped, SignaturePolicy::kStrictSign));
    for (auto change :
         {+[](Message& x) { x.data = Bytes{2}; }, +[](Message& x) { x.topic.assign(1, 'u'); },
          +[](Message& x) { (*x.seqno)[7] ^= 1; }, +[](Message& x) { (*x.signature)[0] ^= 1; }}) {
        auto bad = m;
        change(bad);
        EXPECT_EQ(verify_message(bad, SignaturePolicy::kStrictSign).error(), SignatureError::kBadSignature);
    }
}

TEST(Signing, RejectsMissingOrForeignAuthorFields) {
    MessageAuthor author(PrivateKey::generate());
    const auto m = author.make("t", Bytes{1});
    auto no_sig = m;
    no_sig.signature.reset();
    EXPECT_EQ(verify_message(no_sig, SignaturePolicy::kStrictSign).error(),
              SignatureError::kMissingSignature);
    auto short_seqno = m;
    short_seqno.seqno->pop_back();
    EXPECT_EQ(verify_message(short_seqno, SignaturePolicy::kStrictSign).error(),
              SignatureError::kInvalidSeqno);
    auto bad_from = m;
    bad_from.from = Bytes{1, 2, 3};
    EXPECT_EQ(verify_message(bad_from, SignaturePolicy::kStrictSign).error(), SignatureError::kInvalidFrom);
    // A key that is not the author's.
    auto other_key = m;
    other_key.key = PrivateKey::generate().public_key().to_protobuf();
    EXPECT_EQ(verify_message(other_key, SignaturePolicy::kStrictSign).error(), SignatureError::kInvalidKey);
    // Anonymous policy refuses author fields, and accepts a bare message.
    EXPECT_EQ(verify_message(m, SignaturePolicy::kStrictNoSign).error(), SignatureError::kUnexpectedField);
    EXPECT_TRUE(verify_message(MessageAuthor().make("t", Bytes{1}), SignaturePolicy::kStrictNoSign));
}

TEST(Signing, KeysNotInlinedInThePeerIdTravelInTheKeyField) {
    MessageAuthor author(PrivateKey::generate(KeyType::kEcdsa));
    const auto m = author.make("t", Bytes{7});
    ASSERT_TRUE(m.key);
    EXPECT_TRUE(verify_message(m, SignaturePolicy::kStrictSign));
    auto without = m;
    without.key.reset();
    EXPECT_EQ(verify_message(without, SignaturePolicy::kStrictSign).error(), SignatureError::kNoKey);
}

TEST(MessageIdTest, JsDefaultIsTheKeyProtobufThenTheSeqno) {
    const auto key = PrivateKey::ed25519_from_seed(Bytes(32, 7));
    MessageAuthor author(key);
    const auto m = author.make("t", {});
    const auto id = public_key_seqno_id(m);
    ASSERT_TRUE(id);
    const Bytes expected = concat(key.public_key().to_protobuf(), *m.seqno);
    EXPECT_EQ(*id, std::string(expected.begin(), expected.end()));
    EXPECT_EQ(to_hex(as_bytes(*id)).substr(0, 8), "08011220");  // PublicKey{Type: Ed25519, Data: 32 bytes}
    // go-libp2p's default is from ‖ seqno.
    const Bytes from_seqno = concat(*m.from, *m.seqno);
    EXPECT_EQ(*from_seqno_id(m), std::string(from_seqno.begin(), from_seqno.end()));
    // A sha2-256 peer id (ECDSA) takes the key from the key field.
    const auto ecdsa = MessageAuthor(PrivateKey::generate(KeyType::kEcdsa)).make("t", {});
    EXPECT_EQ(public_key_seqno_id(ecdsa)->substr(0, ecdsa.key->size()),
              std::string(ecdsa.key->begin(), ecdsa.key->end()));
    EXPECT_FALSE(public_key_seqno_id(Message{}));
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
