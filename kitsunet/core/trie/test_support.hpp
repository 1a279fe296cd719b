#pragma once
/// Test-only helpers for the trie tests: deterministic random key/value sets, and a naive root.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <utility>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/nibbles.hpp"

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

namespace naive {

using Item = std::pair<Nibbles, ByteView>;  // a key's nibbles and its value

Bytes node(std::span<const Item> items, std::size_t i);

// n(I, i): how a parent holds the node of `items`: nothing, the node itself, or its hash.
inline Bytes child(std::span<const Item> items, std::size_t i) {
    if (items.empty()) return Bytes{0x80};
    Bytes c = node(items, i);
    return c.size() < 32 ? c : rlp::encode_string(keccak256(c));
}

inline Bytes path(const Nibbles& key, std::size_t from, std::size_t to, bool leaf) {
    return encode_hex_prefix(ByteView{key}.subspan(from, to - from), leaf);
}

// c(I, i) for items sorted by key, all sharing their first i nibbles.
inline Bytes node(std::span<const Item> items, std::size_t i) {
    Bytes payload;
    const Nibbles& first = items.front().first;
    if (items.size() == 1) {
        rlp::encode(payload, path(first, i, first.size(), true));
        rlp::encode(payload, items.front().second);
        return rlp::wrap_list(payload);
    }
    const std::size_t shared = common_prefix_length(first, items.back().first);  // sorted: first and last
    if (shared > i) {
        rlp::encode(payload, path(first, i, shared, false));
        const Bytes c = child(items, shared);
        payload.insert(payload.end(), c.begin(), c.end());
        return rlp::wrap_list(payload);
    }
    ByteView value;
    if (first.size() == i) {  // the key that ends here sorts first
        value = items.front().second;
        items = items.subspan(1);
    }
    for (std::uint8_t nibble = 0; nibble < 16; ++nibble) {
        std::size_t n = 0;
        while (n < items.size() && items[n].first[i] == nibble) ++n;
        const Bytes c = child(items.first(n), i + 1);
        payload.insert(payload.end(), c.begin(), c.end());
        items = items.subspan(n);
    }
    rlp::encode(payload, value);
    return rlp::wrap_list(payload);
}

}  // namespace naive

/// The root of `entries` as the yellow paper defines it (appendix D): recursion over the sorted
/// keys with plain RLP calls, sharing no code with Trie or HashBuilder beyond RLP and hex-prefix.
/// Slow; a reference for cross-checks only.
inline Hash naive_root(const Entries& entries) {
    if (entries.empty()) return keccak256(Bytes{0x80});
    std::vector<naive::Item> items;
    for (const auto& [k, v] : entries) items.emplace_back(unpack_nibbles(k), v);
    return keccak256(naive::node(items, 0));
}

}  // namespace kitsunet::trie::test
