// Bad input against gossipsub: malformed and oversized RPCs, subscription floods, IHAVE, IWANT,
// IDONTWANT and GRAFT floods. The router's state stays bounded and the offender is scored down
// (and then ignored), while honest traffic keeps flowing.
#include <gtest/gtest.h>

#include <random>

#include "kitsunet/p2p/pubsub/gossipsub.hpp"
#include "kitsunet/p2p/pubsub/sim_test_util.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace test;

struct Target {
    SimNetwork net;
    std::size_t router;
    std::size_t honest;
    std::size_t attacker;
    GossipsubConfig config;

    explicit Target(std::uint64_t seed, GossipsubConfig g = {}, RouterConfig rc = router_config(1))
        : net(seed), config(g) {
        router = net.add(std::make_unique<GossipsubRouter>(g, rc));
        honest = net.add(std::make_unique<GossipsubRouter>(g, router_config(2)));
        attacker = net.add_raw({std::string(protocol::kMeshsub12)});
        net.connect(honest, router);
        net.connect(attacker, router);
        net.join(router, "t");
        net.join(honest, "t");
        net.send(attacker, router, Rpc{{{true, "t"}}, {}, {}});
        net.run_for(2s);
    }
    GossipsubRouter& gs() { return net.as<GossipsubRouter>(router); }
    double attacker_score() { return gs().score(net.id(attacker)); }
    /// Honest traffic still flows.
    void expect_honest_delivery() {
        const auto id = net.publish(honest, "t", payload(32));
        net.run_for(1s);
        EXPECT_EQ(net.delivered(router, *id), 1u);
    }
};

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

TEST(GossipsubAttack, MalformedRpcsAreScoredDown) {
    Target t(41);
    std::mt19937_64 rng(41);
    for (int i = 0; i < 50; ++i) {
        Bytes frame = random_bytes(rng, 64);
        frame[0] = 0x0f;  // wire type 7: never a valid protobuf
        t.net.send_frame(t.attacker, t.router, frame);
    }
    t.net.run_for(100ms);
    EXPECT_LT(t.attacker_score(), PeerScoreThresholds{}.graylist);
    t.expect_honest_delivery();
}

TEST(GossipsubAttack, OversizedFramesAndMessagesAreRefused) {
    RouterConfig rc = router_config(1);
    rc.max_message_size = 64 * 1024;
    Target t(42, {}, rc);
    // A frame over the transport limit (1 MiB here) never reaches the decoder.
    t.net.send_frame(t.attacker, t.router, Bytes((1 << 20) + 1, 0));
    // A message over the router's limit inside a valid frame is dropped and penalised.
    auto big = t.net.make_message(t.attacker, "t", payload(100 * 1024));
    t.net.send(t.attacker, t.router, Rpc{{}, {std::make_shared<const Message>(big)}, {}});
    t.net.run_for(100ms);
    EXPECT_TRUE(t.net.deliveries(t.router).empty());
    EXPECT_LT(t.attacker_score(), 0.0);
    // Our own publications obey the same limit.
    EXPECT_EQ(t.net.publish(t.router, "t", payload(100 * 1024)).error(), PublishError::kTooLarge);
}

TEST(GossipsubAttack, TenThousandSubscriptionsFromOnePeerStayBounded) {
    Target t(43);
    // In one RPC: over the decoder's limit, refused whole.
    Rpc one;
    for (int i = 0; i < 10000; ++i) one.subscriptions.push_back({true, numbered("flood-", i)});
    t.net.send(t.attacker, t.router, one);
    // In RPCs of 1,000: accepted up to max_topics_per_peer, the rest ignored and penalised.
    for (int batch = 0; batch < 10; ++batch) {
        Rpc rpc;
        for (int i = 0; i < 1000; ++i) rpc.subscriptions.push_back({true, numbered("f-", batch * 1000 + i)});
        t.net.send(t.attacker, t.router, rpc);
    }
    t.net.run_for(100ms);
    EXPECT_LE(t.gs().topic_count(t.net.id(t.attacker)), RouterConfig{}.max_topics_per_peer);
    EXPECT_LT(t.attacker_score(), PeerScoreThresholds{}.graylist);
    t.expect_honest_delivery();
}

TEST(GossipsubAttack, IhaveFloodsAreCappedAndBrokenPromisesPenalised) {
    Target t(44);
    std::mt19937_64 rng(44);
    std::size_t iwant_ids = 0;
    t.net.set_tamper([&](std::size_t from, std::size_t to, Rpc& rpc) {
        if (from != t.router || to != t.attacker || !rpc.control) return;
        for (const auto& iwant : rpc.control->iwant) iwant_ids += iwant.message_ids.size();
    });
    for (int i = 0; i < 100; ++i) {
        Rpc rpc;
        auto& ihave = rpc.control.emplace().ihave.emplace_back();
        ihave.topic.assign(1, 't');  // (= "t" trips a false g++ 12 -Wrestrict warning)
        for (int k = 0; k < 1000; ++k) {
            const auto id = random_bytes(rng, 40);
            ihave.message_ids.emplace_back(id.begin(), id.end());
        }
        t.net.send(t.attacker, t.router, rpc);
    }
    t.net.run_for(10ms);
    // Within one heartbeat: at most max_ihave_messages IHAVEs answered, max_ihave_length ids asked.
    EXPECT_LE(iwant_ids, t.config.max_ihave_length);
    EXPECT_LE(t.gs().state_sizes(t.net.id(t.attacker)).promises, t.config.max_ihave_messages);
    // None of the promised messages comes: the broken promises push the score below zero.
    t.net.run_for(5s);
    EXPECT_LT(t.attacker_score(), 0.0);
    EXPECT_EQ(t.gs().state_sizes(t.net.id(t.attacker)).promises, 0u);
    t.expect_honest_delivery();
}

TEST(GossipsubAttack, IdontwantFloodsAreCapped) {
    Target t(45);
    std::mt19937_64 rng(45);
    for (int i = 0; i < 50; ++i) {
        Rpc rpc;
        auto& entry = rpc.control.emplace().idontwant.emplace_back();
        for (int k = 0; k < 500; ++k) {
            const auto id = random_bytes(rng, 40);
            entry.message_ids.emplace_back(id.begin(), id.end());
        }
        t.net.send(t.attacker, t.router, rpc);
        t.net.run_for(200ms);
        EXPECT_LE(t.gs().state_sizes(t.net.id(t.attacker)).idontwant,
                  t.config.max_idontwant_messages * (t.config.history_length + 1));
    }
}

TEST(GossipsubAttack, IwantRetransmissionsAreCapped) {
    Target t(46);
    const auto id = t.net.publish(t.router, "t", payload(64));
    std::size_t copies = 0;
    t.net.set_tamper([&](std::size_t from, std::size_t to, Rpc& rpc) {
        if (from == t.router && to == t.attacker) copies += rpc.messages.size();
    });
    for (int i = 0; i < 20; ++i) {
        Rpc rpc;
        rpc.control.emplace().iwant.push_back({{*id}});
        t.net.send(t.attacker, t.router, rpc);
    }
    t.net.run_for(100ms);
    EXPECT_EQ(copies, t.config.gossip_retransmission);
}

TEST(GossipsubAttack, GraftsForUnknownTopicsAreIgnored) {
    Target t(47);
    Rpc rpc;
    for (int i = 0; i < 1000; ++i) rpc.control.emplace().graft.push_back({numbered("unknown-", i)});
    t.net.send(t.attacker, t.router, rpc);
    const auto frames_before = t.net.received(t.attacker).size();
    t.net.run_for(100ms);
    EXPECT_EQ(t.net.received(t.attacker).size(), frames_before);  // no PRUNE storm in reply
    EXPECT_TRUE(t.gs().mesh_peers("unknown-1").empty());
}

// The score thresholds take effect in order: below gossip (-10) a peer gets no IHAVE and its
// IHAVEs go unanswered, but our own messages are still flood-published to it; below publish
// (-50) those stop too; below graylist (-80) everything it sends is ignored.
TEST(GossipsubAttack, ScoreThresholdsCutGossipThenPublishingThenEverything) {
    Target t(48);
    std::mt19937_64 rng(48);
    std::size_t ihaves = 0, iwants = 0, messages = 0;
    t.net.set_tamper([&](std::size_t from, std::size_t to, Rpc& rpc) {
        if (from != t.router || to != t.attacker) return;
        messages += rpc.messages.size();
        if (rpc.control) {
            ihaves += rpc.control->ihave.size();
            iwants += rpc.control->iwant.size();
        }
    });
    // The attacker leaves the mesh (a PRUNE): a plain topic peer, gossiped to, not forwarded to.
    Rpc prune;
    prune.control.emplace().prune.push_back({"t", {}, std::nullopt});
    t.net.send(t.attacker, t.router, prune);
    const auto advertise = [&] {
        Rpc rpc;
        auto& ihave = rpc.control.emplace().ihave.emplace_back();
        ihave.topic.assign(1, 't');
        const auto id = random_bytes(rng, 40);
        ihave.message_ids.emplace_back(id.begin(), id.end());
        t.net.send(t.attacker, t.router, rpc);
    };
    const auto forge = [&] {
        auto m = t.net.make_message(t.attacker, "t", payload(8));
        (*m.signature)[0] ^= 1;
        t.net.send(t.attacker, t.router, Rpc{{}, {std::make_shared<const Message>(m)}, {}});
    };
    const auto round = [&] {
        ihaves = iwants = messages = 0;
        (void)t.net.publish(t.honest, "t", payload(16));  // reaches the attacker only as gossip
        advertise();
        t.net.run_for(2500ms);
        std::size_t forwarded = messages;
        messages = 0;
        (void)t.net.publish(t.router, "t", payload(16));  // flood-published by the router itself
        t.net.run_for(50ms);
        return forwarded;
    };
    const PeerScoreThresholds thresholds;
    EXPECT_GE(t.attacker_score(), thresholds.gossip);
    EXPECT_EQ(round(), 0u);
    EXPECT_GT(ihaves, 0u);
    EXPECT_GT(iwants, 0u);
    EXPECT_EQ(messages, 1u);

    forge();  // one invalid message: P4 = -20
    t.net.run_for(10ms);
    ASSERT_LT(t.attacker_score(), thresholds.gossip);
    ASSERT_GE(t.attacker_score(), thresholds.publish);
    EXPECT_EQ(round(), 0u);
    EXPECT_EQ(ihaves, 0u);
    EXPECT_EQ(iwants, 0u);
    EXPECT_EQ(messages, 1u);

    forge();
    forge();  // three: -180
    t.net.run_for(10ms);
    ASSERT_LT(t.attacker_score(), thresholds.graylist);
    EXPECT_EQ(round(), 0u);
    EXPECT_EQ(ihaves, 0u);
    EXPECT_EQ(iwants, 0u);
    EXPECT_EQ(messages, 0u);
    t.expect_honest_delivery();
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
