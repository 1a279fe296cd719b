#pragma once
// Helpers shared by the router tests on the simulated network.
#include <functional>
#include <memory>
#include <random>
#include <vector>

#include "kitsunet/p2p/pubsub/sim_network.hpp"

namespace kitsunet::p2p::pubsub::test {

using namespace std::chrono_literals;

inline RouterConfig router_config(std::uint64_t seed) {
    RouterConfig c;
    c.seed = seed;
    return c;
}

/// Adds `n` routers made by `make(i)`; returns their indices.
inline std::vector<std::size_t> add_nodes(SimNetwork& net, std::size_t n,
                                          const std::function<std::unique_ptr<Router>(std::size_t)>& make) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(net.add(make(i)));
    return out;
}

inline void connect_line(SimNetwork& net, const std::vector<std::size_t>& nodes) {
    for (std::size_t i = 0; i + 1 < nodes.size(); ++i) net.connect(nodes[i], nodes[i + 1]);
}

/// A connected random graph: each node dials `degree` others, the first a lower index.
inline void connect_random(SimNetwork& net, const std::vector<std::size_t>& nodes, std::size_t degree,
                           std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (std::size_t i = 1; i < nodes.size(); ++i) net.connect(nodes[i], nodes[rng() % i]);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        for (std::size_t k = 1; k < degree; ++k) net.connect(nodes[i], nodes[rng() % nodes.size()]);
    }
}

/// prefix followed by i (not "prefix" + std::to_string(i): g++ 12 warns falsely, -Wrestrict).
inline std::string numbered(std::string_view prefix, int i) {
    std::string s(prefix);
    s.append(std::to_string(i));
    return s;
}

inline Bytes payload(std::size_t n, std::uint8_t fill = 0xab) { return Bytes(n, fill); }

}  // namespace kitsunet::p2p::pubsub::test
