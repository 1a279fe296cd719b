#include "kitsunet/p2p/net/byte_queue.hpp"

#include <deque>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace kitsunet::p2p {
namespace {

TEST(ByteQueue, StartsEmptyWithoutMemory) {
    ByteQueue q;
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.capacity(), 0u);
    std::uint8_t out[4];
    EXPECT_EQ(q.read(out), 0u);
}

TEST(ByteQueue, WrapsAroundAndGrowsKeepingOrder) {
    ByteQueue q;
    std::vector<std::uint8_t> a(3000, 1), b(2000, 2), out(2500);
    q.append(a);
    EXPECT_EQ(q.read(out), 2500u);
    q.append(b);  // 500 left at the end of a 4096-byte ring: b wraps
    EXPECT_EQ(q.size(), 2500u);
    EXPECT_EQ(q.capacity(), 4096u);
    q.append(std::vector<std::uint8_t>(3000, 3));  // grows, linearising the wrapped content
    EXPECT_EQ(q.size(), 5500u);
    std::vector<std::uint8_t> all(5500);
    EXPECT_EQ(q.read(all), 5500u);
    EXPECT_EQ(all[0], 1);
    EXPECT_EQ(all[499], 1);
    EXPECT_EQ(all[500], 2);
    EXPECT_EQ(all[2499], 2);
    EXPECT_EQ(all[2500], 3);
    EXPECT_EQ(all[5499], 3);
}

TEST(ByteQueue, PrepareCommitMatchesAReferenceQueue) {
    std::mt19937 rng(7);
    ByteQueue q;
    std::deque<std::uint8_t> ref;
    std::uint8_t next = 0;
    for (int step = 0; step < 20000; ++step) {
        if (rng() % 2 == 0) {
            auto region = q.prepare(1 + rng() % 9000);
            ASSERT_FALSE(region.empty());
            const std::size_t n = rng() % (region.size() + 1);
            for (std::size_t i = 0; i < n; ++i) region[i] = next, ref.push_back(next++);
            q.commit(n);
        } else {
            std::vector<std::uint8_t> out(rng() % 9000);
            const std::size_t n = q.read(out);
            ASSERT_EQ(n, std::min(out.size(), ref.size()));
            for (std::size_t i = 0; i < n; ++i, ref.pop_front()) ASSERT_EQ(out[i], ref.front());
        }
        ASSERT_EQ(q.size(), ref.size());
    }
    EXPECT_LE(q.capacity(), 64u * 1024);
}

TEST(ByteQueue, ReadsMayDrainTheQueueWhileAPreparedRegionIsBeingFilled) {
    // The muxers' read loop fills a prepared region from the socket while the stream's reader
    // drains the queue: the region must stay where the content will continue.
    ByteQueue q;
    q.append(std::vector<std::uint8_t>(100, 1));
    auto region = q.prepare(50);
    std::vector<std::uint8_t> out(100);
    EXPECT_EQ(q.read(out), 100u);
    std::fill(region.begin(), region.end(), std::uint8_t{2});
    q.commit(region.size());
    EXPECT_EQ(q.size(), region.size());
    EXPECT_EQ(q.read(out), region.size());
    EXPECT_EQ(out[0], 2);
}

TEST(ByteQueue, ClearFreesTheBuffer) {
    ByteQueue q;
    q.append(std::vector<std::uint8_t>(10000, 9));
    q.clear();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.capacity(), 0u);
}

}  // namespace
}  // namespace kitsunet::p2p
