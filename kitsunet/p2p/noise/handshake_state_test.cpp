// The XX handshake state machine run against itself, and refusing broken messages.
#include <gtest/gtest.h>

#include "kitsunet/p2p/noise/handshake_state.hpp"

namespace kitsunet::p2p::noise {
namespace {

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

struct Pair {
    DhKeyPair initiator_static = DhKeyPair::generate();
    DhKeyPair responder_static = DhKeyPair::generate();
    XXHandshake initiator{Role::kInitiator, initiator_static};
    XXHandshake responder{Role::kResponder, responder_static};
};

TEST(XXHandshake, RunsAgainstItselfAndAgreesOnKeys) {
    Pair p;
    EXPECT_TRUE(p.initiator.my_turn());
    EXPECT_FALSE(p.responder.my_turn());
    const Bytes m1 = p.initiator.write_message({});
    EXPECT_EQ(m1.size(), 32u);
    EXPECT_EQ(p.responder.read_message(m1).value(), Bytes{});
    const Bytes m2 = p.responder.write_message(text("responder payload"));
    EXPECT_EQ(m2.size(), 32u + 48u + 17u + 16u);
    EXPECT_EQ(p.initiator.read_message(m2).value(), text("responder payload"));
    EXPECT_EQ(p.initiator.remote_static(), p.responder_static.public_key);
    const Bytes m3 = p.initiator.write_message(text("initiator payload"));
    EXPECT_EQ(m3.size(), 48u + 17u + 16u);
    EXPECT_EQ(p.responder.read_message(m3).value(), text("initiator payload"));
    EXPECT_EQ(p.responder.remote_static(), p.initiator_static.public_key);
    ASSERT_TRUE(p.initiator.complete() && p.responder.complete());
    EXPECT_EQ(p.initiator.handshake_hash(), p.responder.handshake_hash());

    auto [i_send, i_receive] = p.initiator.split();
    auto [r_send, r_receive] = p.responder.split();
    Bytes sealed(5 + kTagSize), opened(5);
    i_send.encrypt({}, text("hello"), sealed);
    ASSERT_TRUE(r_receive.decrypt({}, sealed, opened));
    EXPECT_EQ(opened, text("hello"));
    r_send.encrypt({}, text("world"), sealed);
    ASSERT_TRUE(i_receive.decrypt({}, sealed, opened));
    EXPECT_EQ(opened, text("world"));
    // The two directions have different keys.
    i_send.encrypt({}, text("again"), sealed);
    EXPECT_FALSE(i_receive.decrypt({}, sealed, opened));
}

TEST(XXHandshake, DeterministicWithGivenEphemerals) {
    const auto s1 = DhKeyPair::from_secret(Bytes(32, 1)), s2 = DhKeyPair::from_secret(Bytes(32, 2));
    const auto e1 = DhKeyPair::from_secret(Bytes(32, 3)), e2 = DhKeyPair::from_secret(Bytes(32, 4));
    auto run = [&] {
        XXHandshake i(Role::kInitiator, s1, {}, e1), r(Role::kResponder, s2, {}, e2);
        Bytes transcript = i.write_message({});
        (void)r.read_message(transcript);
        const Bytes m2 = r.write_message({});
        (void)i.read_message(m2);
        transcript.insert(transcript.end(), m2.begin(), m2.end());
        return transcript;
    };
    EXPECT_EQ(run(), run());
}

TEST(XXHandshake, RefusesTamperedTruncatedAndWeakMessages) {
    {
        Pair p;
        (void)p.responder.read_message(p.initiator.write_message({}));
        Bytes m2 = p.responder.write_message(text("x"));
        m2[40] ^= 1;  // inside the encrypted static key
        EXPECT_EQ(p.initiator.read_message(m2).error(), HandshakeError::kDecryptFailed);
    }
    {
        Pair p;
        (void)p.responder.read_message(p.initiator.write_message({}));
        const Bytes m2 = p.responder.write_message({});
        EXPECT_EQ(p.initiator.read_message(ByteView(m2).first(95)).error(), HandshakeError::kTooShort);
    }
    {
        Pair p;
        EXPECT_EQ(p.responder.read_message(Bytes(31, 9)).error(), HandshakeError::kTooShort);
        Pair q;  // the all-zero point (low order): every DH with it is zero
        EXPECT_EQ(q.responder.read_message(Bytes(32, 0)).error(), HandshakeError::kWeakKey);
    }
    {
        Pair p;
        (void)p.responder.read_message(p.initiator.write_message({}));
        (void)p.initiator.read_message(p.responder.write_message({}));
        Bytes m3 = p.initiator.write_message(text("payload"));
        m3.back() ^= 0x80;  // the payload's tag
        EXPECT_EQ(p.responder.read_message(m3).error(), HandshakeError::kDecryptFailed);
    }
}

}  // namespace
}  // namespace kitsunet::p2p::noise
