// bench/run distribution: load spread at N peers (default 1,000), R = 4, against plain XOR-nearest
// (distribution_bench.hpp). Usage: bench_distribution [--peers N] [--seeds S]
#include <cstdio>
#include <string>

#include "bench/distribution_bench.hpp"

int main(int argc, char** argv) {
    std::size_t peers = 1000;
    std::uint64_t seeds = 9;
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (i + 1 < argc && flag == "--peers") {
            peers = std::stoull(argv[i + 1]);
        } else if (i + 1 < argc && flag == "--seeds") {
            seeds = std::stoull(argv[i + 1]);
        } else {
            std::fprintf(stderr, "usage: bench_distribution [--peers N] [--seeds S]\n");
            return 2;
        }
    }
    kitsunet::bench::run_distribution_bench(peers, seeds);
    return 0;
}
