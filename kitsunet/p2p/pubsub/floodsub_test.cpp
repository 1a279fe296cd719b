// floodsub on the simulated network: flooding, exactly-once delivery, subscriptions, bad peers.
#include <gtest/gtest.h>

#include "kitsunet/p2p/pubsub/floodsub.hpp"
#include "kitsunet/p2p/pubsub/sim_test_util.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace test;

std::unique_ptr<Router> floodsub(std::size_t i) { return std::make_unique<FloodsubRouter>(router_config(i)); }

TEST(Floodsub, EveryMessageReachesEverySubscriberOnce) {
    SimNetwork net(7);
    const auto nodes = add_nodes(net, 12, floodsub);
    connect_random(net, nodes, 3, 7);
    for (auto n : nodes) net.join(n, "t");
    net.run_for(100ms);
    std::vector<MessageId> ids;
    for (std::size_t k = 0; k < 10; ++k)
        ids.push_back(*net.publish(nodes[k % nodes.size()], "t", payload(100)));
    net.run_for(2s);
    for (std::size_t k = 0; k < ids.size(); ++k) {
        for (auto n : nodes) {
            EXPECT_EQ(net.delivered(n, ids[k]), n == nodes[k % nodes.size()] ? 0u : 1u) << "node " << n;
        }
    }
}

TEST(Floodsub, OnlySubscribersGetTheTopic) {
    SimNetwork net(1);
    const auto nodes = add_nodes(net, 3, floodsub);
    net.connect(nodes[0], nodes[1]);
    net.connect(nodes[0], nodes[2]);
    net.join(nodes[1], "t");
    net.join(nodes[2], "other");
    net.run_for(100ms);
    EXPECT_EQ(net.router(nodes[0]).topic_peers("t"), std::vector<PeerId>{net.id(nodes[1])});
    const auto id = net.publish(nodes[0], "t", payload(10));
    net.run_for(1s);
    EXPECT_EQ(net.delivered(nodes[1], *id), 1u);
    EXPECT_EQ(net.deliveries(nodes[2]).size(), 0u);
    EXPECT_EQ(net.message_copies(), 1u);  // nothing sent to the node not subscribed

    net.leave(nodes[1], "t");
    net.run_for(100ms);
    EXPECT_TRUE(net.router(nodes[0]).topic_peers("t").empty());
}

TEST(Floodsub, ForgedMessagesAreDroppedAndDoNotCensorTheRealOne) {
    SimNetwork net(2);
    const auto a = net.add(floodsub(0));
    const auto b = net.add(floodsub(1));
    const auto c = net.add(floodsub(2));
    const auto forger = net.add_raw({std::string(protocol::kFloodsub)});
    net.connect(a, b);
    net.connect(b, c);
    net.connect(forger, b);
    for (auto n : {a, b, c}) net.join(n, "t");
    net.send(forger, b, Rpc{{{true, "t"}}, {}, {}});
    net.run_for(100ms);
    // The forger copies a's next message with other data: same id, bad signature.
    auto real = net.make_message(a, "t", payload(5, 1));
    auto forged = real;
    forged.data = payload(5, 2);
    net.send(forger, b, Rpc{{}, {std::make_shared<const Message>(forged)}, {}});
    net.run_for(100ms);
    EXPECT_TRUE(net.deliveries(b).empty());
    net.send(a, b, Rpc{{}, {std::make_shared<const Message>(real)}, {}});
    net.run_for(100ms);
    ASSERT_EQ(net.deliveries(b).size(), 1u);
    EXPECT_EQ(net.deliveries(b)[0].message->data, payload(5, 1));
    EXPECT_EQ(net.deliveries(c).size(), 1u);
}

TEST(Floodsub, PeersSubscribingToTooManyTopicsAreDisconnected) {
    SimNetwork net(3);
    const auto a = net.add(floodsub(0));
    const auto spammer = net.add_raw({std::string(protocol::kFloodsub)});
    net.connect(spammer, a);
    for (int batch = 0; batch < 10; ++batch) {
        Rpc rpc;
        for (int i = 0; i < 1000; ++i)
            rpc.subscriptions.push_back({true, test::numbered("topic-", batch * 1000 + i)});
        net.send(spammer, a, rpc);
    }
    net.run_for(1s);
    EXPECT_FALSE(net.connected(spammer, a));
    EXPECT_FALSE(net.router(a).has_peer(net.id(spammer)));
}

TEST(Floodsub, AsyncValidatorsDecide) {
    SimNetwork net(4);
    const auto nodes = add_nodes(net, 3, floodsub);
    connect_line(net, nodes);
    for (auto n : nodes) net.join(n, "t");
    net.set_validator(
        nodes[1], "t",
        [](const Message& m) {
            return (*m.data)[0] == 1 ? ValidationResult::kAccept : ValidationResult::kReject;
        },
        50ms);
    net.run_for(100ms);
    const auto good = net.publish(nodes[0], "t", payload(4, 1));
    const auto bad = net.publish(nodes[0], "t", payload(4, 2));
    net.run_for(1s);
    EXPECT_EQ(net.delivered(nodes[2], *good), 1u);
    EXPECT_EQ(net.delivered(nodes[2], *bad), 0u);  // rejected in the middle: not forwarded
    EXPECT_EQ(net.router(nodes[1]).pending_validations(), 0u);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
