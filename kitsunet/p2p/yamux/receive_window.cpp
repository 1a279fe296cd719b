#include "kitsunet/p2p/yamux/receive_window.hpp"

#include <algorithm>

namespace kitsunet::p2p::yamux {

ReceiveWindow::ReceiveWindow(std::uint32_t max_window, Clock::time_point now) noexcept
    : max_window_(std::max(max_window, kInitialWindow)), epoch_(now) {}

bool ReceiveWindow::on_data(std::uint32_t n) noexcept {
    if (n > credit_) return false;
    credit_ -= n;
    return true;
}

std::uint32_t ReceiveWindow::take_update(std::size_t buffered, Clock::time_point now, Clock::duration rtt,
                                         WindowBudget& budget) noexcept {
    const std::size_t in_use = std::size_t{credit_} + buffered;
    if (in_use > window_ || window_ - in_use < window_ / 2) return 0;
    if (rtt > Clock::duration::zero() && now - epoch_ < 4 * rtt) grow(budget);
    const auto delta = static_cast<std::uint32_t>(window_ - in_use);
    credit_ += delta;
    epoch_ = now;
    return delta;
}

void ReceiveWindow::grow(WindowBudget& budget) noexcept {
    const std::size_t wanted = std::min<std::size_t>(std::size_t{window_} * 2, max_window_) - window_;
    const std::size_t granted = std::min(wanted, budget.limit - std::min(budget.used, budget.limit));
    budget.used += granted;
    window_ += static_cast<std::uint32_t>(granted);
}

void ReceiveWindow::release(WindowBudget& budget) const noexcept {
    budget.used -= std::min<std::size_t>(budget.used, window_ - kInitialWindow);
}

}  // namespace kitsunet::p2p::yamux
