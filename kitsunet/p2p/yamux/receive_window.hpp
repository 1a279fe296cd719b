#pragma once
/// The receive side of one Yamux stream's flow control, with window auto-tuning. Pure (the clock
/// and the RTT are passed in): unit-tested without I/O.
///
/// The peer may send `credit()` more bytes; `window()` is what we let it have in flight plus what
/// our reader has not consumed yet (credit + buffered ≤ window, so a slow reader bounds memory).
/// Once the reader has consumed half a window, an update returns the consumed bytes to the peer.
/// Auto-tuning (as go-yamux and js-libp2p do): if that half window was consumed within 4 round
/// trips of the previous update, the window limited the throughput, not the reader or the link,
/// so it doubles (from 256 KiB up to the configured maximum, as the session's budget allows).
/// Thread-safety: none.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "kitsunet/p2p/yamux/frame.hpp"

namespace kitsunet::p2p::yamux {

/// Memory a session lets its streams' receive windows grow into, beyond the initial 256 KiB each.
struct WindowBudget {
    std::size_t limit{0};
    std::size_t used{0};
};

class ReceiveWindow {
  public:
    using Clock = std::chrono::steady_clock;

    ReceiveWindow(std::uint32_t max_window, Clock::time_point now) noexcept;

    std::uint32_t window() const noexcept { return window_; }
    std::uint32_t credit() const noexcept { return credit_; }

    /// Accounts for a received Data frame of `n` bytes; false (and no change) when it exceeds the
    /// credit: a flow-control violation by the peer.
    bool on_data(std::uint32_t n) noexcept;

    /// After the reader consumed data (`buffered` bytes received are still unread): the window
    /// update to send now, or 0 when not yet due. Grows the window as described above.
    std::uint32_t take_update(std::size_t buffered, Clock::time_point now, Clock::duration rtt,
                              WindowBudget& budget) noexcept;

    /// Returns this window's growth to the budget (the stream is gone).
    void release(WindowBudget& budget) const noexcept;

  private:
    void grow(WindowBudget& budget) noexcept;

    std::uint32_t max_window_;
    std::uint32_t window_{kInitialWindow};
    std::uint32_t credit_{kInitialWindow};
    Clock::time_point epoch_;  // when the last update was sent (or the stream opened)
};

}  // namespace kitsunet::p2p::yamux
