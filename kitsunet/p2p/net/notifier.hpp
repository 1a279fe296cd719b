#pragma once
/// A wake-up between coroutines on one executor: wait() suspends until notify() is called, or
/// returns at once when notify() was called while nobody waited (the notification is remembered,
/// not lost). Any number of coroutines may wait; notify() makes every one of them return (a
/// waiter that arrives later finds no remembered notification), so each waiter re-checks its own
/// condition in a loop. wait() honours Asio per-operation cancellation (e.g. `wait() || timeout`).
/// Thread-safety: none; use from the owning executor only.
#include <cstdint>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class Notifier {
  public:
    explicit Notifier(const boost::asio::any_io_executor& executor);

    void notify() noexcept;
    Task<void> wait();

  private:
    boost::asio::steady_timer timer_;
    bool pending_{false};
    std::uint64_t generation_{0};  // notifications so far: a waiter returns once it changes
};

}  // namespace kitsunet::p2p
