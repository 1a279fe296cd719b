// Store ingest (store_bench.hpp): verify, then one atomic batch per slice with counted nodes and
// indexes, in slices per second, against the RocksDB floor. Each repetition ingests the same blocks
// of a synthetic chain into a fresh directory, ours and the floor alternately.
#include "bench/store_bench.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "bench/timing.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/store/format.hpp"
#include "kitsunet/store/store.hpp"
#include "kitsunet/store/test_chain.hpp"

namespace kitsunet::bench {
namespace {

namespace fs = std::filesystem;
using Blocks = std::vector<std::vector<slice::Slice>>;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "bench_store: %s\n", what.c_str());
    std::exit(1);
}

fs::path scratch(const char* name) {
    const auto dir =
        fs::temp_directory_path() / ("kitsunet_bench_store_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir);
    return dir;
}

void ingest_ours(const Blocks& blocks, const fs::path& dir) {
    auto store = store::Store::open(dir);
    if (!store) fail(store.error().message);
    for (std::size_t n = 0; n < blocks.size(); ++n)
        for (const auto& s : blocks[n])
            if (auto put = (*store)->put_slice(s, n + 1); !put) fail(put.error().message);
}

void ingest_verified(const std::vector<std::vector<slice::VerifiedSlice>>& blocks, const fs::path& dir) {
    auto store = store::Store::open(dir);
    if (!store) fail(store.error().message);
    for (std::size_t n = 0; n < blocks.size(); ++n)
        for (const auto& s : blocks[n])
            if (auto put = (*store)->put_slice(s, n + 1); !put) fail(put.error().message);
}

// The floor: the same bytes, one plain WriteBatch per slice, into RocksDB with default options.
void ingest_floor(const Blocks& blocks, const fs::path& dir) {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (const auto s = rocksdb::DB::Open(options, dir.string(), &raw); !s.ok()) fail(s.ToString());
    const std::unique_ptr<rocksdb::DB> db(raw);
    const auto slice_of = [](ByteView b) {
        return rocksdb::Slice(reinterpret_cast<const char*>(b.data()), b.size());
    };
    for (const auto& block : blocks) {
        for (const auto& s : block) {
            rocksdb::WriteBatch batch;
            store::format::SliceRecord record;
            for (const auto* list : {&s.stem, &s.nodes, &s.codes})
                for (const auto& bytes : *list) {
                    const Hash h = keccak256(bytes);
                    batch.Put(slice_of(h), slice_of(bytes));
                    record.nodes.push_back(h);
                }
            batch.Put(slice_of(store::format::slice_key(s.id)),
                      slice_of(store::format::encode_record(record)));
            if (const auto st = db->Write({}, &batch); !st.ok()) fail(st.ToString());
        }
    }
}

}  // namespace

StoreBenchResult run_store_bench(const StoreBenchParams& p) {
    const store::test::SyntheticChain chain({.accounts = p.accounts, .code_every = 50, .seed = 1});
    Blocks blocks;
    std::vector<std::vector<slice::VerifiedSlice>> verified(p.blocks);
    std::size_t slices = 0, bytes = 0;
    for (std::size_t n = 1; n <= p.blocks; ++n) {
        blocks.push_back(store::test::SyntheticChain::slices_of(chain.state_at(n), p.prefix_length));
        for (const auto& s : blocks.back()) {
            verified[n - 1].push_back(slice::verify(s).value());
            bytes += s.content_bytes();
        }
        slices += blocks.back().size();
    }
    std::printf(
        "store ingest: %zu blocks × %zu slices (prefix length %zu) of a %zu-account chain, %.1f MB of "
        "nodes and code; %d trials, medians of CPU time (all threads)\n",
        p.blocks, blocks[0].size(), p.prefix_length, p.accounts, static_cast<double>(bytes) / 1e6, p.trials);
    std::vector<double> ours, stored, floor;
    const auto dir_ours = scratch("ours"), dir_verified = scratch("verified"), dir_floor = scratch("floor");
    for (int t = 0; t < p.trials; ++t) {
        ours.push_back(cpu_ms([&] { ingest_ours(blocks, dir_ours); }) / 1e3);
        stored.push_back(cpu_ms([&] { ingest_verified(verified, dir_verified); }) / 1e3);
        floor.push_back(cpu_ms([&] { ingest_floor(blocks, dir_floor); }) / 1e3);
        for (const auto& d : {dir_ours, dir_verified, dir_floor}) fs::remove_all(d);
    }
    const double n = static_cast<double>(slices);
    const double ours_rate = n / median(ours), stored_rate = n / median(stored),
                 floor_rate = n / median(floor);
    const double mb_per_slice = static_cast<double>(bytes) / n / 1e6;
    const auto line = [mb_per_slice](const char* what, double rate) {
        std::printf("  %-52s %7.0f slices/s (%5.1f MB/s)\n", what, rate, rate * mb_per_slice);
    };
    line("kitsunet store, put_slice(Slice) (verify + store):", ours_rate);
    line("kitsunet store, put_slice(VerifiedSlice) (store):", stored_rate);
    line("RocksDB floor (same bytes, plain batches):", floor_rate);
    std::printf("store ingest vs RocksDB floor: %.2fx (verified slices only: %.2fx)\n",
                ours_rate / floor_rate, stored_rate / floor_rate);
    return {ours_rate, stored_rate, floor_rate};
}

}  // namespace kitsunet::bench
