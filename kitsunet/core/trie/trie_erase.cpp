// Trie::erase: removing a key and restoring the canonical shape (no branch with a single entry,
// no extension leading to a leaf or an extension).
#include <algorithm>

#include "kitsunet/core/trie/trie.hpp"
#include "kitsunet/core/trie/trie_node.hpp"

namespace kitsunet::trie {
namespace {

using Kind = TrieNode::Kind;

// Glues `prefix` in front of a node's path; a branch gets an extension instead.
TrieNodePtr prepend_path(ByteView prefix, TrieNodePtr node) {
    if (node->kind == Kind::kBranch) return TrieNode::extension(prefix, std::move(node));
    node->path.insert(node->path.begin(), prefix.begin(), prefix.end());
    node->dirty = true;
    return node;
}

// A branch left with one entry becomes that entry, with the slot's nibble moved into its path.
void normalize_branch(TrieNodePtr& slot) {
    auto& slots = *slot->slots;
    const auto used = std::ranges::count_if(slots, [](const TrieNodePtr& c) { return c != nullptr; });
    const bool has_value = !slot->value.empty();
    if (used + (has_value ? 1 : 0) >= 2) return;
    if (has_value) {
        slot = TrieNode::leaf({}, slot->value);
        return;
    }
    const auto it = std::ranges::find_if(slots, [](const TrieNodePtr& c) { return c != nullptr; });
    if (it == slots.end()) return slot.reset();
    const auto nibble = static_cast<std::uint8_t>(it - slots.begin());
    auto child = std::move(*it);
    slot = prepend_path({&nibble, 1}, std::move(child));
}

// Returns whether `key` was found (and removed) below `slot`.
bool remove(TrieNodePtr& slot, ByteView key) {
    if (!slot) return false;
    TrieNode& n = *slot;
    if (n.kind == Kind::kLeaf) {
        if (!std::ranges::equal(n.path, key)) return false;
        slot.reset();
        return true;
    }
    if (n.kind == Kind::kBranch) {
        if (key.empty()) {
            if (n.value.empty()) return false;
            n.value.clear();
        } else if (!remove((*n.slots)[key[0]], key.subspan(1))) {
            return false;
        }
        n.dirty = true;
        normalize_branch(slot);
        return true;
    }
    if (common_prefix_length(n.path, key) != n.path.size()) return false;
    if (!remove(n.child, key.subspan(n.path.size()))) return false;
    n.dirty = true;
    if (!n.child) {
        slot.reset();
    } else if (n.child->kind != Kind::kBranch) {
        auto child = std::move(n.child);
        const Nibbles prefix = std::move(n.path);
        slot = prepend_path(prefix, std::move(child));
    }
    return true;
}

}  // namespace

void Trie::erase(ByteView key) {
    key_nibbles_.clear();
    append_nibbles(key_nibbles_, key);
    if (remove(root_, key_nibbles_)) --size_;
}

}  // namespace kitsunet::trie
