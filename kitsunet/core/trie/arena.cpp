#include "kitsunet/core/trie/arena.hpp"

#include <algorithm>
#include <new>
#include <utility>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::trie::detail {
namespace {

// Chunks grow from 4 KiB (a small trie stays small) to 1 MiB (a big one needs few of them).
constexpr std::size_t kFirstChunkUnits = 4096 / NodeArena::kAlignment;
constexpr std::size_t kMaxChunkUnits = (std::size_t{1} << 20) / NodeArena::kAlignment;

}  // namespace

NodeArena::~NodeArena() { free_all(); }

NodeArena::NodeArena(NodeArena&& other) noexcept
    : chunks_(std::move(other.chunks_)),
      bump_(std::exchange(other.bump_, nullptr)),
      bump_end_(std::exchange(other.bump_end_, nullptr)),
      free_(std::exchange(other.free_, {})),
      large_(std::exchange(other.large_, nullptr)) {
    other.chunks_.clear();
}

NodeArena& NodeArena::operator=(NodeArena&& other) noexcept {
    if (this != &other) {
        free_all();
        chunks_ = std::move(other.chunks_);
        other.chunks_.clear();
        bump_ = std::exchange(other.bump_, nullptr);
        bump_end_ = std::exchange(other.bump_end_, nullptr);
        free_ = std::exchange(other.free_, {});
        large_ = std::exchange(other.large_, nullptr);
    }
    return *this;
}

void NodeArena::free_all() noexcept {
    while (large_ != nullptr) delete[] reinterpret_cast<Unit*>(std::exchange(large_, large_->next));
    chunks_.clear();
    bump_ = bump_end_ = nullptr;
    free_ = {};
}

void* NodeArena::allocate(std::size_t size) {
    KITSUNET_ASSERT(size > 0);
    if (size > kMaxSmall) return allocate_large(size);
    const std::size_t units = rounded(size) / kAlignment;
    if (FreeBlock* block = free_[units]) {
        free_[units] = block->next;
        return block;
    }
    if (static_cast<std::size_t>(bump_end_ - bump_) < units) new_chunk();
    return std::exchange(bump_, bump_ + units);
}

void NodeArena::release(void* block, std::size_t size) noexcept {
    if (size > kMaxSmall) {
        auto* header = static_cast<LargeBlock*>(block) - 1;
        (header->prev != nullptr ? header->prev->next : large_) = header->next;
        if (header->next != nullptr) header->next->prev = header->prev;
        delete[] reinterpret_cast<Unit*>(header);
        return;
    }
    const std::size_t units = rounded(size) / kAlignment;
    free_[units] = new (block) FreeBlock{free_[units]};
}

// The rest of the current chunk (less than a block of the largest class) goes to its free list.
void NodeArena::new_chunk() {
    if (bump_ != bump_end_) release(bump_, static_cast<std::size_t>(bump_end_ - bump_) * kAlignment);
    const std::size_t units =
        std::min(kFirstChunkUnits << std::min<std::size_t>(chunks_.size(), 8), kMaxChunkUnits);
    chunks_.push_back(std::make_unique_for_overwrite<Unit[]>(units));
    bump_ = chunks_.back().get();
    bump_end_ = bump_ + units;
}

void* NodeArena::allocate_large(std::size_t size) {
    auto* units = new Unit[1 + rounded(size) / kAlignment];
    auto* header = new (units) LargeBlock{nullptr, large_};
    if (large_ != nullptr) large_->prev = header;
    large_ = header;
    return header + 1;
}

}  // namespace kitsunet::trie::detail
