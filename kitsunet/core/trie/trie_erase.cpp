// Trie::erase: removing a key and restoring the canonical shape (no branch with a single entry,
// no extension leading to a leaf or an extension).
#include <cstring>
#include <utility>

#include "kitsunet/core/trie/trie.hpp"
#include "kitsunet/core/trie/trie_node.hpp"

namespace kitsunet::trie {
namespace {

using detail::Branch;
using detail::Child;
using detail::Extension;
using detail::Kind;
using detail::Leaf;
using detail::NodeArena;

// An extension with the path `head` followed by the path of `tail`, to `tail`'s child.
Child join(NodeArena& arena, ByteView head, Extension* tail) {
    Extension* e = detail::make_extension(arena, head.size() + tail->path_size, tail->child);
    std::memcpy(e->path(), head.data(), head.size());
    std::memcpy(e->path() + head.size(), tail->path(), tail->path_size);
    detail::release(arena, tail);
    return Child::to(e);
}

// `node` moved one level up, to `depth`, with `nibble` put in front of its path.
Child lift(NodeArena& arena, std::uint8_t nibble, Child node, std::size_t depth) {
    switch (node.kind()) {
        case Kind::kLeaf:
            node.leaf()->depth = static_cast<std::uint32_t>(depth);
            node.mark_dirty();
            return node;
        case Kind::kExtension:
            return join(arena, {&nibble, 1}, node.extension());
        default: {
            Extension* e = detail::make_extension(arena, 1, node);  // the branch keeps its cache
            e->path()[0] = nibble;
            return Child::to(e);
        }
    }
}

// A branch (at nibble `depth`) left with a single entry becomes that entry.
void normalize_branch(NodeArena& arena, Child& slot, std::size_t depth) {
    Branch* b = slot.branch();
    std::size_t used = b->value != nullptr ? 1 : 0;
    std::uint8_t last = 0;
    for (std::uint8_t i = 0; i < 16; ++i)
        if (b->children[i]) {
            ++used;
            last = i;
        }
    if (used >= 2) return;
    if (b->value != nullptr) {
        b->value->depth = static_cast<std::uint32_t>(depth);
        slot = Child::to(b->value);
    } else {
        slot = b->children[last] ? lift(arena, last, b->children[last], depth) : Child{};
    }
    detail::release(arena, b);
}

// An extension (at nibble `depth`) whose child stopped being a branch takes the child's place.
void normalize_extension(NodeArena& arena, Child& slot, std::size_t depth) {
    Extension* e = slot.extension();
    switch (e->child.kind()) {
        case Kind::kBranch:
            return;
        case Kind::kLeaf:
            e->child.leaf()->depth = static_cast<std::uint32_t>(depth);
            slot = Child::to(e->child.leaf());
            break;
        case Kind::kExtension:
            slot = join(arena, e->path_view(), e->child.extension());
            break;
        case Kind::kNone:
            slot = {};
            break;
    }
    detail::release(arena, e);
}

// Removes `key` below `slot` (whose path starts at nibble `depth`); returns whether it was there.
bool remove(NodeArena& arena, Child& slot, ByteView key, std::size_t depth) {
    switch (slot.kind()) {
        case Kind::kNone:
            return false;
        case Kind::kLeaf:
            if (!slot.leaf()->has_key(key)) return false;
            detail::release(arena, slot.leaf());
            slot = {};
            return true;
        case Kind::kExtension: {
            Extension* e = slot.extension();
            if (detail::matching_nibbles(e->path_view(), key, depth) < e->path_size) return false;
            if (!remove(arena, e->child, key, depth + e->path_size)) return false;
            slot.mark_dirty();
            normalize_extension(arena, slot, depth);
            return true;
        }
        case Kind::kBranch: {
            Branch* b = slot.branch();
            if (depth == 2 * key.size()) {
                if (b->value == nullptr) return false;
                detail::release(arena, std::exchange(b->value, nullptr));
            } else if (!remove(arena, b->children[detail::nibble_at(key.data(), depth)], key, depth + 1)) {
                return false;
            }
            slot.mark_dirty();
            normalize_branch(arena, slot, depth);
            return true;
        }
    }
    return false;
}

}  // namespace

void Trie::erase(ByteView key) {
    if (remove(arena_, root_, key, 0)) --size_;
}

}  // namespace kitsunet::trie
