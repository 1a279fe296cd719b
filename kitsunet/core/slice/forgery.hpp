#pragma once
/// Test-only: forged slices. A pool of valid slices of every shape and six kinds of random mutation
/// (a flipped byte in any node or code, a node removed, a foreign node or code added, a stem node
/// swapped, a node beyond the depth, a false id); every mutation makes a slice that must be refused.
/// Used by the verifier's tests (core) and the store's (nothing of a forgery is stored).
#include <functional>
#include <string>

#include "kitsunet/core/slice/test_support.hpp"

namespace kitsunet::slice::test {

// Valid slices of every shape: a clustered storage trie (embedded heads, heads inside
// extensions, empty prefixes), depth-limited cuts, a state trie whose accounts have code.
struct ForgeryPool {
    std::vector<Slice> slices;
    std::vector<Slice> limited;  // depth-limited cuts, with `full` the same slice at full depth
    std::vector<Slice> full;
    std::vector<Bytes> foreign;  // nodes of other tries
};

inline Slice must_cut(const NodeSource& source, const SliceId& id) {
    auto s = cut(source, id);
    EXPECT_TRUE(s) << id.to_string();
    EXPECT_TRUE(verify(*s)) << id.to_string();
    return std::move(*s);
}

inline ForgeryPool make_pool(std::mt19937_64& rng) {
    ForgeryPool pool;
    const auto storage = build_trie(clustered_entries(rng, 300));
    for (std::size_t length : {0u, 1u, 2u, 19u, 20u, 21u, 58u, 60u, 62u}) {
        for (int i = 0; i < 6; ++i) {
            const Hash key =
                std::next(storage.entries.begin(), static_cast<long>(rng() % storage.entries.size()))->first;
            auto prefix = key_prefix(key, length);
            if (i % 3 == 2 && length > 0) prefix.back() ^= 1;  // often an empty prefix
            pool.slices.push_back(must_cut(storage.nodes, id_of(storage.root, prefix, kFullDepth, kOwner)));
        }
    }
    for (std::uint8_t depth = 0; depth < 3; ++depth) {
        for (const trie::Nibbles& prefix : {trie::Nibbles{}, trie::Nibbles{1}}) {
            pool.limited.push_back(must_cut(storage.nodes, id_of(storage.root, prefix, depth, kOwner)));
            pool.full.push_back(must_cut(storage.nodes, id_of(storage.root, prefix, kFullDepth, kOwner)));
        }
    }
    NodeMap state;
    std::vector<std::pair<Hash, Bytes>> accounts;
    for (int i = 0; i < 300; ++i) {
        Account a;
        a.balance = U256{static_cast<std::uint64_t>(rng())};
        if (i % 4 == 0) {
            const Bytes code = random_code(rng, 30 + rng() % 50);
            a.code_hash = code_hash(code);
            state.put_code(code);
        }
        accounts.emplace_back(keccak256(as_bytes(std::to_string(i))), account_value(a));
    }
    std::ranges::sort(accounts);
    const Hash state_root = add_trie(state, accounts);
    for (const auto& prefix : all_prefixes(1))
        pool.slices.push_back(must_cut(state, id_of(state_root, prefix)));
    for (const auto& prefix : all_prefixes(2))
        if (rng() % 8 == 0) pool.slices.push_back(must_cut(state, id_of(state_root, prefix)));
    std::mt19937_64 other_rng(99);
    const auto other = build_trie(clustered_entries(other_rng, 100));
    for (const auto& prefix : all_prefixes(1)) {
        const Slice s = must_cut(other.nodes, id_of(other.root, prefix, kFullDepth, kOwner));
        pool.foreign.insert(pool.foreign.end(), s.nodes.begin(), s.nodes.end());
        pool.foreign.insert(pool.foreign.end(), s.stem.begin(), s.stem.end());
    }
    return pool;
}

template <class T>
T& pick(std::vector<T>& v, std::mt19937_64& rng) {
    return v[rng() % v.size()];
}

// Every node and code of a slice, as pointers to mutate.
inline std::vector<Bytes*> items_of(Slice& s) {
    std::vector<Bytes*> out;
    for (auto* list : {&s.stem, &s.nodes, &s.codes})
        for (auto& item : *list) out.push_back(&item);
    if (!s.head.empty()) out.push_back(&s.head);
    return out;
}

using Mutation = std::function<bool(Slice&, ForgeryPool&, std::mt19937_64&)>;

inline bool flip_byte(Slice& s, ForgeryPool&, std::mt19937_64& rng) {
    auto items = items_of(s);
    if (items.empty()) return false;
    Bytes& item = *pick(items, rng);
    item[rng() % item.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    return true;
}

inline bool remove_node(Slice& s, ForgeryPool&, std::mt19937_64& rng) {
    const auto where = rng() % 3;
    if (where == 0 && !s.nodes.empty()) {
        s.nodes.erase(s.nodes.begin() + static_cast<long>(rng() % s.nodes.size()));
    } else if (where == 1 && !s.stem.empty()) {
        s.stem.erase(s.stem.begin() + static_cast<long>(rng() % s.stem.size()));
    } else if (where == 2 && !s.head.empty()) {
        s.head.clear();
    } else {
        return false;
    }
    return true;
}

inline bool add_foreign(Slice& s, ForgeryPool& pool, std::mt19937_64& rng) {
    switch (rng() % 4) {
        case 0:  // a node of another trie
            s.nodes.push_back(pick(pool.foreign, rng));
            break;
        case 1:  // a node of this trie, from another slice
        {
            const Slice& other = pick(pool.slices, rng);
            if (other.id.root != s.id.root || other.nodes.empty() || other.id.prefix == s.id.prefix)
                return false;
            const Bytes& node = other.nodes[rng() % other.nodes.size()];
            if (std::ranges::find(s.nodes, node) != s.nodes.end()) return false;
            s.nodes.push_back(node);
            break;
        }
        case 2:  // code no account refers to
            s.codes.push_back(random_code(rng, 1 + rng() % 40));
            break;
        default:  // a node listed twice
            if (s.nodes.empty()) return false;
            s.nodes.push_back(pick(s.nodes, rng));
    }
    std::ranges::shuffle(s.nodes, rng);
    return true;
}

inline bool swap_stem(Slice& s, ForgeryPool& pool, std::mt19937_64& rng) {
    if (s.stem.empty()) return false;
    const auto i = rng() % s.stem.size();
    switch (rng() % 3) {
        case 0: {  // another slice's stem node in its place
            const Slice& other = pick(pool.slices, rng);
            if (other.stem.size() <= i || other.stem[i] == s.stem[i]) return false;
            s.stem[i] = other.stem[i];
            break;
        }
        case 1:  // two stem nodes out of order
            if (s.stem.size() < 2) return false;
            std::swap(s.stem[i], s.stem[(i + 1) % s.stem.size()]);
            break;
        default:  // a stem node moved among the nodes
            s.nodes.push_back(s.stem[i]);
            s.stem.erase(s.stem.begin() + static_cast<long>(i));
    }
    return true;
}

inline bool overrun_depth(Slice& s, ForgeryPool& pool, std::mt19937_64& rng) {
    const auto i = rng() % pool.limited.size();
    s = pool.limited[i];
    if (rng() % 2 == 0) {  // a node from the level below the depth
        for (const auto& node : pool.full[i].nodes)
            if (std::ranges::find(s.nodes, node) == s.nodes.end()) {
                s.nodes.push_back(node);
                return true;
            }
        return false;
    }
    // Claims less depth than it holds (when it does hold nodes at its depth).
    if (s.id.depth == 0 || verify(s)->stats().max_level < s.id.depth) return false;
    s.id.depth = static_cast<std::uint8_t>(s.id.depth - 1);
    return true;
}

inline bool false_id(Slice& s, ForgeryPool&, std::mt19937_64& rng) {
    if (rng() % 2 == 0) {
        s.id.root.bytes[rng() % 32] ^= 0x01;
    } else {
        // (The stem of an empty prefix may prove a neighbouring prefix empty too: not a forgery.)
        if (s.id.prefix.empty() || s.proves_empty()) return false;
        s.id.prefix.back() = static_cast<std::uint8_t>((s.id.prefix.back() + 1 + rng() % 15) % 16);
    }
    return true;
}

/// The mutations, by name.
inline const std::vector<std::pair<const char*, Mutation>>& mutations() {
    static const std::vector<std::pair<const char*, Mutation>> all{
        {"flip a byte", flip_byte},
        {"remove a node", remove_node},
        {"add a foreign node or code", add_foreign},
        {"swap a stem node", swap_stem},
        {"overrun the depth", overrun_depth},
        {"false id", false_id}};
    return all;
}

/// A forged slice and the mutation that made it.
struct Forgery {
    const char* mutation;
    Slice slice;
};

/// A random forgery of a random slice of `pool`.
inline Forgery forge(ForgeryPool& pool, std::mt19937_64& rng) {
    for (;;) {
        const auto& [name, mutate] = mutations()[rng() % mutations().size()];
        Slice forged = pick(pool.slices, rng);
        if (mutate(forged, pool, rng)) return {name, std::move(forged)};
    }
}

}  // namespace kitsunet::slice::test
