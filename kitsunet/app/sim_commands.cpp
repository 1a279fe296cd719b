// `kitsunet sim distribution`: who serves which slice among N simulated peers (DESIGN §5), in
// process: the spread of the load and how much moves when 1% of the peers join or leave.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/ksn/distribution_sim.hpp"

namespace kitsunet::app {
namespace {

// Points of the index (peers × virtual keys) beyond which the simulation needs gigabytes.
constexpr std::size_t kMaxPoints = 20'000'000;

double percent(double share) { return 100.0 * share; }

void print_churn(const char* what, const ksn::ChurnResult& c, double churn) {
    std::printf(
        "%s of %zu peers (%.3g%%): %.2f%% of slice replicas move (their balanced share: %.2f%%); "
        "%.2f%% of slices change a peer\n",
        what, c.peers, percent(churn), percent(c.movement.replicas_moved), percent(c.ideal),
        percent(c.movement.slices_changed));
}

void run_distribution(const ksn::SimParams& p) {
    if (p.peers * p.distribution.virtual_nodes > kMaxPoints)
        throw CommandError{1, "--peers × --virtual-nodes is above " + std::to_string(kMaxPoints) +
                                  ": the simulation would need gigabytes"};
    const ksn::SimReport r = ksn::simulate(p);
    std::printf(
        "slice distribution: %zu peers, %zu replicas, %u virtual keys per peer, %zu slices (prefix length "
        "%u), seed %llu\n",
        p.peers, p.distribution.replicas, static_cast<unsigned>(p.distribution.virtual_nodes), r.slices,
        p.prefix_length, static_cast<unsigned long long>(p.seed));
    const double mean = r.load.mean;
    std::printf(
        "load (slices per peer): max %llu, mean %.1f, min %llu; max/mean %.3f (goal <= 1.3), min/mean %.3f\n",
        static_cast<unsigned long long>(r.load.max), mean, static_cast<unsigned long long>(r.load.min),
        mean > 0 ? static_cast<double>(r.load.max) / mean : 0.0,
        mean > 0 ? static_cast<double>(r.load.min) / mean : 0.0);
    print_churn("join", r.join, p.churn);
    print_churn("leave", r.leave, p.churn);
}

}  // namespace

void add_sim_command(CLI::App& root) {
    auto* sim = root.add_subcommand("sim", "Simulations, in process (no sockets)");
    sim->require_subcommand(1);
    auto* dist = sim->add_subcommand("distribution",
                                     "Which peers serve which slices (R nearest peers by XOR over virtual "
                                     "keys): load spread, and how many "
                                     "slices move when 1% of the peers join or leave");
    auto params = std::make_shared<ksn::SimParams>();
    dist->add_option("--peers", params->peers, "number of peers")
        ->required()
        ->check(CLI::Range(1, 1'000'000));
    dist->add_option("--replicas", params->distribution.replicas, "R: peers serving each slice")
        ->required()
        ->check(CLI::Range(1, 64));
    dist->add_option("--prefix-len", params->prefix_length, "slice prefix length in nibbles (16^L slices)")
        ->capture_default_str()
        ->check(CLI::Range(0U, ksn::kMaxPrefixLength));
    dist->add_option("--seed", params->seed, "seed of the random peer ids")->capture_default_str();
    dist->add_option("--virtual-nodes", params->distribution.virtual_nodes, "V: keys per peer")
        ->capture_default_str()
        ->check(CLI::Range(1, 4096));
    dist->callback([params] { run_distribution(*params); });
}

}  // namespace kitsunet::app
