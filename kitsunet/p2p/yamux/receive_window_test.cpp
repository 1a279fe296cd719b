#include "kitsunet/p2p/yamux/receive_window.hpp"

#include <gtest/gtest.h>

namespace kitsunet::p2p::yamux {
namespace {

using namespace std::chrono_literals;
using Clock = ReceiveWindow::Clock;

constexpr std::uint32_t kMax = 16 * 1024 * 1024;

TEST(ReceiveWindow, RefusesDataBeyondTheCredit) {
    ReceiveWindow w(kMax, Clock::time_point{});
    EXPECT_TRUE(w.on_data(kInitialWindow - 1));
    EXPECT_FALSE(w.on_data(2));
    EXPECT_EQ(w.credit(), 1u);
    EXPECT_TRUE(w.on_data(1));
    EXPECT_FALSE(w.on_data(1));
}

TEST(ReceiveWindow, UpdatesOnceHalfAWindowIsConsumed) {
    const Clock::time_point t0{};
    ReceiveWindow w(kMax, t0);
    WindowBudget budget{1 << 30, 0};
    ASSERT_TRUE(w.on_data(kInitialWindow));
    // Unread data does not earn credit: the slow reader's buffer stays within the window.
    EXPECT_EQ(w.take_update(kInitialWindow, t0 + 1s, 1ms, budget), 0u);
    EXPECT_EQ(w.take_update(kInitialWindow / 2 + 1, t0 + 1s, 1ms, budget), 0u);
    EXPECT_EQ(w.take_update(kInitialWindow / 2, t0 + 1s, 1ms, budget), kInitialWindow / 2);
    EXPECT_EQ(w.credit(), kInitialWindow / 2);
    EXPECT_EQ(w.window(), kInitialWindow);  // consumed slowly (1 s ≫ 4 RTT): no growth
}

TEST(ReceiveWindow, DoublesWhenConsumedWithinFourRoundTripsUpToTheMaximum) {
    Clock::time_point t{};
    ReceiveWindow w(1024 * 1024, t);
    WindowBudget budget{1 << 30, 0};
    std::uint32_t expected = kInitialWindow;
    for (int round = 0; round < 5; ++round) {
        ASSERT_TRUE(w.on_data(w.credit()));
        t += 3ms;  // a whole window within 4 × 1 ms
        expected = std::min<std::uint32_t>(expected * 2, 1024 * 1024);
        EXPECT_EQ(w.take_update(0, t, 1ms, budget), expected);
        EXPECT_EQ(w.window(), expected);
    }
    EXPECT_EQ(budget.used, 1024u * 1024 - kInitialWindow);
    w.release(budget);
    EXPECT_EQ(budget.used, 0u);
}

TEST(ReceiveWindow, NeverGrowsWithoutAnRttOrBeyondTheBudget) {
    const Clock::time_point t0{};
    ReceiveWindow a(kMax, t0);
    WindowBudget budget{100 * 1024, 0};
    ASSERT_TRUE(a.on_data(kInitialWindow));
    EXPECT_EQ(a.take_update(0, t0 + 1us, Clock::duration::zero(), budget), kInitialWindow);
    EXPECT_EQ(a.window(), kInitialWindow);
    ASSERT_TRUE(a.on_data(kInitialWindow));
    EXPECT_EQ(a.take_update(0, t0 + 2us, 1ms, budget), kInitialWindow + 100 * 1024);
    EXPECT_EQ(a.window(), kInitialWindow + 100 * 1024);
    EXPECT_EQ(budget.used, budget.limit);
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
