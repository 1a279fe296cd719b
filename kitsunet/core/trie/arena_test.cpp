// NodeArena: alignment, reuse of released blocks by size class, large blocks, moves.
#include "kitsunet/core/trie/arena.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace kitsunet::trie::detail {
namespace {

bool aligned(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % NodeArena::kAlignment == 0; }

TEST(NodeArena, BlocksAreAlignedDistinctAndWholeForEverySize) {
    NodeArena arena;
    std::vector<std::pair<std::uint8_t*, std::size_t>> blocks;
    for (std::size_t size = 1; size <= 3000; size += 7) {
        auto* p = static_cast<std::uint8_t*>(arena.allocate(size));
        ASSERT_TRUE(aligned(p)) << size;
        std::memset(p, static_cast<int>(size & 0xff), size);
        blocks.emplace_back(p, size);
    }
    for (const auto& [p, size] : blocks)  // no block overlapped another
        for (std::size_t i = 0; i < size; ++i) ASSERT_EQ(p[i], size & 0xff) << size;
}

TEST(NodeArena, ReleasedBlockIsReusedByItsSizeClassOnly) {
    NodeArena arena;
    void* a = arena.allocate(100);  // class of 112 bytes
    arena.allocate(100);
    arena.release(a, 100);
    EXPECT_NE(arena.allocate(40), a);   // another class
    EXPECT_EQ(arena.allocate(112), a);  // same class: reused
    EXPECT_NE(arena.allocate(100), a);  // already taken again
}

TEST(NodeArena, LargeBlocksComeAndGoInAnyOrder) {
    NodeArena arena;
    std::mt19937_64 rng(1);
    std::vector<std::pair<void*, std::size_t>> live;
    for (int i = 0; i < 300; ++i) {
        if (!live.empty() && rng() % 3 == 0) {
            const std::size_t j = rng() % live.size();
            arena.release(live[j].first, live[j].second);
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(j));
            continue;
        }
        const std::size_t size = NodeArena::kMaxSmall - 20 + rng() % 5000;  // small and large
        void* p = arena.allocate(size);
        ASSERT_TRUE(aligned(p));
        std::memset(p, 0xab, size);
        live.emplace_back(p, size);
    }
    // What is left is freed with the arena (the sanitizer build checks for leaks).
}

TEST(NodeArena, ManyChunksAndMoves) {
    NodeArena arena;
    std::set<void*> seen;
    for (int i = 0; i < 50000; ++i) ASSERT_TRUE(seen.insert(arena.allocate(176)).second);
    void* big = arena.allocate(10000);
    NodeArena moved(std::move(arena));
    std::memset(big, 1, 10000);  // blocks stay where they were
    moved.release(big, 10000);
    arena = std::move(moved);  // NOLINT(bugprone-use-after-move): a moved-from arena is empty, usable
    EXPECT_TRUE(aligned(moved.allocate(16)));
    EXPECT_FALSE(seen.contains(arena.allocate(176)));
}

}  // namespace
}  // namespace kitsunet::trie::detail
