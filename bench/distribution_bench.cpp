// Slice distribution (distribution_bench.hpp, DESIGN §5): the load of the most-loaded peer over the
// mean (goal <= 1.3 at 1,000 peers, R = 4) with 256 virtual keys per peer, against plain XOR-nearest;
// and the time to list the responsible peers of every slice.
#include "bench/distribution_bench.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/timing.hpp"
#include "kitsunet/ksn/distribution_sim.hpp"

namespace kitsunet::bench {
namespace {

struct Run {
    double max_over_mean{0};
    double min_over_mean{0};
    double lookup_ns{0};  // per slice, all of them listed
};

Run measure(std::size_t peers, std::uint16_t virtual_nodes, std::uint64_t seed,
            const std::vector<Hash>& keys) {
    ksn::Distribution d({.replicas = 4, .virtual_nodes = virtual_nodes});
    d.add_peers(ksn::random_peer_ids(peers, seed));
    ksn::Assignment a;
    const double ns = 1e6 * cpu_ms([&] { a = ksn::assign(d, keys); });
    const ksn::LoadSummary load = ksn::summarize_load(d, a);
    return {static_cast<double>(load.max) / load.mean, static_cast<double>(load.min) / load.mean,
            ns / static_cast<double>(keys.size())};
}

}  // namespace

DistributionBenchResult run_distribution_bench(std::size_t peers, std::uint64_t seeds) {
    const std::vector<Hash> keys = ksn::all_slice_keys(4);
    std::printf(
        "slice distribution: %zu peers, R = 4, 65,536 slices, %llu seeds (medians; worst in brackets)\n",
        peers, static_cast<unsigned long long>(seeds));
    std::vector<double> ours_max, ours_min, ours_ns, plain_max, plain_min;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const Run ours = measure(peers, 256, seed, keys);
        const Run plain = measure(peers, 1, seed, keys);
        ours_max.push_back(ours.max_over_mean);
        ours_min.push_back(ours.min_over_mean);
        ours_ns.push_back(ours.lookup_ns);
        plain_max.push_back(plain.max_over_mean);
        plain_min.push_back(plain.min_over_mean);
    }
    const auto worst = [](const std::vector<double>& v) { return *std::ranges::max_element(v); };
    const auto least = [](const std::vector<double>& v) { return *std::ranges::min_element(v); };
    std::printf(
        "  256 virtual keys per peer: max/mean %.3f [%.3f], min/mean %.3f [%.3f]; %.0f ns (CPU) per slice "
        "listed\n",
        median(ours_max), worst(ours_max), median(ours_min), least(ours_min), median(ours_ns));
    std::printf("  plain XOR-nearest (anchor): max/mean %.3f [%.3f], min/mean %.3f [%.3f]\n",
                median(plain_max), worst(plain_max), median(plain_min), least(plain_min));
    std::printf("max/mean load: %.3f (worst %.3f; goal <= 1.3) vs plain XOR-nearest %.3f: %.2fx lower\n",
                median(ours_max), worst(ours_max), median(plain_max), median(plain_max) / median(ours_max));
    return {median(ours_max), worst(ours_max), median(plain_max)};
}

}  // namespace kitsunet::bench
