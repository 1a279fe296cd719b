#include "kitsunet/p2p/net/notifier.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

namespace asio = boost::asio;

Notifier::Notifier(const asio::any_io_executor& executor)
    : timer_(executor, asio::steady_timer::time_point::max()) {}

void Notifier::notify() noexcept {
    pending_ = true;
    ++generation_;
    timer_.cancel();
}

Task<void> Notifier::wait() {
    if (pending_) {
        pending_ = false;
        co_return;
    }
    const std::uint64_t since = generation_;
    while (generation_ == since) {
        // The timer never expires: only notify() (operation_aborted) or a cancellation wakes us.
        auto [ec] = co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        auto state = co_await asio::this_coro::cancellation_state;
        if (state.cancelled() != asio::cancellation_type::none)
            throw boost::system::system_error(asio::error::operation_aborted);
        (void)ec;
    }
    pending_ = false;
}

}  // namespace kitsunet::p2p
