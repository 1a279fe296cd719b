#pragma once
/// Test support: drives a coroutine to completion on an io_context (tests are synchronous).
#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace kitsunet::testing {

/// Runs `task` on `io` until it completes (other work on `io` runs meanwhile and stays pending
/// afterwards); returns its value or rethrows its exception. Throws std::runtime_error when the
/// task has not finished within `limit` (a hung test fails instead of hanging CTest).
template <class T>
T run_async(boost::asio::io_context& io, boost::asio::awaitable<T> task,
            std::chrono::seconds limit = std::chrono::seconds(60)) {
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> result;
    bool done = false;
    if constexpr (std::is_void_v<T>) {
        boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
            error = e;
            result = true;
            done = true;
        });
    } else {
        boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T value) {
            error = e;
            if (!e) result = std::move(value);
            done = true;
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + limit;
    io.restart();
    while (!done && std::chrono::steady_clock::now() < deadline)
        io.run_one_for(std::chrono::milliseconds(100));
    if (!done) throw std::runtime_error("run_async: the task did not finish in time");
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

}  // namespace kitsunet::testing
