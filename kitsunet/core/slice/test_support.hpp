#pragma once
/// Test-only helpers for the slice tests: tries of 32-byte keys held in a NodeMap (the cutter's
/// source), with their entries as the reference, and the mainnet genesis state.
#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::slice::test {

using Entries = std::map<Hash, Bytes>;

/// A trie in a NodeMap, and what it holds.
struct TestTrie {
    NodeMap nodes;
    Hash root{trie::kEmptyRoot};
    Entries entries;
};

inline TestTrie build_trie(Entries entries) {
    TestTrie t;
    const std::vector<std::pair<Hash, Bytes>> sorted(entries.begin(), entries.end());
    t.root = add_trie(t.nodes, sorted);
    t.entries = std::move(entries);
    return t;
}

inline Bytes storage_value(std::uint64_t v) {
    Bytes out;
    rlp::encode(out, U256{v});
    return out;
}

/// The RLP of a random 32-byte storage value (long enough that its leaf is always hashed).
inline Bytes large_storage_value(std::mt19937_64& rng) {
    Hash v;
    for (auto& b : v.bytes) b = static_cast<std::uint8_t>(rng());
    v.bytes[0] |= 1;
    return rlp::encode_string(v);
}

inline Bytes random_code(std::mt19937_64& rng, std::size_t size) {
    Bytes code(size);
    for (auto& b : code) b = static_cast<std::uint8_t>(rng());
    return code;
}

inline Bytes account_value(const Account& a) {
    Bytes out;
    rlp::encode(out, a);
    return out;
}

/// The owner used for storage slices in tests.
inline const Hash kOwner = keccak256(as_bytes("a contract"));

/// Keys clustered so that the trie has long shared paths, extensions, and nodes embedded in their
/// parents (short leaves deep down, small branches): each key is one of a few random bases with
/// its last nibbles replaced by nibbles from {0, 1, 2}; plus some keys spread at random. Values are
/// small storage values, some long (so some deep leaves are hashed).
inline Entries clustered_entries(std::mt19937_64& rng, std::size_t count) {
    std::vector<Hash> bases(4);
    for (auto& b : bases)
        for (auto& byte : b.bytes) byte = static_cast<std::uint8_t>(rng());
    bases[1] = bases[0];
    bases[1].bytes[9] ^= 0x01;  // bases 0 and 1 share 19 nibbles: a long extension above them
    Entries out;
    while (out.size() < count) {
        Hash key = bases[rng() % bases.size()];
        if (rng() % 8 == 0)
            key = keccak256(Bytes{static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng())});
        const std::size_t tail = 1 + rng() % 6;
        for (std::size_t i = 64 - tail; i < 64; ++i) {
            const auto nibble = static_cast<std::uint8_t>(rng() % 3);
            auto& byte = key.bytes[i / 2];
            byte = i % 2 == 0 ? static_cast<std::uint8_t>((byte & 0x0f) | (nibble << 4))
                              : static_cast<std::uint8_t>((byte & 0xf0) | nibble);
        }
        out[key] = rng() % 5 == 0 ? large_storage_value(rng) : storage_value(1 + rng() % 200);
    }
    return out;
}

/// The mainnet genesis accounts by address (balances only), from ../shared/vectors.
inline std::vector<std::pair<Address, Account>> genesis_accounts(const std::filesystem::path& vectors) {
    const auto json = testing::read_json(vectors / "mainnet/genesis-alloc.json");
    std::vector<std::pair<Address, Account>> out;
    for (const auto& [address, balance] : json.as_object()) {
        Account a;
        a.balance = U256::parse(balance.as_string()).value();
        out.emplace_back(fixed_from_hex<20>(address).value(), a);
    }
    return out;
}

/// The state trie of `accounts`.
inline TestTrie state_trie(const std::vector<std::pair<Address, Account>>& accounts) {
    Entries entries;
    for (const auto& [address, account] : accounts) entries[keccak256(address)] = account_value(account);
    return build_trie(std::move(entries));
}

/// Every prefix of `length` nibbles, in order.
inline std::vector<trie::Nibbles> all_prefixes(std::size_t length) {
    std::vector<trie::Nibbles> out{trie::Nibbles{}};
    for (std::size_t i = 0; i < length; ++i) {
        std::vector<trie::Nibbles> longer;
        longer.reserve(out.size() * 16);
        for (const auto& p : out)
            for (std::uint8_t n = 0; n < 16; ++n) {
                longer.push_back(p);
                longer.back().push_back(n);
            }
        out = std::move(longer);
    }
    return out;
}

inline SliceId id_of(const Hash& root, trie::Nibbles prefix, std::uint8_t depth = kFullDepth,
                     std::optional<Hash> owner = std::nullopt) {
    SliceId id;
    id.root = root;
    id.prefix = std::move(prefix);
    id.depth = depth;
    id.storage_owner = owner;
    return id;
}

/// The entries of `all` under `prefix`.
inline Entries entries_under(const Entries& all, ByteView prefix) {
    Entries out;
    for (const auto& [k, v] : all)
        if (key_has_prefix(k, prefix)) out.emplace(k, v);
    return out;
}

/// Cuts and verifies; fails the test (and returns nullopt) when either step fails.
inline std::optional<VerifiedSlice> cut_and_verify(const NodeSource& source, const SliceId& id) {
    auto cut_slice = cut(source, id);
    if (!cut_slice) {
        ADD_FAILURE() << "cut " << id.to_string() << ": " << describe(cut_slice.error());
        return std::nullopt;
    }
    auto verified = verify(std::move(*cut_slice));
    if (!verified) {
        ADD_FAILURE() << "verify " << id.to_string() << ": " << describe(verified.error());
        return std::nullopt;
    }
    return std::move(*verified);
}

}  // namespace kitsunet::slice::test
