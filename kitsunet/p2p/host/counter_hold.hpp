#pragma once
/// Holds one unit of a counter for its lifetime (open streams, pending handshakes), so every
/// exit path, cancellation included, gives it back.
#include <cstddef>

namespace kitsunet::p2p {

class CounterHold {
  public:
    explicit CounterHold(std::size_t& counter) noexcept : counter_(counter) { ++counter_; }
    ~CounterHold() { --counter_; }
    CounterHold(const CounterHold&) = delete;
    CounterHold& operator=(const CounterHold&) = delete;

  private:
    std::size_t& counter_;
};

}  // namespace kitsunet::p2p
