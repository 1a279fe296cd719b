// bench/run trie: trie roots against @ethereumjs/mpt (bench/trie_mpt.mjs, run between our own
// repetitions) and against the keccak floor (hashing the very node encodings, nothing else).
// All figures are CPU time (bench/timing.hpp), ours and the anchor's alike.
// Usage: bench_trie [--accounts N] [--pairs N] [--trials T] [--genesis ALLOC_JSON] [--mpt 0|1]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>

#include "bench/mpt_anchor.hpp"
#include "bench/timing.hpp"
#include "bench/trie_workloads.hpp"
#include "kitsunet/core/account.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::bench {
namespace {

double elapsed_ms(const std::function<void()>& fn) { return cpu_ms(fn); }

Hash builder_root(const Pairs& sorted, const trie::HashBuilder::NodeSink& sink = {}) {
    trie::HashBuilder hb;
    if (sink) hb.set_node_sink(sink);
    for (const auto& [k, v] : sorted) hb.add(k, v);
    return hb.root();
}

Hash trie_root(const Pairs& pairs) {
    trie::Trie t;
    for (const auto& [k, v] : pairs) t.put(k, v);
    return t.root_hash();
}

// The sizes of the nodes a root computation hashes: the keccak floor hashes exactly those.
std::vector<std::size_t> hashed_node_sizes(const Pairs& sorted) {
    std::vector<std::size_t> sizes;
    builder_root(sorted, [&](ByteView, const Hash&, ByteView rlp) { sizes.push_back(rlp.size()); });
    return sizes;
}

void keccak_floor(const std::vector<std::size_t>& sizes, Bytes& buf) {
    for (const std::size_t n : sizes) buf[0] = keccak256({buf.data(), n}).bytes[0];
}

struct Figures {
    double builder_ms, trie_ms, floor_ms;
    std::size_t hashed;
};

// Trials interleave the three measurements so that they share the machine's load alike.
Figures measure(const char* name, Pairs pairs, int trials, const std::function<void()>& alongside = {}) {
    Pairs sorted = pairs;
    sort_by_key(sorted);
    const auto sizes = hashed_node_sizes(sorted);
    Bytes buf(*std::ranges::max_element(sizes) + 1, 0x5a);
    std::vector<double> floor, builder, trie;
    Hash a, b;
    for (int t = 0; t < trials; ++t) {
        if (alongside) alongside();
        floor.push_back(elapsed_ms([&] { keccak_floor(sizes, buf); }));
        builder.push_back(elapsed_ms([&] { a = builder_root(sorted); }));
        trie.push_back(elapsed_ms([&] { b = trie_root(pairs); }));
    }
    const Figures f{median(builder), median(trie), median(floor), sizes.size()};
    if (a != b) std::fprintf(stderr, "%s: HashBuilder and Trie roots differ!\n", name);
    std::printf(
        "%-22s %9zu keys  hashed nodes %9zu  keccak floor %9.1f ms  HashBuilder(sorted) %9.1f ms (%.2fx "
        "floor)"
        "  Trie(unsorted puts+root) %9.1f ms (%.2fx floor)\n",
        name, pairs.size(), f.hashed, f.floor_ms, f.builder_ms, f.builder_ms / f.floor_ms, f.trie_ms,
        f.trie_ms / f.floor_ms);
    return f;
}

// The genesis state root from the alloc text as `kitsunet state-root --alloc` computes it (JSON
// parsing aside): addresses and balances decoded, then core's state_root (key hashing, account
// RLP, sort, streaming HashBuilder). The anchor does the same work: hex, RLP, keccak, puts, root.
Hash genesis_root(const std::vector<std::pair<std::string, std::string>>& alloc) {
    std::vector<std::pair<Address, Account>> accounts;
    accounts.reserve(alloc.size());
    for (const auto& [address, balance] : alloc)
        accounts.emplace_back(fixed_from_hex<20>(address).value(),
                              Account{.balance = U256::parse(balance).value()});
    return state_root(accounts);
}

std::map<std::string, std::string> parse_args(int argc, char** argv) {
    std::map<std::string, std::string> args;
    for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
    return args;
}

std::filesystem::path default_genesis_alloc() {
    const std::filesystem::path source = KITSUNET_SOURCE_DIR;
    const auto shared = source / "../shared/vectors/mainnet/genesis-alloc.json";
    if (std::filesystem::exists(shared)) return shared;
    return source / "test/js/node_modules/@ethereumjs/common/dist/genesisStates/mainnet.json";
}

/// The mainnet genesis side: ours and @ethereumjs/mpt's, alternating, then the 100k-pairs anchor.
struct GenesisAndAnchor {
    std::vector<std::pair<std::string, std::string>> alloc;
    std::filesystem::path alloc_file;
    std::size_t pairs;
    bool with_mpt;
    std::vector<double> ours, mpt_genesis, mpt_random, mpt_random_wall;
    bool ok{true};

    void run_once() {
        Hash root;
        ours.push_back(elapsed_ms([&] { root = genesis_root(alloc); }));
        ok = ok && to_hex(root) == "d7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";
        if (!with_mpt) return;
        const auto mpt = run_mpt_anchor(KITSUNET_SOURCE_DIR, pairs, alloc_file);
        if (!mpt) return;
        mpt_random.push_back(mpt->random_ms);
        mpt_random_wall.push_back(mpt->random_wall_ms);
        mpt_genesis.push_back(mpt->genesis_ms);
        ok = ok && mpt->genesis_root_ok;
    }
};

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    using namespace kitsunet::bench;
    auto args = parse_args(argc, argv);
    const auto num = [&](const char* k, double d) {
        return args.contains(k) ? std::atof(args[k].c_str()) : d;
    };
    const int trials = static_cast<int>(num("--trials", 3));
    const auto n_pairs = static_cast<std::size_t>(num("--pairs", 1e5));
    std::printf("bench trie: CPU ms (user+system) per measurement, medians of %d interleaved trials\n",
                trials);
    std::mt19937_64 rng(2026);
    const auto accounts = measure(
        "random accounts", random_accounts(rng, static_cast<std::size_t>(num("--accounts", 1e6))), trials);

    GenesisAndAnchor g;
    g.alloc_file =
        args.contains("--genesis") ? std::filesystem::path(args["--genesis"]) : default_genesis_alloc();
    g.alloc = read_genesis_alloc(g.alloc_file);
    g.pairs = n_pairs;
    g.with_mpt = num("--mpt", 1) != 0;
    const auto pairs =
        measure("random 32B/70B pairs", random_pairs(rng, n_pairs), trials, [&] { g.run_once(); });
    const double genesis_ms = median(g.ours);
    const double mpt_random = median(g.mpt_random), mpt_genesis = median(g.mpt_genesis);
    std::printf("mainnet genesis        %9zu accounts  ours %.2f ms  @ethereumjs/mpt %.0f ms  roots %s\n",
                g.alloc.size(), genesis_ms, mpt_genesis, g.ok ? "d7f8974f… (both correct)" : "WRONG");
    std::printf("@ethereumjs/mpt        %9zu random 32B/70B puts + root: %.0f ms CPU (%.0f ms wall)\n",
                n_pairs, mpt_random, median(g.mpt_random_wall));
    std::printf(
        "ratios: mpt/Trie(pairs)=%.0fx (goal>=200) mpt/HashBuilder(pairs)=%.0fx mpt/genesis=%.0fx "
        "(goal>=100) "
        "HashBuilder(accounts)/keccak-floor=%.2fx (goal<=1.5) Trie(accounts)/keccak-floor=%.2fx\n",
        mpt_random / pairs.trie_ms, mpt_random / pairs.builder_ms, mpt_genesis / genesis_ms,
        accounts.builder_ms / accounts.floor_ms, accounts.trie_ms / accounts.floor_ms);
    return g.ok ? 0 : 1;
}
