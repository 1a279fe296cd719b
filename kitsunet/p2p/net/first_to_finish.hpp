#pragma once
/// first_to_finish(a, b, …): runs the tasks concurrently; as soon as one of them ends, returning
/// or throwing, the others are cancelled and awaited; then it returns, or rethrows, as that first
/// one did. The shape of a connection's loops (read loop, write loop, keep-alive), where any loop
/// ending must end them all.
/// Unlike the awaitable operator `||`, which waits for the first task to *succeed*: when a task
/// throws, `||` keeps waiting for the others (so `op || timeout` turns a failing op into a wait
/// for the timeout).
#include <array>
#include <cstddef>
#include <exception>
#include <tuple>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

template <class... Tasks>
Task<void> first_to_finish(Tasks... tasks) {
    namespace asio = boost::asio;
    const auto executor = co_await asio::this_coro::executor;
    auto result = co_await asio::experimental::make_parallel_group(
                      asio::co_spawn(executor, std::move(tasks), asio::deferred)...)
                      .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    const std::size_t first = std::get<0>(result)[0];
    const auto errors = std::apply(
        [](const auto&, const auto&... e) { return std::array<std::exception_ptr, sizeof...(Tasks)>{e...}; },
        result);
    if (errors[first]) std::rethrow_exception(errors[first]);
}

}  // namespace kitsunet::p2p
