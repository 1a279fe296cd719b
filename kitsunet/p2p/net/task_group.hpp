#pragma once
/// A task group: the unit of structured concurrency (one per connection, one per host). Tasks
/// spawned into it run concurrently on the group's executor; cancel() asks all of them to stop
/// (Asio terminal cancellation); join() returns once every task has ended. Nothing spawned here
/// outlives the group's owner as long as the owner co_awaits join() before destroying the group.
/// A task's exception ends that task only; it is logged (debug) with the task's name.
/// Thread-safety: none; use from the group's executor only.
#include <cstddef>
#include <list>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>

#include "kitsunet/p2p/net/notifier.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class TaskGroup {
  public:
    explicit TaskGroup(const boost::asio::any_io_executor& executor);
    /// Precondition: join() has returned (no task is running).
    ~TaskGroup() = default;
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;

    /// Starts `task` in the group. After cancel() the task is still started, then cancelled at
    /// its first suspension, so a late spawn never escapes the shutdown.
    void spawn(Task<void> task, std::string name = {});

    /// Requests terminal cancellation of every running task (and of tasks spawned later).
    void cancel() noexcept;

    /// Waits until every task has ended. If the caller is cancelled meanwhile, cancels the group
    /// and still waits for the tasks to end before returning (then throws operation_aborted).
    Task<void> join();

    std::size_t size() const noexcept { return tasks_.size(); }
    bool cancelled() const noexcept { return cancelled_; }

  private:
    struct Entry {
        boost::asio::cancellation_signal signal;
        std::string name;
        bool ended{false};  // ended, entry not yet erased: its signal must not be emitted
    };
    void finished(std::list<Entry>::iterator it) noexcept;

    boost::asio::any_io_executor executor_;
    std::list<Entry> tasks_;
    Notifier idle_;
    bool cancelled_{false};
};

}  // namespace kitsunet::p2p
