#pragma once
/// Internal to Trie: its in-memory nodes. Not part of the public API.
#include <array>
#include <cstdint>
#include <memory>

#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::trie {

struct TrieNode;
using TrieNodePtr = std::unique_ptr<TrieNode>;

/// One node of an in-memory trie. `ref` caches the node's reference and is valid while !dirty;
/// every change marks the nodes on its path dirty.
struct TrieNode {
    enum class Kind : std::uint8_t { kLeaf, kExtension, kBranch };

    explicit TrieNode(Kind k) noexcept : kind(k) {}

    Kind kind;
    bool dirty{true};
    NodeRef ref;
    Nibbles path;                                        // leaf, extension
    Bytes value;                                         // leaf, branch (may be empty)
    TrieNodePtr child;                                   // extension
    std::unique_ptr<std::array<TrieNodePtr, 16>> slots;  // branch

    static TrieNodePtr leaf(ByteView path, ByteView value) {
        auto n = std::make_unique<TrieNode>(Kind::kLeaf);
        n->path.assign(path.begin(), path.end());
        n->value.assign(value.begin(), value.end());
        return n;
    }
    static TrieNodePtr extension(ByteView path, TrieNodePtr child) {
        auto n = std::make_unique<TrieNode>(Kind::kExtension);
        n->path.assign(path.begin(), path.end());
        n->child = std::move(child);
        return n;
    }
    static TrieNodePtr branch() {
        auto n = std::make_unique<TrieNode>(Kind::kBranch);
        n->slots = std::make_unique<std::array<TrieNodePtr, 16>>();
        return n;
    }
};

/// Appends the RLP of `n`. Precondition: the refs of its children are up to date (not dirty).
void encode_trie_node(Bytes& to, const TrieNode& n);

}  // namespace kitsunet::trie
