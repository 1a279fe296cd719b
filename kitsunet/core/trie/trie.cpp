#include "kitsunet/core/trie/trie.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/trie_node.hpp"

namespace kitsunet::trie {
namespace {

using Kind = TrieNode::Kind;

// Replaces a leaf or extension whose path diverges from `key` after `common` nibbles by a branch
// holding both (under an extension of the common part when there is one).
TrieNodePtr split(TrieNodePtr node, ByteView key, ByteView value, std::size_t common) {
    auto branch = TrieNode::branch();
    auto& slots = *branch->slots;
    if (common == node->path.size()) {  // a leaf whose key ends where the new key goes on
        branch->value = std::move(node->value);
    } else {
        const std::uint8_t nibble = node->path[common];
        node->path.erase(node->path.begin(), node->path.begin() + static_cast<std::ptrdiff_t>(common + 1));
        node->dirty = true;
        const bool vanishes = node->kind == Kind::kExtension && node->path.empty();
        slots[nibble] = vanishes ? std::move(node->child) : std::move(node);
    }
    if (common == key.size())
        branch->value.assign(value.begin(), value.end());
    else
        slots[key[common]] = TrieNode::leaf(key.subspan(common + 1), value);
    if (common == 0) return branch;
    return TrieNode::extension(key.first(common), std::move(branch));
}

// Inserts or updates; sets `added` when the key is new.
void insert(TrieNodePtr& slot, ByteView key, ByteView value, bool& added) {
    if (!slot) {
        slot = TrieNode::leaf(key, value);
        added = true;
        return;
    }
    TrieNode& n = *slot;
    n.dirty = true;
    if (n.kind == Kind::kBranch) {
        if (!key.empty()) return insert((*n.slots)[key[0]], key.subspan(1), value, added);
        added = n.value.empty();
        n.value.assign(value.begin(), value.end());
        return;
    }
    const std::size_t common = common_prefix_length(n.path, key);
    if (n.kind == Kind::kLeaf && common == n.path.size() && common == key.size()) {
        n.value.assign(value.begin(), value.end());
    } else if (n.kind == Kind::kExtension && common == n.path.size()) {
        insert(n.child, key.subspan(common), value, added);
    } else {
        slot = split(std::move(slot), key, value, common);
        added = true;
    }
}

std::optional<Bytes> find(const TrieNode* n, ByteView key) {
    while (n != nullptr) {
        if (n->kind == Kind::kBranch) {
            if (key.empty()) return n->value.empty() ? std::nullopt : std::optional<Bytes>{n->value};
            n = (*n->slots)[key[0]].get();
            key = key.subspan(1);
            continue;
        }
        const std::size_t common = common_prefix_length(n->path, key);
        if (common != n->path.size()) return std::nullopt;
        if (n->kind == Kind::kLeaf)
            return common == key.size() ? std::optional<Bytes>{n->value} : std::nullopt;
        key = key.subspan(common);
        n = n->child.get();
    }
    return std::nullopt;
}

void update_ref(TrieNode& n, Bytes& scratch) {
    if (!n.dirty) return;
    if (n.kind == Kind::kExtension) update_ref(*n.child, scratch);
    if (n.kind == Kind::kBranch)
        for (auto& c : *n.slots)
            if (c) update_ref(*c, scratch);
    scratch.clear();
    encode_trie_node(scratch, n);
    n.ref = NodeRef::to_node(scratch);
    n.dirty = false;
}

}  // namespace

void encode_trie_node(Bytes& to, const TrieNode& n) {
    switch (n.kind) {
        case Kind::kLeaf:
            return encode_leaf(to, n.path, n.value);
        case Kind::kExtension:
            return encode_extension(to, n.path, n.child->ref);
        case Kind::kBranch: {
            std::array<NodeRef, 16> refs;
            for (std::size_t i = 0; i < 16; ++i)
                if (const auto& c = (*n.slots)[i]) refs[i] = c->ref;
            return encode_branch(to, refs, n.value);
        }
    }
}

Trie::Trie() = default;
Trie::~Trie() = default;
Trie::Trie(Trie&&) noexcept = default;
Trie& Trie::operator=(Trie&&) noexcept = default;

void Trie::put(ByteView key, ByteView value) {
    if (value.empty()) return erase(key);
    key_nibbles_.clear();
    append_nibbles(key_nibbles_, key);
    bool added = false;
    insert(root_, key_nibbles_, value, added);
    if (added) ++size_;
}

std::optional<Bytes> Trie::get(ByteView key) const { return find(root_.get(), unpack_nibbles(key)); }

Hash Trie::root_hash() {
    if (!root_) return kEmptyRoot;
    update_ref(*root_, encoding_);
    return root_hash_of(root_->ref);
}

std::vector<Bytes> Trie::proof(ByteView key) {
    root_hash();  // brings every cached reference up to date
    const Nibbles nibbles = unpack_nibbles(key);
    ByteView rest = nibbles;
    std::vector<Bytes> out;
    for (const TrieNode* n = root_.get(); n != nullptr;) {
        if (n == root_.get() || n->ref.is_hash()) encode_trie_node(out.emplace_back(), *n);
        if (n->kind == Kind::kLeaf) break;
        if (n->kind == Kind::kBranch) {
            if (rest.empty()) break;
            n = (*n->slots)[rest[0]].get();
            rest = rest.subspan(1);
            continue;
        }
        if (common_prefix_length(n->path, rest) != n->path.size()) break;
        rest = rest.subspan(n->path.size());
        n = n->child.get();
    }
    return out;
}

void SecureTrie::put(ByteView key, ByteView value) { trie_.put(keccak256(key), value); }
void SecureTrie::erase(ByteView key) { trie_.erase(keccak256(key)); }
std::optional<Bytes> SecureTrie::get(ByteView key) const { return trie_.get(keccak256(key)); }
std::vector<Bytes> SecureTrie::proof(ByteView key) { return trie_.proof(keccak256(key)); }

}  // namespace kitsunet::trie
