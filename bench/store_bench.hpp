#pragma once
/// Store ingest (bench/run store, and the ingest section of bench/run slices): slices of a
/// synthetic chain put into a fresh kitsunet store, against the RocksDB floor measured in the same
/// run (the same node, code and record bytes as plain WriteBatches: no verification, no counts, no
/// indexes). Prints its figures on stdout; aborts the process with a message on a store error.
#include <cstddef>

namespace kitsunet::bench {

struct StoreBenchParams {
    std::size_t accounts{20000};
    std::size_t blocks{4};
    std::size_t prefix_length{2};
    int trials{5};
};

/// Medians, in slices per second of CPU time.
struct StoreBenchResult {
    double put_slice{0};           ///< put_slice(Slice): verify + store
    double put_verified_slice{0};  ///< put_slice(VerifiedSlice): store only
    double rocksdb_floor{0};
};

StoreBenchResult run_store_bench(const StoreBenchParams& params);

}  // namespace kitsunet::bench
