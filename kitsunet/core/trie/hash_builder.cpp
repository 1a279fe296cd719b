#include "kitsunet/core/trie/hash_builder.hpp"

#include <algorithm>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/keccak.hpp"

namespace kitsunet::trie {

enum class BuilderKind : std::uint8_t { kLeaf, kExtension, kBranch };

/// A node on the path of the last key. A branch's children left of `open_nibble` are sealed into
/// `refs`; only the child at `open_nibble` may still grow. An extension's child is always open.
struct BuilderNode {
    BuilderKind kind{BuilderKind::kLeaf};
    Nibbles path;                       // leaf, extension
    Bytes value;                        // leaf, branch
    std::unique_ptr<BuilderNode> open;  // extension child, or the open branch child
    std::uint8_t open_nibble{0};
    std::array<NodeRef, 16> refs;  // branch
};

HashBuilder::HashBuilder() = default;
HashBuilder::~HashBuilder() = default;
HashBuilder::HashBuilder(HashBuilder&&) noexcept = default;
HashBuilder& HashBuilder::operator=(HashBuilder&&) noexcept = default;

HashBuilder::NodePtr HashBuilder::make(BuilderKind kind) {
    NodePtr n;
    if (pool_.empty()) {
        n = std::make_unique<BuilderNode>();
    } else {
        n = std::move(pool_.back());
        pool_.pop_back();
    }
    n->kind = kind;
    return n;
}

void HashBuilder::recycle(NodePtr node) {
    node->path.clear();
    node->value.clear();
    node->refs = {};
    pool_.push_back(std::move(node));
}

void HashBuilder::add(ByteView key, ByteView value) {
    KITSUNET_ASSERT(!finished_);
    KITSUNET_ASSERT(!has_last_ || std::ranges::lexicographical_compare(last_key_, key));
    last_key_.assign(key.begin(), key.end());
    has_last_ = true;
    if (value.empty()) return;
    key_.clear();
    append_nibbles(key_, key);
    insert(root_, 0, value);
}

void HashBuilder::insert(NodePtr& slot, std::size_t depth, ByteView value) {
    const ByteView rest = ByteView{key_}.subspan(depth);
    if (!slot) {
        slot = make(BuilderKind::kLeaf);
        slot->path.assign(rest.begin(), rest.end());
        slot->value.assign(value.begin(), value.end());
        return;
    }
    BuilderNode& n = *slot;
    if (n.kind == BuilderKind::kBranch) {
        KITSUNET_ASSERT(!rest.empty());  // else the key would precede the keys below this branch
        if (n.open && rest[0] != n.open_nibble) {
            path_.assign(key_.begin(), key_.begin() + static_cast<std::ptrdiff_t>(depth));
            path_.push_back(n.open_nibble);
            n.refs[n.open_nibble] = seal(std::move(n.open));
        }
        n.open_nibble = rest[0];
        return insert(n.open, depth + 1, value);
    }
    const std::size_t common = common_prefix_length(n.path, rest);
    if (n.kind == BuilderKind::kExtension && common == n.path.size())
        return insert(n.open, depth + common, value);
    split(slot, depth, value, common);
}

// The key leaves the path of a leaf or extension after `common` nibbles, to the right (keys
// ascend): the old node's remainder is complete, so it is sealed at once.
void HashBuilder::split(NodePtr& slot, std::size_t depth, ByteView value, std::size_t common) {
    const ByteView rest = ByteView{key_}.subspan(depth);
    KITSUNET_ASSERT(common < rest.size());
    NodePtr old = std::move(slot);
    NodePtr branch = make(BuilderKind::kBranch);
    if (common == old->path.size()) {  // a leaf whose key is a prefix of the new key
        branch->value = std::move(old->value);
        recycle(std::move(old));
    } else {
        const std::uint8_t nibble = old->path[common];
        old->path.erase(old->path.begin(), old->path.begin() + static_cast<std::ptrdiff_t>(common + 1));
        NodePtr sealed = std::move(old);
        if (sealed->kind == BuilderKind::kExtension && sealed->path.empty()) {
            NodePtr child = std::move(sealed->open);
            recycle(std::move(sealed));
            sealed = std::move(child);
        }
        path_.assign(key_.begin(), key_.begin() + static_cast<std::ptrdiff_t>(depth + common));
        path_.push_back(nibble);
        branch->refs[nibble] = seal(std::move(sealed));
    }
    if (common == 0) {
        slot = std::move(branch);
    } else {
        slot = make(BuilderKind::kExtension);
        slot->path.assign(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(common));
        slot->open = std::move(branch);
    }
    insert(common == 0 ? slot : slot->open, depth + common, value);
}

// Seals `node`, positioned at path_, and everything still open below it.
NodeRef HashBuilder::seal(NodePtr node) {
    const std::size_t at = path_.size();
    if (node->kind == BuilderKind::kExtension) {
        path_.insert(path_.end(), node->path.begin(), node->path.end());
        const NodeRef child = seal(std::move(node->open));
        path_.resize(at);
        encoding_.clear();
        encode_extension(encoding_, node->path, child);
    } else if (node->kind == BuilderKind::kBranch) {
        if (node->open) {
            path_.push_back(node->open_nibble);
            node->refs[node->open_nibble] = seal(std::move(node->open));
            path_.resize(at);
        }
        encoding_.clear();
        encode_branch(encoding_, node->refs, node->value);
    } else {
        encoding_.clear();
        encode_leaf(encoding_, node->path, node->value);
    }
    recycle(std::move(node));
    const NodeRef ref = NodeRef::to_node(encoding_);
    if (sink_ && ref.is_hash()) sink_(path_, ref.hash(), encoding_);
    return ref;
}

Hash HashBuilder::root() {
    if (finished_) return root_hash_;
    finished_ = true;
    if (!root_) return root_hash_ = kEmptyRoot;
    path_.clear();
    const NodeRef ref = seal(std::move(root_));
    root_hash_ = root_hash_of(ref);
    if (sink_ && !ref.is_hash()) sink_(path_, root_hash_, ref.bytes());
    return root_hash_;
}

}  // namespace kitsunet::trie
