#include "kitsunet/p2p/net/notifier.hpp"

#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kitsunet/p2p/net/testing/loopback.hpp"

namespace kitsunet::p2p {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using testing::run_task;

TEST(Notifier, OneNotifyWakesEveryWaiter) {
    boost::asio::io_context io;
    Notifier n(io.get_executor());
    int woken = 0;
    auto waiter = [&]() -> Task<void> {
        co_await n.wait();
        ++woken;
    };
    auto notify_later = [&]() -> Task<void> {
        co_await boost::asio::post(io, boost::asio::use_awaitable);  // both waiters are waiting now
        n.notify();
    };
    run_task(io, waiter() && waiter() && waiter() && notify_later());
    EXPECT_EQ(woken, 3);
}

TEST(Notifier, RemembersANotificationNobodyWaitedFor) {
    boost::asio::io_context io;
    Notifier n(io.get_executor());
    n.notify();
    run_task(io, n.wait());  // returns at once
    auto timeout = [&]() -> Task<void> {
        boost::asio::steady_timer t(io, std::chrono::milliseconds(20));
        co_await t.async_wait(boost::asio::use_awaitable);
    };
    auto r = run_task(io, n.wait() || timeout());  // consumed: now it waits, and cancels cleanly
    EXPECT_EQ(r.index(), 1u);
}

}  // namespace
}  // namespace kitsunet::p2p
