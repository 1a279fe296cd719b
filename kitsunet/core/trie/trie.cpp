#include "kitsunet/core/trie/trie.hpp"

#include <utility>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/node_writer.hpp"
#include "kitsunet/core/trie/trie_node.hpp"

namespace kitsunet::trie {
namespace {

using detail::Branch;
using detail::Child;
using detail::Extension;
using detail::Kind;
using detail::Leaf;
using detail::nibble_at;
using detail::NodeArena;

const NodeRef kNoChild{};
constexpr std::size_t kPrefetchBytes = 192;  // a branch, or a leaf with a 32-byte key and 100-byte value

// Puts `leaf` into branch `b` at nibble `at` of its key: as a child, or as the branch's value
// when its key ends there.
void adopt(Branch& b, Leaf* leaf, std::size_t at) noexcept {
    if (at == leaf->nibble_count()) {
        leaf->depth = static_cast<std::uint32_t>(at);
        b.value = leaf;
        return;
    }
    leaf->depth = static_cast<std::uint32_t>(at + 1);
    b.children[nibble_at(leaf->key(), at)] = Child::to(leaf);
}

// `b`, under an extension holding the nibbles [from, to) of `key` when that range is not empty.
Child under_extension(NodeArena& arena, Branch* b, ByteView key, std::size_t from, std::size_t to) {
    if (from == to) return Child::to(b);
    Extension* e = detail::make_extension(arena, to - from, Child::to(b));
    for (std::size_t i = from; i < to; ++i) e->path()[i - from] = nibble_at(key.data(), i);
    return Child::to(e);
}

// The leaf at `slot` (its path starting at `depth`) holds another key: a branch where the keys
// part, both leaves below it.
void split_leaf(NodeArena& arena, Child& slot, ByteView key, ByteView value, std::size_t depth) {
    Leaf* old = slot.leaf();
    const std::size_t at = detail::common_nibbles(old->key_view(), key, depth / 2);
    Branch* b = detail::make_branch(arena);
    adopt(*b, old, at);
    adopt(*b, detail::make_leaf(arena, key, value, at), at);
    slot = under_extension(arena, b, key, depth, at);
}

// The key leaves the extension at `slot` after `common` nibbles of its path: a branch there, with
// the rest of the extension on one side and a new leaf on the other.
void split_extension(NodeArena& arena, Child& slot, ByteView key, ByteView value, std::size_t depth,
                     std::size_t common) {
    Extension* e = slot.extension();
    Branch* b = detail::make_branch(arena);
    Child rest = e->child;  // keeps its cached reference
    if (common + 1 < e->path_size) {
        const std::size_t n = e->path_size - common - 1;
        Extension* tail = detail::make_extension(arena, n, rest);
        std::memcpy(tail->path(), e->path() + common + 1, n);
        rest = Child::to(tail);
    }
    b->children[e->path()[common]] = rest;
    adopt(*b, detail::make_leaf(arena, key, value, depth + common), depth + common);
    slot = under_extension(arena, b, key, depth, depth + common);
    detail::release(arena, e);
}

// The new value of a leaf (or branch value): in place when the block's size class allows.
Leaf* with_value(NodeArena& arena, Leaf* leaf, ByteView value) {
    if (NodeArena::rounded(Leaf::block_size(leaf->key_size, value.size())) ==
        NodeArena::rounded(leaf->block_size())) {
        leaf->value_size = static_cast<std::uint32_t>(value.size());
        std::memcpy(leaf->value_data(), value.data(), value.size());
        return leaf;
    }
    Leaf* moved = detail::make_leaf(arena, leaf->key_view(), value, leaf->depth);
    detail::release(arena, leaf);
    return moved;
}

// Sets `key` to `value` (not empty) below `slot`, marking the path dirty; true when the key is new.
bool insert(NodeArena& arena, Child* slot, ByteView key, ByteView value) {
    const std::size_t end = 2 * key.size();
    std::size_t depth = 0;
    for (;;) {
        slot->mark_dirty();
        switch (slot->kind()) {
            case Kind::kNone:
                *slot = Child::to(detail::make_leaf(arena, key, value, depth));
                return true;
            case Kind::kLeaf:
                if (!slot->leaf()->has_key(key)) {
                    split_leaf(arena, *slot, key, value, depth);
                    return true;
                }
                *slot = Child::to(with_value(arena, slot->leaf(), value));
                return false;
            case Kind::kExtension: {
                Extension* e = slot->extension();
                const std::size_t common = detail::matching_nibbles(e->path_view(), key, depth);
                if (common < e->path_size) {
                    split_extension(arena, *slot, key, value, depth, common);
                    return true;
                }
                depth += common;
                slot = &e->child;
                continue;
            }
            case Kind::kBranch: {
                Branch* b = slot->branch();
                if (depth == end) {
                    const bool added = b->value == nullptr;
                    b->value = added ? detail::make_leaf(arena, key, value, depth)
                                     : with_value(arena, b->value, value);
                    return added;
                }
                slot = &b->children[nibble_at(key.data(), depth++)];
                continue;
            }
        }
    }
}

// Follows `key` from `node`, calling visit(child) on every node of its path; returns the leaf
// (or branch value) holding `key`, or null.
template <class Visit>
const Leaf* walk(Child node, ByteView key, const Visit& visit) {
    const std::size_t end = 2 * key.size();
    std::size_t depth = 0;
    while (node) {
        visit(node);
        switch (node.kind()) {
            case Kind::kNone:
                return nullptr;
            case Kind::kLeaf:
                return node.leaf()->has_key(key) ? node.leaf() : nullptr;
            case Kind::kExtension: {
                const Extension* e = node.extension();
                if (detail::matching_nibbles(e->path_view(), key, depth) < e->path_size) return nullptr;
                depth += e->path_size;
                node = e->child;
                continue;
            }
            case Kind::kBranch:
                if (depth == end) return node.branch()->value;
                node = node.branch()->children[nibble_at(key.data(), depth++)];
                continue;
        }
    }
    return nullptr;
}

NodeRef& ref_of(Child node) noexcept {
    switch (node.kind()) {
        case Kind::kLeaf:
            return node.leaf()->ref;
        case Kind::kExtension:
            return node.extension()->ref;
        default:
            return node.branch()->ref;
    }
}

// The RLP of a non-empty node whose children are clean, written into `scratch`.
ByteView encode(Child node, Bytes& scratch) {
    std::uint8_t* out = nullptr;
    std::size_t size = 0;
    switch (node.kind()) {
        case Kind::kLeaf: {
            const Leaf* l = node.leaf();
            const detail::PackedPath path{l->key(), l->depth, l->nibble_count()};
            size = detail::leaf_length(path.size(), l->value());
            out = detail::scratch(scratch, size);
            detail::write_leaf(out, path, l->value());
            break;
        }
        case Kind::kExtension: {
            const Extension* e = node.extension();
            size = detail::extension_length(e->path_size, ref_of(e->child));
            out = detail::scratch(scratch, size);
            detail::write_extension(out, e->path_view(), ref_of(e->child));
            break;
        }
        default: {
            const Branch* b = node.branch();
            const auto child_ref = [&](std::uint8_t i) -> const NodeRef& {
                return b->children[i] ? ref_of(b->children[i]) : kNoChild;
            };
            const ByteView value = b->value != nullptr ? b->value->value() : ByteView{};
            const std::size_t payload = detail::branch_payload_length(child_ref, value);
            size = rlp::length_of_header(payload) + payload;
            out = detail::scratch(scratch, size);
            detail::write_branch(out, payload, child_ref, value);
        }
    }
    return {out, size};
}

// Brings the cached reference of `node` (not empty) and of everything below it up to date. In a
// big trie every node is a cache miss: a branch starts loading all its dirty children at once, so
// that their misses overlap instead of coming one by one (1.6x faster at a million keys).
// (Loading grandchildren ahead as well was slower: the lines were evicted before their turn.)
const NodeRef& refresh(Child& node, Bytes& scratch) {
    NodeRef& ref = ref_of(node);
    if (!node.dirty()) return ref;
    if (node.kind() == Kind::kExtension) refresh(node.extension()->child, scratch);
    if (node.kind() == Kind::kBranch) {
        auto& children = node.branch()->children;
        for (const Child& c : children)
            if (c.dirty()) c.prefetch(kPrefetchBytes);
        for (Child& c : children)
            if (c.dirty()) refresh(c, scratch);
    }
    ref = NodeRef::to_node(encode(node, scratch));
    node.mark_clean();
    return ref;
}

}  // namespace

Trie::Trie() = default;
Trie::~Trie() = default;

Trie::Trie(Trie&& other) noexcept
    : arena_(std::move(other.arena_)),
      root_(std::exchange(other.root_, {})),
      size_(std::exchange(other.size_, 0)),
      encoding_(std::move(other.encoding_)) {}

Trie& Trie::operator=(Trie&& other) noexcept {
    if (this != &other) {
        arena_ = std::move(other.arena_);
        root_ = std::exchange(other.root_, {});
        size_ = std::exchange(other.size_, 0);
        encoding_ = std::move(other.encoding_);
    }
    return *this;
}

void Trie::put(ByteView key, ByteView value) {
    if (value.empty()) return erase(key);
    if (insert(arena_, &root_, key, value)) ++size_;
}

std::optional<Bytes> Trie::get(ByteView key) const {
    const Leaf* leaf = walk(root_, key, [](Child) {});
    if (leaf == nullptr) return std::nullopt;
    return Bytes(leaf->value().begin(), leaf->value().end());
}

Hash Trie::root_hash() {
    if (!root_) return kEmptyRoot;
    return root_hash_of(refresh(root_, encoding_));
}

std::vector<Bytes> Trie::proof(ByteView key) {
    root_hash();  // brings every cached reference up to date
    std::vector<Bytes> out;
    walk(root_, key, [&](Child node) {
        if (!out.empty() && !ref_of(node).is_hash()) return;  // embedded in its parent
        const ByteView rlp = encode(node, encoding_);
        out.emplace_back(rlp.begin(), rlp.end());
    });
    return out;
}

void SecureTrie::put(ByteView key, ByteView value) { trie_.put(keccak256(key), value); }
void SecureTrie::erase(ByteView key) { trie_.erase(keccak256(key)); }
std::optional<Bytes> SecureTrie::get(ByteView key) const { return trie_.get(keccak256(key)); }
std::vector<Bytes> SecureTrie::proof(ByteView key) { return trie_.proof(keccak256(key)); }

}  // namespace kitsunet::trie
