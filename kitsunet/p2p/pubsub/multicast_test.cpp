// kitsunet multicast on the simulated network: the hop limit and forward hooks.
#include <gtest/gtest.h>

#include "kitsunet/p2p/pubsub/multicast.hpp"
#include "kitsunet/p2p/pubsub/sim_test_util.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace test;

std::unique_ptr<Router> multicast(std::size_t i) {
    return std::make_unique<MulticastRouter>(router_config(i));
}

struct Line {
    SimNetwork net{11};
    std::vector<std::size_t> nodes;
    explicit Line(std::size_t n) {
        nodes = add_nodes(net, n, multicast);
        connect_line(net, nodes);
        for (auto node : nodes) net.join(node, "t");
        net.run_for(100ms);
    }
    /// Which nodes got message `id`.
    std::vector<std::size_t> reached(const MessageId& id) {
        std::vector<std::size_t> out;
        for (auto n : nodes) {
            if (net.delivered(n, id) > 0) out.push_back(n);
        }
        return out;
    }
};

TEST(Multicast, HopsTwoReachExactlyTheTwoHopNeighbourhood) {
    Line line(7);
    const auto id = line.net.publish(line.nodes[3], "t", payload(8), 2);
    line.net.run_for(1s);
    EXPECT_EQ(line.reached(*id), (std::vector<std::size_t>{1, 2, 4, 5}));
    for (auto n : line.nodes) EXPECT_LE(line.net.delivered(n, *id), 1u);
}

TEST(Multicast, HopBudgetsZeroAndUnlimited) {
    Line line(6);
    const auto local = line.net.publish(line.nodes[0], "t", payload(8), 0);
    const auto one = line.net.publish(line.nodes[0], "t", payload(8), 1);
    const auto all = line.net.publish(line.nodes[0], "t", payload(8), MulticastRouter::kUnlimitedHops);
    const auto unset = line.net.publish(line.nodes[0], "t", payload(8));
    line.net.run_for(1s);
    EXPECT_TRUE(line.reached(*local).empty());
    EXPECT_EQ(line.reached(*one), (std::vector<std::size_t>{1}));
    EXPECT_EQ(line.reached(*all), (std::vector<std::size_t>{1, 2, 3, 4, 5}));
    EXPECT_EQ(line.reached(*unset), (std::vector<std::size_t>{1, 2, 3, 4, 5}));
}

TEST(Multicast, TheBudgetDecrementsOnTheWire) {
    SimNetwork net(12);
    const auto a = net.add(multicast(0));
    const auto observer = net.add_raw({std::string(protocol::kMulticast)});
    net.connect(observer, a);
    net.join(a, "t");
    net.send(observer, a, Rpc{{{true, "t"}}, {}, {}});
    net.run_for(100ms);
    net.publish(a, "t", payload(1), 3);
    net.run_for(100ms);
    ASSERT_FALSE(net.received(observer).empty());
    const auto& rpc = net.received(observer).back().rpc;
    ASSERT_EQ(rpc.messages.size(), 1u);
    EXPECT_EQ(rpc.messages[0]->hops, 2);
}

TEST(Multicast, AForwardHookVetoesAPeer) {
    Line line(5);
    auto& middle = line.net.as<MulticastRouter>(line.nodes[2]);
    const auto vetoed = line.net.id(line.nodes[3]);
    middle.add_forward_hook("t", [vetoed](const PeerId& peer, const Message&) { return peer != vetoed; });
    const auto id = line.net.publish(line.nodes[0], "t", payload(8), -1);
    line.net.run_for(1s);
    EXPECT_EQ(line.reached(*id), (std::vector<std::size_t>{1, 2}));  // 3 vetoed, so 4 is cut off too
    // The hook applies to our own messages as well, and only to its topic.
    const auto own = line.net.publish(line.nodes[2], "t", payload(8), -1);
    line.net.run_for(1s);
    EXPECT_EQ(line.reached(*own), (std::vector<std::size_t>{0, 1}));
}

TEST(Multicast, ALaterCopyWithMoreHopsLeftIsForwardedButDeliveredOnce) {
    SimNetwork net(13);
    const auto a = net.add(multicast(0));
    const auto b = net.add(multicast(1));
    const auto c = net.add(multicast(2));
    const auto early = net.add_raw({std::string(protocol::kMulticast)});
    net.connect(a, b);
    net.connect(b, c);
    net.connect(early, b);
    for (auto n : {a, b, c}) net.join(n, "t");
    net.run_for(100ms);
    // b first gets the message with no hops left (as if over a long path), then from a with 1 left.
    auto m = net.make_message(a, "t", payload(4));
    m.hops = 0;
    net.send(early, b, Rpc{{}, {std::make_shared<const Message>(m)}, {}});
    net.run_for(1ms);
    m.hops = 1;
    net.send(a, b, Rpc{{}, {std::make_shared<const Message>(m)}, {}});
    net.run_for(1s);
    const auto id = *public_key_seqno_id(m);
    EXPECT_EQ(net.delivered(b, id), 1u);
    EXPECT_EQ(net.delivered(c, id), 1u);  // within 2 hops of a, so it must get there
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
