#pragma once
/// Deadlines as awaitable operators (DESIGN §2: timeouts as `op || timer`): the operation and a
/// timer race; the loser is cancelled and awaited, so nothing outlives the call.
#include <chrono>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

using Duration = std::chrono::steady_clock::duration;

/// Sleeps for `d` (cancellable).
inline Task<void> sleep_for(Duration d) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, d);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

namespace detail {

template <class T>
using Outcome = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

// An operation's value or its exception. (Not a variant: awaitable operators flatten variants.)
template <class T>
struct Captured {
    std::optional<Outcome<T>> value;
    std::exception_ptr error;
};

// Runs `op` and hands back its outcome: `||` waits for one *success*, so a failure must count as
// an outcome to end the race.
template <class T>
Task<Captured<T>> capture(Task<T> op) {
    Captured<T> out;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(op);
            out.value.emplace();
        } else {
            out.value.emplace(co_await std::move(op));
        }
    } catch (...) {
        out.error = std::current_exception();
    }
    co_return out;
}

}  // namespace detail

/// Runs `op`; throws system_error(timed_out) if it has not finished within `d`, else returns its
/// value or rethrows its exception.
template <class T>
Task<T> with_timeout(Task<T> op, Duration d) {
    using namespace boost::asio::experimental::awaitable_operators;
    auto raced = co_await (detail::capture(std::move(op)) || sleep_for(d));
    if (raced.index() == 1) throw boost::system::system_error(boost::asio::error::timed_out);
    auto outcome = std::get<0>(std::move(raced));
    if (outcome.error) std::rethrow_exception(outcome.error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*outcome.value);
}

}  // namespace kitsunet::p2p
