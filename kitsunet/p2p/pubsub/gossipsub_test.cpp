// gossipsub behaviour on the simulated network: the mesh, gossip, backoff, scoring, restarts,
// version fallback and floodsub peers.
#include <gtest/gtest.h>

#include <algorithm>

#include "kitsunet/p2p/pubsub/floodsub.hpp"
#include "kitsunet/p2p/pubsub/gossipsub.hpp"
#include "kitsunet/p2p/pubsub/sim_test_util.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace test;

std::unique_ptr<Router> gossipsub(std::size_t i, GossipsubConfig g = {}) {
    return std::make_unique<GossipsubRouter>(std::move(g), router_config(100 + i));
}
std::function<std::unique_ptr<Router>(std::size_t)> gossipsub_with(GossipsubConfig g) {
    return [g](std::size_t i) { return gossipsub(i, g); };
}

std::size_t degree(SimNetwork& net, std::size_t node) { return net.router(node).peer_count(); }

TEST(Gossipsub, MeshDegreeStaysWithinBoundsAndSymmetric) {
    SimNetwork net(21);
    const auto nodes = add_nodes(net, 40, [](std::size_t i) { return gossipsub(i); });
    connect_random(net, nodes, 9, 21);  // about 17 peers each: more than D_hi
    for (auto n : nodes) net.join(n, "t");
    const GossipsubConfig g;
    for (int second = 0; second < 30; ++second) {
        net.run_for(1s);
        for (auto n : nodes) {
            const auto mesh = net.as<GossipsubRouter>(n).mesh_peers("t").size();
            ASSERT_LE(mesh, g.d_hi) << "node " << n << " at " << second << " s";
            if (second >= 3) {
                ASSERT_GE(mesh, std::min(g.d_lo, degree(net, n))) << "node " << n << " at " << second << " s";
            }
        }
    }
    std::size_t asymmetric = 0;
    for (auto n : nodes) {
        for (const auto& peer : net.as<GossipsubRouter>(n).mesh_peers("t")) {
            const auto other = *net.index_of(peer);
            const auto back = net.as<GossipsubRouter>(other).mesh_peers("t");
            if (std::ranges::count(back, net.id(n)) == 0) ++asymmetric;
        }
    }
    EXPECT_EQ(asymmetric, 0u);
}

TEST(Gossipsub, EveryMessageReachesEverySubscriberOnceWithFewDuplicates) {
    SimNetwork net(22);
    const auto nodes = add_nodes(net, 30, [](std::size_t i) { return gossipsub(i); });
    connect_random(net, nodes, 6, 22);
    for (auto n : nodes) net.join(n, "t");
    net.run_for(5s);
    const auto copies_before = net.message_copies();
    std::vector<std::pair<std::size_t, MessageId>> published;
    for (std::size_t k = 0; k < 50; ++k) {
        const auto from = nodes[(k * 7) % nodes.size()];
        published.emplace_back(from, *net.publish(from, "t", payload(200)));
        net.run_for(50ms);
    }
    net.run_for(5s);
    for (const auto& [from, id] : published) {
        for (auto n : nodes) ASSERT_EQ(net.delivered(n, id), n == from ? 0u : 1u) << "node " << n;
    }
    // Each node receives a message from at most its mesh (D_hi) plus the flood-published first hop.
    const double per_receiver = static_cast<double>(net.message_copies() - copies_before) /
                                static_cast<double>(published.size() * (nodes.size() - 1));
    EXPECT_LT(per_receiver - 1.0, static_cast<double>(GossipsubConfig{}.d));
}

TEST(Gossipsub, PublishersOutsideTheTopicUseFanout) {
    GossipsubConfig g;
    g.flood_publish = false;
    SimNetwork net(23);
    const auto nodes = add_nodes(net, 12, gossipsub_with(g));
    for (std::size_t i = 1; i < nodes.size(); ++i) net.connect(nodes[0], nodes[i]);
    connect_random(net, std::vector(nodes.begin() + 1, nodes.end()), 3, 23);
    for (std::size_t i = 1; i < nodes.size(); ++i) net.join(nodes[i], "t");
    net.run_for(3s);
    const auto id = net.publish(nodes[0], "t", payload(64));
    auto& publisher = net.as<GossipsubRouter>(nodes[0]);
    EXPECT_EQ(publisher.fanout_peers("t").size(), g.d);
    net.run_for(2s);
    for (std::size_t i = 1; i < nodes.size(); ++i) EXPECT_EQ(net.delivered(nodes[i], *id), 1u);
    // Joining turns the fanout into the mesh; the fanout expires after its TTL otherwise.
    net.join(nodes[0], "t");
    EXPECT_TRUE(publisher.fanout_peers("t").empty());
    EXPECT_GE(publisher.mesh_peers("t").size(), g.d_lo);
}

/// A raw gossipsub peer that joins `topic` at `router`.
struct RawPeer {
    std::size_t node;
    RawPeer(SimNetwork& net, std::size_t router, std::string protocol = std::string(protocol::kMeshsub11))
        : node(net.add_raw({std::move(protocol)})) {
        net.connect(node, router);
        net.send(node, router, Rpc{{{true, "t"}}, {}, {}});
    }
    static std::vector<TimePoint> grafts(const SimNetwork& net, std::size_t node) {
        std::vector<TimePoint> out;
        for (const auto& frame : net.received(node)) {
            if (frame.rpc.control && !frame.rpc.control->graft.empty()) out.push_back(frame.at);
        }
        return out;
    }
    static std::vector<ControlPrune> prunes(const SimNetwork& net, std::size_t node) {
        std::vector<ControlPrune> out;
        for (const auto& frame : net.received(node)) {
            if (frame.rpc.control)
                out.insert(out.end(), frame.rpc.control->prune.begin(), frame.rpc.control->prune.end());
        }
        return out;
    }
};

Rpc prune_rpc(const TopicId& topic, std::uint64_t backoff, std::vector<PeerInfo> px = {}) {
    Rpc rpc;
    rpc.control.emplace().prune.push_back({topic, std::move(px), backoff});
    return rpc;
}
Rpc graft_rpc(const TopicId& topic) {
    Rpc rpc;
    rpc.control.emplace().graft.push_back({topic});
    return rpc;
}

TEST(Gossipsub, PruneBackoffIsRespected) {
    SimNetwork net(24);
    const auto router = net.add(gossipsub(0));
    net.join(router, "t");
    RawPeer raw(net, router);
    ASSERT_TRUE(net.run_until([&] { return !RawPeer::grafts(net, raw.node).empty(); }, 3s));
    const auto pruned_at = net.now();
    net.send(raw.node, router, prune_rpc("t", 5));
    net.run_for(20s);
    const auto grafts = RawPeer::grafts(net, raw.node);
    ASSERT_GE(grafts.size(), 2u);  // the router wants it back in its mesh: it is its only peer
    EXPECT_GE(grafts[1], pruned_at + 5s);
    EXPECT_LE(grafts[1], pruned_at + 5s + 2 * GossipsubConfig{}.heartbeat_interval + 1s);
}

TEST(Gossipsub, GraftingDuringTheBackoffIsPrunedAndPenalised) {
    SimNetwork net(25);
    const auto router = net.add(gossipsub(0));
    net.join(router, "t");
    RawPeer raw(net, router);
    net.run_for(2s);
    auto& gs = net.as<GossipsubRouter>(router);
    ASSERT_EQ(gs.mesh_peers("t").size(), 1u);
    // The raw peer leaves the mesh (PRUNE), so the router backs off from it, then grafts at once.
    net.send(raw.node, router, prune_rpc("t", 60));
    net.run_for(100ms);
    EXPECT_TRUE(gs.mesh_peers("t").empty());
    EXPECT_TRUE(gs.in_backoff("t", net.id(raw.node), net.now()));
    for (int i = 0; i < 3; ++i) {
        net.send(raw.node, router, graft_rpc("t"));
        net.run_for(100ms);
    }
    EXPECT_TRUE(gs.mesh_peers("t").empty());
    // P₇ counts two per GRAFT right after a PRUNE, squared: -40 after the first, -160 (graylisted)
    // after the second, so the third is not even read.
    EXPECT_EQ(RawPeer::prunes(net, raw.node).size(), 2u);
    EXPECT_LT(gs.score(net.id(raw.node)), PeerScoreThresholds{}.graylist);
}

TEST(Gossipsub, IhaveIwantRecoversWhatTheMeshMissed) {
    SimNetwork net(26);
    const auto nodes = add_nodes(net, 20, [](std::size_t i) { return gossipsub(i); });
    connect_random(net, nodes, 3, 26);
    // Node 5 knows everyone: its mesh keeps D_lo..D_hi of them, the others only gossip to it.
    for (auto n : nodes) net.connect(nodes[5], n);
    for (auto n : nodes) net.join(n, "t");
    net.run_for(5s);
    ASSERT_LT(net.as<GossipsubRouter>(nodes[5]).mesh_peers("t").size(), nodes.size() - 1);
    // For 300 ms, every full message sent to node 5 is lost; only gossip gets through.
    const auto victim = nodes[5];
    const auto window_end = net.now() + 300ms;
    std::size_t lost = 0;
    net.set_tamper([&](std::size_t, std::size_t to, Rpc& rpc) {
        if (to == victim && net.now() < window_end && !rpc.messages.empty()) {
            lost += rpc.messages.size();
            rpc.messages.clear();
        }
    });
    const auto id = net.publish(nodes[0], "t", payload(100));
    net.run_for(5s);
    EXPECT_GT(lost, 0u);
    EXPECT_EQ(net.delivered(victim, *id), 1u);
    for (auto n : nodes) EXPECT_EQ(net.delivered(n, *id), n == nodes[0] ? 0u : 1u);
}

TEST(Gossipsub, APeerPublishingInvalidMessagesIsGraylisted) {
    SimNetwork net(27);
    const auto nodes = add_nodes(net, 4, [](std::size_t i) { return gossipsub(i); });
    connect_line(net, nodes);
    for (auto n : nodes) {
        net.join(n, "t");
        net.set_validator(n, "t", [](const Message& m) {
            return (*m.data)[0] == 0 ? ValidationResult::kReject : ValidationResult::kAccept;
        });
    }
    RawPeer raw(net, nodes[0]);
    net.run_for(2s);
    auto& gs = net.as<GossipsubRouter>(nodes[0]);
    const auto bad = net.id(raw.node);
    for (int i = 0; i < 4; ++i) {
        net.send(
            raw.node, nodes[0],
            Rpc{{}, {std::make_shared<const Message>(net.make_message(raw.node, "t", payload(8, 0)))}, {}});
        net.run_for(100ms);
    }
    const PeerScoreThresholds thresholds;
    EXPECT_LT(gs.score(bad), thresholds.graylist);
    // Graylisted: even its valid messages are ignored, and nothing invalid went past it.
    const auto valid = net.make_message(raw.node, "t", payload(8, 1));
    net.send(raw.node, nodes[0], Rpc{{}, {std::make_shared<const Message>(valid)}, {}});
    net.run_for(2s);
    for (auto n : nodes) EXPECT_TRUE(net.deliveries(n).empty()) << "node " << n;
    // The honest peers' scores are untouched.
    EXPECT_GE(gs.score(net.id(nodes[1])), 0.0);
}

TEST(Gossipsub, ForgedSignaturesCountAgainstTheForwarder) {
    SimNetwork net(28);
    const auto router = net.add(gossipsub(0));
    net.join(router, "t");
    RawPeer raw(net, router);
    net.run_for(2s);
    for (int i = 0; i < 4; ++i) {
        auto m = net.make_message(raw.node, "t", payload(8));
        (*m.signature)[0] ^= 1;
        net.send(raw.node, router, Rpc{{}, {std::make_shared<const Message>(m)}, {}});
    }
    net.run_for(100ms);
    EXPECT_LT(net.router(router).score(net.id(raw.node)), PeerScoreThresholds{}.graylist);
    EXPECT_TRUE(net.deliveries(router).empty());
}

TEST(Gossipsub, ARestartedNodeRejoinsTheMesh) {
    SimNetwork net(29);
    const auto nodes = add_nodes(net, 16, [](std::size_t i) { return gossipsub(i); });
    connect_random(net, nodes, 4, 29);
    for (auto n : nodes) net.join(n, "t");
    net.run_for(5s);
    const auto node = nodes[3];
    std::vector<std::size_t> neighbours;
    for (auto n : nodes) {
        if (net.connected(node, n)) neighbours.push_back(n);
    }
    net.restart(node, gossipsub(3));
    net.run_for(2s);
    for (auto n : neighbours) net.connect(node, n);
    net.join(node, "t");
    net.run_for(5s);
    const auto mesh = net.as<GossipsubRouter>(node).mesh_peers("t");
    EXPECT_GE(mesh.size(), std::min(GossipsubConfig{}.d_lo, neighbours.size()));
    for (const auto& peer : mesh) {
        const auto back = net.as<GossipsubRouter>(*net.index_of(peer)).mesh_peers("t");
        EXPECT_EQ(std::ranges::count(back, net.id(node)), 1);
    }
    const auto id = net.publish(nodes[0], "t", payload(10));
    const auto own = net.publish(node, "t", payload(11));
    net.run_for(3s);
    EXPECT_EQ(net.delivered(node, *id), 1u);
    for (auto n : nodes) {
        if (n != node) {
            EXPECT_EQ(net.delivered(n, *own), 1u);
        }
    }
}

// IDONTWANT goes out when a message is first seen, before validation: while a node validates,
// its mesh peers learn that it needs no copy from them.
TEST(Gossipsub, IdontwantSavesCopiesOfLargeMessages) {
    const auto copies = [](std::size_t idontwant_min_size) {
        GossipsubConfig g;
        g.idontwant_min_data_size = idontwant_min_size;
        SimNetwork net(SimNetwork::Options{.seed = 30, .latency = 10ms});
        const auto nodes = add_nodes(net, 25, gossipsub_with(g));
        connect_random(net, nodes, 8, 30);
        for (auto n : nodes) {
            net.join(n, "t");
            net.set_validator(n, "t", [](const Message&) { return ValidationResult::kAccept; }, 30ms);
        }
        net.run_for(5s);
        const auto before = net.message_copies();
        for (int k = 0; k < 20; ++k) {
            net.publish(nodes[static_cast<std::size_t>(k) % nodes.size()], "t", payload(4096));
            net.run_for(200ms);
        }
        net.run_for(3s);
        return net.message_copies() - before;
    };
    const auto with = copies(1024);
    const auto without = copies(1 << 30);
    EXPECT_LT(static_cast<double>(with), 0.8 * static_cast<double>(without)) << with << " vs " << without;
}

TEST(Gossipsub, FallsBackToMeshsub10WithoutBackoffOrPeerExchange) {
    SimNetwork net(31);
    const auto router = net.add(gossipsub(0));
    net.join(router, "t");
    RawPeer old(net, router, std::string(protocol::kMeshsub10));
    net.run_for(2s);
    ASSERT_FALSE(RawPeer::grafts(net, old.node).empty());
    net.leave(router, "t");
    net.run_for(100ms);
    const auto prunes = RawPeer::prunes(net, old.node);
    ASSERT_EQ(prunes.size(), 1u);
    EXPECT_FALSE(prunes[0].backoff);
    EXPECT_TRUE(prunes[0].peers.empty());
}

TEST(Gossipsub, ServesFloodsubPeers) {
    SimNetwork net(32);
    const auto nodes = add_nodes(net, 6, [](std::size_t i) { return gossipsub(i); });
    connect_random(net, nodes, 2, 32);
    const auto flood = net.add(std::make_unique<FloodsubRouter>(router_config(9)));
    net.connect(flood, nodes[2]);
    for (auto n : nodes) net.join(n, "t");
    net.join(flood, "t");
    net.run_for(3s);
    const auto mesh = net.as<GossipsubRouter>(nodes[2]).mesh_peers("t");
    EXPECT_EQ(std::ranges::count(mesh, net.id(flood)), 0);  // floodsub peers are never in a mesh
    const auto to_flood = net.publish(nodes[5], "t", payload(10));
    const auto from_flood = net.publish(flood, "t", payload(12));
    net.run_for(3s);
    EXPECT_EQ(net.delivered(flood, *to_flood), 1u);
    for (auto n : nodes) EXPECT_EQ(net.delivered(n, *from_flood), 1u);
}

TEST(Gossipsub, PrunesOfAnOversubscribedMeshCarryPeerExchange) {
    GossipsubConfig g;
    g.d = 3;
    g.d_lo = 2;
    g.d_hi = 4;
    g.d_score = 1;
    g.d_out = 1;
    SimNetwork net(33);
    const auto hub = net.add(gossipsub(0, g));
    net.join(hub, "t");
    std::vector<std::size_t> raws;
    for (int i = 0; i < 8; ++i) {
        // Raw peers dial in and GRAFT at once: the hub accepts up to D_hi inbound, then prunes.
        RawPeer raw(net, hub);
        raws.push_back(raw.node);
        net.run_for(10ms);
        net.send(raw.node, hub, graft_rpc("t"));
    }
    net.run_for(3s);
    EXPECT_LE(net.as<GossipsubRouter>(hub).mesh_peers("t").size(), g.d_hi);
    std::size_t with_px = 0;
    for (auto r : raws) {
        for (const auto& prune : RawPeer::prunes(net, r)) {
            EXPECT_EQ(prune.backoff, 60u);
            if (!prune.peers.empty()) ++with_px;
            for (const auto& info : prune.peers)
                EXPECT_NE(info.peer_id, Bytes(net.id(r).bytes().begin(), net.id(r).bytes().end()));
        }
    }
    EXPECT_GT(with_px, 0u);
}

TEST(Gossipsub, FollowsPeerExchangeFromWellScoredPeers) {
    GossipsubConfig g;
    g.score.app_specific_score = [](const PeerId&) { return 100.0; };  // everyone trusted
    SimNetwork net(34);
    const auto router = net.add(gossipsub(0, g));
    net.join(router, "t");
    RawPeer raw(net, router);
    net.run_for(2s);
    const auto suggested = net.id(net.add_raw({std::string(protocol::kMeshsub11)}));
    const Bytes suggested_bytes(suggested.bytes().begin(), suggested.bytes().end());
    net.send(raw.node, router, prune_rpc("t", 60, {{suggested_bytes, {}}}));
    net.run_for(100ms);
    ASSERT_EQ(net.dial_requests(router).size(), 1u);
    EXPECT_EQ(net.dial_requests(router)[0].peer_id, suggested_bytes);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
