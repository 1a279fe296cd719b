#pragma once
/// Test-only helpers for the trie tests: deterministic random key/value sets.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::trie::test {

/// Bytewise order, spelled out: g++ 12 warns falsely (stringop-overread) on vector's operator<=>.
struct BytesLess {
    bool operator()(const Bytes& a, const Bytes& b) const noexcept {
        const std::size_t n = std::min(a.size(), b.size());
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return a[i] < b[i];
        return a.size() < b.size();
    }
};

/// Key/value sets in key order, the order HashBuilder needs.
using Entries = std::map<Bytes, Bytes, BytesLess>;

inline Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

/// `count` random keys (length in [min_len, max_len], bytes drawn from `alphabet` values to force
/// shared prefixes when it is small) with random non-empty values; sorted by key.
inline Entries random_entries(std::mt19937_64& rng, std::size_t count, std::size_t min_len,
                              std::size_t max_len, unsigned alphabet = 256) {
    Entries out;
    std::uniform_int_distribution<std::size_t> len(min_len, max_len);
    std::uniform_int_distribution<std::size_t> vlen(1, 40);
    while (out.size() < count) {
        Bytes key(len(rng));
        for (auto& b : key) b = static_cast<std::uint8_t>(rng() % alphabet);
        out[key] = random_bytes(rng, vlen(rng));
    }
    return out;
}

}  // namespace kitsunet::trie::test
