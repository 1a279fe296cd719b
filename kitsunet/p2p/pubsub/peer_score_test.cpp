// The score function of gossipsub v1.1, parameter by parameter.
#include <gtest/gtest.h>

#include "kitsunet/p2p/pubsub/peer_score.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace std::chrono_literals;

const TimePoint t0 = TimePoint{} + 1h;
const PeerId alice = PeerId::from_public_key(PrivateKey::ed25519_from_seed(Bytes(32, 1)).public_key());
const PeerId bob = PeerId::from_public_key(PrivateKey::ed25519_from_seed(Bytes(32, 2)).public_key());

/// Only the parameter under test has a weight.
PeerScoreParams only(const std::function<void(TopicScoreParams&)>& set, double behaviour_weight = 0) {
    TopicScoreParams t;
    t.time_in_mesh_weight = 0;
    t.first_message_deliveries_weight = 0;
    t.invalid_message_deliveries_weight = 0;
    set(t);
    PeerScoreParams p;
    p.topics.emplace("t", t);
    p.default_topic.reset();
    p.topic_score_cap = 0;
    p.behaviour_penalty_weight = behaviour_weight;
    return p;
}

PeerScore make(PeerScoreParams p) {
    PeerScore s(std::move(p), 2min, 1000);
    s.add_peer(alice);
    s.add_peer(bob);
    return s;
}

TEST(PeerScore, P1TimeInMeshGrowsPerQuantumUpToItsCap) {
    auto s = make(only([](TopicScoreParams& t) {
        t.time_in_mesh_weight = 1;
        t.time_in_mesh_quantum = 1s;
        t.time_in_mesh_cap = 10;
    }));
    s.graft(alice, "t", t0);
    s.refresh(t0 + 4s);
    EXPECT_DOUBLE_EQ(s.score(alice), 4);
    s.refresh(t0 + 60s);
    EXPECT_DOUBLE_EQ(s.score(alice), 10);
    s.prune(alice, "t");
    EXPECT_DOUBLE_EQ(s.score(alice), 0);
}

TEST(PeerScore, P2FirstDeliveriesAreCappedAndDecay) {
    auto s = make(only([](TopicScoreParams& t) {
        t.first_message_deliveries_weight = 1;
        t.first_message_deliveries_cap = 3;
        t.first_message_deliveries_decay = 0.5;
    }));
    for (int i = 0; i < 5; ++i) {
        const MessageId id(1, static_cast<char>('a' + i));
        s.validate_message(alice, id, t0);
        s.deliver_message(alice, id, "t", t0);
    }
    EXPECT_DOUBLE_EQ(s.score(alice), 3);
    s.refresh(t0 + 1s);
    EXPECT_DOUBLE_EQ(s.score(alice), 1.5);
    // Messages on topics without parameters do not count.
    s.deliver_message(alice, "z", "other", t0);
    EXPECT_DOUBLE_EQ(s.score(alice), 1.5);
}

TEST(PeerScore, P3MeshDeliveryDeficitAfterActivationAndP3bOnPrune) {
    auto s = make(only([](TopicScoreParams& t) {
        t.mesh_message_deliveries_weight = -1;
        t.mesh_message_deliveries_threshold = 4;
        t.mesh_message_deliveries_activation = 5s;
        t.mesh_message_deliveries_window = 10ms;
        t.mesh_message_deliveries_decay = 1;
        t.mesh_failure_penalty_weight = -2;
        t.mesh_failure_penalty_decay = 1;
    }));
    s.graft(alice, "t", t0);
    s.graft(bob, "t", t0);
    s.refresh(t0 + 1s);
    EXPECT_DOUBLE_EQ(s.score(alice), 0);  // not active yet
    // alice delivers one message first; bob the same one during validation, then a copy late.
    s.validate_message(alice, "m1", t0 + 2s);
    s.duplicate_message(bob, "m1", "t", t0 + 2s);
    s.deliver_message(alice, "m1", "t", t0 + 2s);
    s.validate_message(alice, "m2", t0 + 3s);
    s.deliver_message(alice, "m2", "t", t0 + 3s);
    s.duplicate_message(bob, "m2", "t", t0 + 3s + 5ms);  // within the window: counts
    s.validate_message(alice, "m3", t0 + 4s);
    s.deliver_message(alice, "m3", "t", t0 + 4s);
    s.duplicate_message(bob, "m3", "t", t0 + 4s + 50ms);  // too late: does not
    s.refresh(t0 + 6s);
    EXPECT_DOUBLE_EQ(s.score(alice), -1);  // 3 of 4: deficit 1, squared
    EXPECT_DOUBLE_EQ(s.score(bob), -4);    // 2 of 4
    s.prune(bob, "t");
    EXPECT_DOUBLE_EQ(s.score(bob), -8);  // P₃ gone with the mesh, P₃b = 4 remains
}

TEST(PeerScore, P4InvalidMessagesCountSquaredAlsoForDuplicatesDuringValidation) {
    auto s = make(only([](TopicScoreParams& t) { t.invalid_message_deliveries_weight = -1; }));
    s.validate_message(alice, "bad", t0);
    s.duplicate_message(bob, "bad", "t", t0);
    s.reject_message(alice, "bad", "t", RejectReason::kValidator, t0);
    EXPECT_DOUBLE_EQ(s.score(alice), -1);
    EXPECT_DOUBLE_EQ(s.score(bob), -1);
    s.duplicate_message(bob, "bad", "t", t0);  // the same peer again: counted once
    EXPECT_DOUBLE_EQ(s.score(bob), -1);
    // A forged signature counts for the forwarder only.
    s.reject_message(alice, {}, "t", RejectReason::kSignature, t0);
    s.reject_message(alice, {}, "t", RejectReason::kSignature, t0);
    EXPECT_DOUBLE_EQ(s.score(alice), -9);
    // Ignored messages count for nobody.
    s.validate_message(bob, "meh", t0);
    s.ignore_message("meh");
    s.duplicate_message(alice, "meh", "t", t0);
    EXPECT_DOUBLE_EQ(s.score(alice), -9);
}

TEST(PeerScore, P7BehaviourPenaltyAboveItsThresholdSquared) {
    PeerScoreParams p = only([](TopicScoreParams&) {}, -1);
    p.behaviour_penalty_threshold = 1;
    p.behaviour_penalty_decay = 0.5;
    auto s = make(p);
    s.add_penalty(alice, 1);
    EXPECT_DOUBLE_EQ(s.score(alice), 0);
    s.add_penalty(alice, 3);
    EXPECT_DOUBLE_EQ(s.score(alice), -9);
    s.refresh(t0);
    EXPECT_DOUBLE_EQ(s.score(alice), -1);  // 4 halves to 2: excess 1
}

TEST(PeerScore, TopicCapAndAppSpecificScore) {
    PeerScoreParams p = only([](TopicScoreParams& t) { t.first_message_deliveries_weight = 10; });
    p.topic_score_cap = 25;
    p.app_specific_score = [](const PeerId& peer) { return peer == alice ? 2.0 : -3.0; };
    p.app_specific_weight = 1;
    auto s = make(p);
    for (int i = 0; i < 5; ++i) s.deliver_message(alice, MessageId(1, static_cast<char>(i)), "t", t0);
    EXPECT_DOUBLE_EQ(s.score(alice), 25 + 2);
    EXPECT_DOUBLE_EQ(s.score(bob), -3);
}

TEST(PeerScore, NegativeScoresOutliveADisconnectPositiveOnesDoNot) {
    auto s = make(only([](TopicScoreParams& t) {
        t.invalid_message_deliveries_weight = -1;
        t.first_message_deliveries_weight = 1;
    }));
    s.reject_message(alice, {}, "t", RejectReason::kSignature, t0);
    s.deliver_message(bob, "m", "t", t0);
    s.remove_peer(alice, t0);
    s.remove_peer(bob, t0);
    EXPECT_EQ(s.tracked_peers(), 1u);
    s.add_peer(alice);
    EXPECT_DOUBLE_EQ(s.score(alice), -1);  // reconnecting does not reset it
    s.remove_peer(alice, t0 + 1s);
    s.refresh(t0 + 1s + PeerScoreParams{}.retain_score);
    EXPECT_EQ(s.tracked_peers(), 0u);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
