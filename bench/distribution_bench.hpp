#pragma once
/// Slice distribution at N peers and R = 4 (bench/run distribution, and the distribution section of
/// bench/run slices): the load of the most-loaded peer over the mean with 256 virtual keys per peer,
/// against plain XOR-nearest (one key per peer) in the same run, over several seeds. Prints its
/// figures on stdout.
#include <cstddef>
#include <cstdint>

namespace kitsunet::bench {

struct DistributionBenchResult {
    double max_over_mean{0};        ///< median over the seeds
    double worst_max_over_mean{0};  ///< the highest over the seeds
    double plain_max_over_mean{0};  ///< the anchor's median
};

DistributionBenchResult run_distribution_bench(std::size_t peers, std::uint64_t seeds);

}  // namespace kitsunet::bench
