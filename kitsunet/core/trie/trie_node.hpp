#pragma once
/// Internal to Trie: its in-memory nodes. Not part of the public API.
///
/// Nodes live in the Trie's NodeArena and are trivially destructible. A parent holds a child as
/// a Child: the child's address, with its kind and a dirty flag in the low bits (every node is
/// 16-byte aligned). Keeping the flag in the parent means that marking a path dirty writes only
/// the cache lines a descent reads anyway. Each node caches its reference (`ref`), which is right
/// while the Child that points at it is clean; a clean Child means its whole subtree is clean.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

#include "kitsunet/core/trie/arena.hpp"
#include "kitsunet/core/trie/node.hpp"
#include "kitsunet/core/trie/node_writer.hpp"

namespace kitsunet::trie::detail {

enum class Kind : std::uint8_t { kNone = 0, kLeaf = 1, kExtension = 2, kBranch = 3 };

/// A leaf, stored with its whole key: its path is the key's nibbles from `depth` on, so a split
/// or a merge above it only moves `depth`. The key's bytes, then the value's, follow the header
/// in the same block. A branch's value is held in the same form (its path is then empty).
struct Leaf {
    NodeRef ref;
    std::uint32_t depth{0};  // nibbles of the key above this leaf
    std::uint32_t key_size{0};
    std::uint32_t value_size{0};

    std::uint8_t* key() noexcept { return reinterpret_cast<std::uint8_t*>(this + 1); }
    const std::uint8_t* key() const noexcept { return reinterpret_cast<const std::uint8_t*>(this + 1); }
    ByteView key_view() const noexcept { return {key(), key_size}; }
    ByteView value() const noexcept { return {key() + key_size, value_size}; }
    std::uint8_t* value_data() noexcept { return key() + key_size; }
    std::size_t nibble_count() const noexcept { return 2 * std::size_t{key_size}; }
    bool has_key(ByteView k) const noexcept {
        return k.size() == key_size && (k.empty() || std::memcmp(k.data(), key(), k.size()) == 0);
    }
    /// Bytes of the block holding a leaf with these sizes.
    static std::size_t block_size(std::size_t key_size, std::size_t value_size) noexcept {
        return sizeof(Leaf) + key_size + value_size;
    }
    std::size_t block_size() const noexcept { return block_size(key_size, value_size); }
};

class Child;
struct Extension;
struct Branch;

/// A reference from a parent to a child node, or to nothing.
class Child {
  public:
    Child() = default;
    static Child to(Leaf* n) noexcept { return Child{n, Kind::kLeaf}; }
    static Child to(Extension* n) noexcept { return Child{n, Kind::kExtension}; }
    static Child to(Branch* n) noexcept { return Child{n, Kind::kBranch}; }

    Kind kind() const noexcept { return static_cast<Kind>(bits_ & kKindMask); }
    explicit operator bool() const noexcept { return bits_ != 0; }
    /// Whether the child's cached reference (or one below it) is out of date.
    bool dirty() const noexcept { return (bits_ & kDirty) != 0; }
    void mark_dirty() noexcept { bits_ |= kDirty; }
    void mark_clean() noexcept { bits_ &= ~kDirty; }

    /// Asks the CPU to start loading the first `bytes` of the node (a hint; no effect elsewhere).
    void prefetch(std::size_t bytes) const noexcept {
#if defined(__GNUC__)
        for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(as<std::uint8_t>() + at);
#else
        (void)bytes;
#endif
    }

    Leaf* leaf() const noexcept { return as<Leaf>(); }
    Extension* extension() const noexcept { return as<Extension>(); }
    Branch* branch() const noexcept { return as<Branch>(); }

  private:
    static constexpr std::uintptr_t kKindMask = 3;
    static constexpr std::uintptr_t kDirty = 4;
    static constexpr std::uintptr_t kTagMask = 15;

    Child(void* node, Kind kind) noexcept
        : bits_(reinterpret_cast<std::uintptr_t>(node) | static_cast<std::uintptr_t>(kind) | kDirty) {}
    template <class T>
    T* as() const noexcept {
        return reinterpret_cast<T*>(bits_ & ~kTagMask);
    }

    std::uintptr_t bits_{0};
};

/// An extension; its path follows the header in the same block, one nibble per byte.
struct Extension {
    NodeRef ref;
    std::uint32_t path_size{0};
    Child child;

    std::uint8_t* path() noexcept { return reinterpret_cast<std::uint8_t*>(this + 1); }
    ByteView path_view() const noexcept {
        return {reinterpret_cast<const std::uint8_t*>(this + 1), path_size};
    }
    static std::size_t block_size(std::size_t path_size) noexcept { return sizeof(Extension) + path_size; }
    std::size_t block_size() const noexcept { return block_size(path_size); }
};

struct Branch {
    NodeRef ref;
    Leaf* value{nullptr};  // the key that ends here, if any
    std::array<Child, 16> children{};
};

// ---- making and unmaking nodes in an arena ----

/// A leaf for `key` whose path starts at nibble `depth`.
inline Leaf* make_leaf(NodeArena& arena, ByteView key, ByteView value, std::size_t depth) {
    auto* leaf = new (arena.allocate(Leaf::block_size(key.size(), value.size())))
        Leaf{{},
             static_cast<std::uint32_t>(depth),
             static_cast<std::uint32_t>(key.size()),
             static_cast<std::uint32_t>(value.size())};
    if (!key.empty()) std::memcpy(leaf->key(), key.data(), key.size());
    if (!value.empty()) std::memcpy(leaf->value_data(), value.data(), value.size());
    return leaf;
}

/// An extension to `child` whose path (of `path_size` nibbles) the caller writes.
inline Extension* make_extension(NodeArena& arena, std::size_t path_size, Child child) {
    return new (arena.allocate(Extension::block_size(path_size)))
        Extension{{}, static_cast<std::uint32_t>(path_size), child};
}

inline Branch* make_branch(NodeArena& arena) { return new (arena.allocate(sizeof(Branch))) Branch{}; }

inline void release(NodeArena& arena, Leaf* n) noexcept { arena.release(n, n->block_size()); }
inline void release(NodeArena& arena, Extension* n) noexcept { arena.release(n, n->block_size()); }
inline void release(NodeArena& arena, Branch* n) noexcept { arena.release(n, sizeof(Branch)); }

/// How many nibbles of `path` match those of packed `key` from nibble `depth` on.
inline std::size_t matching_nibbles(ByteView path, ByteView key, std::size_t depth) noexcept {
    const std::size_t n = std::min(path.size(), 2 * key.size() - depth);
    std::size_t i = 0;
    while (i < n && path[i] == nibble_at(key.data(), depth + i)) ++i;
    return i;
}

static_assert(sizeof(Leaf) % NodeArena::kAlignment == 0);
static_assert(std::is_trivially_destructible_v<Leaf> && std::is_trivially_destructible_v<Extension> &&
              std::is_trivially_destructible_v<Branch>);

}  // namespace kitsunet::trie::detail
