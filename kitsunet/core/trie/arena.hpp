#pragma once
/// Internal to Trie: the memory of its nodes. Not part of the public API.
///
/// Blocks of up to kMaxSmall bytes come in size classes of 16 bytes, carved in address order from
/// chunks (so that nodes made one after the other sit side by side) and recycled through a free
/// list per class; larger blocks are allocated one by one. Destroying the arena frees everything
/// at once: a trie of a million nodes is dropped without visiting them, which is why the blocks
/// must hold trivially destructible objects. A released block is reused by later allocations of
/// its class and not returned to the system before the arena is destroyed.
/// Thread-safety: none (one arena per Trie).
#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace kitsunet::trie::detail {

class NodeArena {
  public:
    static constexpr std::size_t kAlignment = 16;
    static constexpr std::size_t kMaxSmall = 1024;

    NodeArena() = default;
    ~NodeArena();
    NodeArena(NodeArena&& other) noexcept;
    NodeArena& operator=(NodeArena&& other) noexcept;
    NodeArena(const NodeArena&) = delete;
    NodeArena& operator=(const NodeArena&) = delete;

    /// A block of at least `size` bytes, aligned to kAlignment. Precondition: size > 0.
    void* allocate(std::size_t size);
    /// Gives back a block from allocate(`size`) (the same size, or one of the same 16-byte class).
    void release(void* block, std::size_t size) noexcept;

    /// The size class of `size`: what allocate(size) really hands out.
    static constexpr std::size_t rounded(std::size_t size) noexcept {
        return (size + kAlignment - 1) / kAlignment * kAlignment;
    }

  private:
    struct alignas(kAlignment) Unit {
        std::byte bytes[kAlignment];
    };
    struct FreeBlock {
        FreeBlock* next;
    };
    /// Header in front of each large block: the large blocks form a doubly linked list.
    struct alignas(kAlignment) LargeBlock {
        LargeBlock* prev;
        LargeBlock* next;
    };
    static constexpr std::size_t kClasses = kMaxSmall / kAlignment;

    void* allocate_large(std::size_t size);
    void new_chunk();
    void free_all() noexcept;

    std::vector<std::unique_ptr<Unit[]>> chunks_;
    Unit* bump_{nullptr};  // free space at the end of the newest chunk
    Unit* bump_end_{nullptr};
    std::array<FreeBlock*, kClasses + 1> free_{};  // by class: size / kAlignment
    LargeBlock* large_{nullptr};
};

}  // namespace kitsunet::trie::detail
