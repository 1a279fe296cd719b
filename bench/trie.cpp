// bench/run trie: trie roots against @ethereumjs/mpt (figures passed in by bench/trie.sh, measured
// in the same run) and against the keccak floor (hashing the same node encodings, nothing else).
// Usage: bench_trie [--accounts N] [--pairs N] [--trials T] [--genesis FILE]
//                   [--mpt-random-ms MS] [--mpt-genesis-ms MS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>

#include "bench/trie_workloads.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::bench {
namespace {

using Clock = std::chrono::steady_clock;

/// Median wall time of `trials` runs of `fn`, in milliseconds.
double median_ms(int trials, const std::function<void()>& fn) {
    std::vector<double> ms;
    for (int t = 0; t < trials; ++t) {
        const auto t0 = Clock::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::ranges::sort(ms);
    return ms[ms.size() / 2];
}

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

// Time to keccak buffers of exactly the sizes of the hashed nodes of a root computation.
double keccak_floor_ms(const Pairs& sorted, int trials, std::size_t& hashed) {
    std::vector<std::size_t> sizes;
    builder_root(sorted, [&](ByteView, const Hash&, ByteView rlp) { sizes.push_back(rlp.size()); });
    hashed = sizes.size();
    Bytes buf(*std::ranges::max_element(sizes) + 1, 0x5a);
    return median_ms(trials, [&] {
        for (const std::size_t n : sizes) buf[0] = keccak256({buf.data(), n}).bytes[0];
    });
}

struct Figures {
    double builder_ms, trie_ms, floor_ms;
    std::size_t hashed;
};

Figures measure(const char* name, Pairs pairs, int trials) {
    Pairs sorted = pairs;
    sort_by_key(sorted);
    Figures f{};
    f.floor_ms = keccak_floor_ms(sorted, trials, f.hashed);
    Hash a, b;
    f.builder_ms = median_ms(trials, [&] { a = builder_root(sorted); });
    f.trie_ms = median_ms(trials, [&] { b = trie_root(pairs); });
    if (a != b) std::fprintf(stderr, "%s: HashBuilder and Trie roots differ!\n", name);
    std::printf(
        "%-22s %9zu keys  hashed nodes %9zu  keccak floor %9.1f ms  HashBuilder(sorted) %9.1f ms (%.2fx "
        "floor)"
        "  Trie(unsorted puts+root) %9.1f ms (%.2fx floor)\n",
        name, pairs.size(), f.hashed, f.floor_ms, f.builder_ms, f.builder_ms / f.floor_ms, f.trie_ms,
        f.trie_ms / f.floor_ms);
    return f;
}

// A JSON-RPC quantity ("0x" and hex digits, maybe an odd number) as minimal big-endian bytes.
Bytes quantity_bytes(std::string_view text) {
    const std::string_view digits = strip_0x(text);
    Bytes out((digits.size() + 1) / 2);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const auto nibble = static_cast<unsigned>(hex_digit_value(digits[digits.size() - 1 - i]));
        out[out.size() - 1 - i / 2] |= static_cast<std::uint8_t>(nibble << (4 * (i % 2)));
    }
    out.erase(out.begin(), std::ranges::find_if(out, [](std::uint8_t x) { return x != 0; }));
    return out;
}

// The genesis state root from the alloc text: hex decoding, key hashing, account RLP, puts, root.
Hash genesis_root(const std::vector<std::pair<std::string, std::string>>& alloc) {
    trie::Trie t;
    for (const auto& [address, balance] : alloc) {
        t.put(keccak256(from_hex(address).value()), account_rlp(0, quantity_bytes(balance)));
    }
    return t.root_hash();
}

std::map<std::string, std::string> parse_args(int argc, char** argv) {
    std::map<std::string, std::string> args;
    for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
    return args;
}

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    using namespace kitsunet::bench;
    auto args = parse_args(argc, argv);
    const auto num = [&](const char* k, double d) {
        return args.contains(k) ? std::atof(args[k].c_str()) : d;
    };
    const int trials = static_cast<int>(num("--trials", 3));
    std::mt19937_64 rng(2026);
    const auto accounts = measure(
        "1M random accounts", random_accounts(rng, static_cast<std::size_t>(num("--accounts", 1e6))), trials);
    const auto pairs = measure("random 32B/70B pairs",
                               random_pairs(rng, static_cast<std::size_t>(num("--pairs", 1e5))), trials);

    double genesis_ms = 0;
    if (args.contains("--genesis")) {
        const auto alloc = read_genesis_alloc(args["--genesis"]);
        kitsunet::Hash root;
        genesis_ms = median_ms(std::max(trials, 5), [&] { root = genesis_root(alloc); });
        const bool ok =
            kitsunet::to_hex(root) == "d7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";
        std::printf("mainnet genesis        %9zu accounts  %.2f ms  root %s\n", alloc.size(), genesis_ms,
                    ok ? "d7f8974f… (correct)" : "WRONG");
        if (!ok) return 1;
    }
    const double mpt_random = num("--mpt-random-ms", 0), mpt_genesis = num("--mpt-genesis-ms", 0);
    std::printf(
        "ratios: mpt/Trie(100k)=%.0fx (goal>=200) mpt/HashBuilder(100k)=%.0fx mpt/genesis=%.0fx (goal>=100) "
        "HashBuilder(1M)/keccak-floor=%.2fx (goal<=1.5) Trie(1M)/keccak-floor=%.2fx\n",
        mpt_random / pairs.trie_ms, mpt_random / pairs.builder_ms,
        genesis_ms > 0 ? mpt_genesis / genesis_ms : 0.0, accounts.builder_ms / accounts.floor_ms,
        accounts.trie_ms / accounts.floor_ms);
    return 0;
}
