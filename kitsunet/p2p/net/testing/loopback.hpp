#pragma once
/// Test support for async p2p code (test-only target kitsunet::p2p_net_testing): a connected pair
/// of real TCP sockets on 127.0.0.1, and a way to drive one coroutine to its end on an io_context
/// with a deadline (no sleeps: the test waits for the event it needs). Everything runs on one
/// io_context in the test's thread.
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/net/task.hpp"
#include "kitsunet/p2p/net/tcp_stream.hpp"

namespace kitsunet::p2p::testing {

/// Two ends of one loopback TCP connection (TCP_NODELAY on both), on `io`'s executor.
struct TcpPair {
    std::unique_ptr<TcpStream> dialer;
    std::unique_ptr<TcpStream> listener;
};

/// Connects a fresh pair on an ephemeral port. Throws boost::system::system_error on failure.
TcpPair make_tcp_pair(boost::asio::io_context& io);

/// Thrown by run_task() when the task has not finished in time (or can never finish).
struct TaskTimeout : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Runs `io` one handler at a time until `done()` is true; throws TaskTimeout after `timeout` or
/// when nothing is left to run.
void run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::steady_clock::duration timeout = std::chrono::seconds(30));

/// How a task started with spawn() ended.
struct Outcome {
    bool done{false};
    std::exception_ptr error;
};

/// Starts `task` on `io` in the background; `outcome` (which must outlive it) records its end.
void spawn(boost::asio::io_context& io, Task<void> task, Outcome& outcome);

/// Spawns `task` on `io`, runs `io` until the task finishes, and returns its result (or rethrows
/// its exception). Other work on `io` (e.g. a session's run()) makes progress meanwhile and is
/// left as it is afterwards. Throws TaskTimeout after `timeout`.
template <class T>
T run_task(boost::asio::io_context& io, Task<T> task,
           std::chrono::steady_clock::duration timeout = std::chrono::seconds(30)) {
    bool done = false;
    std::exception_ptr error;
    std::optional<T> result;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T value) {
        done = true;
        error = e;
        if (!e) result.emplace(std::move(value));
    });
    run_until(io, [&] { return done; }, timeout);
    if (error) std::rethrow_exception(error);
    return std::move(*result);
}

inline void run_task(boost::asio::io_context& io, Task<void> task,
                     std::chrono::steady_clock::duration timeout = std::chrono::seconds(30)) {
    bool done = false;
    std::exception_ptr error;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
        done = true;
        error = e;
    });
    run_until(io, [&] { return done; }, timeout);
    if (error) std::rethrow_exception(error);
}

}  // namespace kitsunet::p2p::testing
