// bench/run store: store ingest in slices/s against the RocksDB floor (store_bench.hpp).
// Usage: bench_store [--accounts N] [--blocks B] [--prefix-len L] [--trials T]
#include <cstdio>
#include <string>

#include "bench/store_bench.hpp"

int main(int argc, char** argv) {
    kitsunet::bench::StoreBenchParams p;
    const auto usage = [] {
        std::fprintf(stderr,
                     "usage: bench_store [--accounts N] [--blocks B] [--prefix-len L] [--trials T]\n");
        return 2;
    };
    if (argc % 2 == 0) return usage();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const auto value = std::stoull(argv[i + 1]);
        if (flag == "--accounts")
            p.accounts = value;
        else if (flag == "--blocks")
            p.blocks = value;
        else if (flag == "--prefix-len")
            p.prefix_length = value;
        else if (flag == "--trials")
            p.trials = static_cast<int>(value);
        else
            return usage();
    }
    kitsunet::bench::run_store_bench(p);
    return 0;
}
