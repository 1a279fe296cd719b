#pragma once
/// Test support: an io_context running on its own thread, for tests whose main thread blocks on
/// something else (a child process's output). Work for the io thread is submitted with run();
/// the destructor stops and joins the thread. Test-only.
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::testing {

class IoThread {
  public:
    IoThread() : thread_([this] { io_.run(); }) {}
    ~IoThread() {
        guard_.reset();
        io_.stop();
        thread_.join();
    }
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    boost::asio::io_context& io() noexcept { return io_; }
    boost::asio::any_io_executor executor() { return io_.get_executor(); }

    /// Runs `task` on the io thread and waits for its result (rethrows its exception); throws
    /// std::runtime_error after `timeout`.
    /// Starts `task` on the io thread; its result comes through the future.
    template <class T>
    std::future<T> start(Task<T> task) {
        return boost::asio::co_spawn(io_, std::move(task), boost::asio::use_future);
    }

    template <class T>
    T run(Task<T> task, std::chrono::seconds timeout = std::chrono::seconds(60)) {
        auto future = start(std::move(task));
        if (future.wait_for(timeout) != std::future_status::ready)
            throw std::runtime_error("IoThread::run: the task did not finish in time");
        return future.get();
    }

  private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{io_.get_executor()};
    std::thread thread_;
};

}  // namespace kitsunet::p2p::testing
