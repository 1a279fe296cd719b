#pragma once
/// A wake-up between coroutines on one executor: wait() suspends until notify() is called, or
/// returns at once when notify() was called since the last wait() returned (the notification is
/// remembered, not lost). Any number of coroutines may wait; notify() wakes them all and the first
/// to resume consumes the notification (the others wait again), so a waiter re-checks its own
/// condition in a loop. wait() honours Asio per-operation cancellation (e.g. `wait() || timeout`).
/// Thread-safety: none; use from the owning executor only.
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
};

}  // namespace kitsunet::p2p
