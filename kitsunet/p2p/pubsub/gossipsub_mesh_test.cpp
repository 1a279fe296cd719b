// gossipsub mesh quality on the simulated network: scoring drives lazy peers out (P₃), the
// outbound quota (D_out) holds, and opportunistic grafting brings in better peers.
#include <gtest/gtest.h>

#include <algorithm>

#include "kitsunet/p2p/pubsub/gossipsub.hpp"
#include "kitsunet/p2p/pubsub/sim_test_util.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace test;

bool has(const std::vector<PeerId>& peers, const PeerId& p) { return std::ranges::count(peers, p) > 0; }

TEST(GossipsubMesh, AMeshPeerThatDeliversNothingIsPrunedByP3) {
    GossipsubConfig g;
    auto& t = g.score.topics["t"];
    t.mesh_message_deliveries_weight = -1;
    t.mesh_message_deliveries_threshold = 5;
    t.mesh_message_deliveries_activation = 2s;
    t.mesh_message_deliveries_window = 50ms;
    t.mesh_failure_penalty_weight = -1;
    SimNetwork net(51);
    const auto router = net.add(std::make_unique<GossipsubRouter>(g, router_config(1)));
    // (Not with P₃ itself: as the only publisher it receives nothing from its mesh.)
    const auto honest = net.add(std::make_unique<GossipsubRouter>(GossipsubConfig{}, router_config(2)));
    const auto lazy = net.add_raw({std::string(protocol::kMeshsub11)});
    net.connect(honest, router);
    net.connect(lazy, router);
    net.join(router, "t");
    net.join(honest, "t");
    net.send(lazy, router, Rpc{{{true, "t"}}, {}, {}});
    net.run_for(2s);
    auto& gs = net.as<GossipsubRouter>(router);
    ASSERT_TRUE(has(gs.mesh_peers("t"), net.id(lazy)));
    ASSERT_TRUE(has(gs.mesh_peers("t"), net.id(honest)));

    for (int i = 0; i < 100; ++i) {
        net.publish(honest, "t", payload(32));
        net.run_for(50ms);
    }
    net.run_for(2s);
    EXPECT_FALSE(has(gs.mesh_peers("t"), net.id(lazy)));
    EXPECT_LT(gs.score(net.id(lazy)), 0.0);
    EXPECT_TRUE(has(gs.mesh_peers("t"), net.id(honest)));
    EXPECT_GT(gs.score(net.id(honest)), 0.0);
}

TEST(GossipsubMesh, KeepsDoutOutboundPeersAgainstAnInboundCrowd) {
    SimNetwork net(52);
    const auto router = net.add(std::make_unique<GossipsubRouter>(GossipsubConfig{}, router_config(1)));
    net.join(router, "t");
    const auto raw = [&] { return net.add_raw({std::string(protocol::kMeshsub11)}); };
    const auto subscribe_and_graft = [&](std::size_t peer) {
        Rpc rpc{{{true, "t"}}, {}, ControlMessage{}};
        rpc.control->graft.push_back({"t"});
        net.send(peer, router, rpc);
    };
    // Fourteen peers dial in and GRAFT at once: the router accepts them up to D_hi.
    std::vector<std::size_t> inbound;
    for (int i = 0; i < 14; ++i) {
        inbound.push_back(raw());
        net.connect(inbound.back(), router);
        subscribe_and_graft(inbound.back());
    }
    net.run_for(100ms);
    // The router dialed three peers of its own, which never graft.
    std::vector<std::size_t> outbound;
    for (int i = 0; i < 3; ++i) {
        outbound.push_back(raw());
        net.connect(router, outbound.back());
        net.send(outbound.back(), router, Rpc{{{true, "t"}}, {}, {}});
    }
    for (int second = 0; second < 5; ++second) {
        net.run_for(1s);
        const auto mesh = net.as<GossipsubRouter>(router).mesh_peers("t");
        EXPECT_LE(mesh.size(), GossipsubConfig{}.d_hi + GossipsubConfig{}.d_out);
        const auto out = std::ranges::count_if(outbound, [&](std::size_t n) { return has(mesh, net.id(n)); });
        if (second >= 1) {
            EXPECT_GE(static_cast<std::size_t>(out), GossipsubConfig{}.d_out) << "at " << second << " s";
        }
    }
}

TEST(GossipsubMesh, OpportunisticGraftingBringsInBetterPeers) {
    GossipsubConfig g;
    g.d = 2;
    g.d_lo = 2;
    g.d_hi = 3;
    g.d_score = 1;
    g.d_out = 0;
    g.opportunistic_graft_ticks = 3;
    g.thresholds.opportunistic_graft = 1;
    SimNetwork net(53);
    const auto router = net.add(std::make_unique<GossipsubRouter>(g, router_config(1)));
    net.join(router, "t");
    std::vector<std::size_t> idle;
    for (int i = 0; i < 2; ++i) {
        idle.push_back(net.add_raw({std::string(protocol::kMeshsub11)}));
        net.connect(idle.back(), router);
        net.send(idle.back(), router, Rpc{{{true, "t"}}, {}, {}});
    }
    net.run_for(2s);
    // A publisher that never grafts (a mesh degree of 0) delivers every message first.
    GossipsubConfig publisher_config;
    publisher_config.d = publisher_config.d_lo = publisher_config.d_hi = publisher_config.d_score = 0;
    publisher_config.d_out = 0;
    const auto publisher = net.add(std::make_unique<GossipsubRouter>(publisher_config, router_config(2)));
    net.connect(router, publisher);
    net.join(publisher, "t");
    bool grafted = false;
    net.set_tamper([&](std::size_t from, std::size_t to, Rpc& rpc) {
        if (from == router && to == publisher && rpc.control && !rpc.control->graft.empty()) grafted = true;
    });
    for (int i = 0; i < 40 && !grafted; ++i) {
        net.publish(publisher, "t", payload(16));
        net.run_for(250ms);
    }
    EXPECT_TRUE(grafted);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
