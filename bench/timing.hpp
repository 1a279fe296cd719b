#pragma once
// Benchmarks: timing a call and the median of repeated measurements.
#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace kitsunet::bench {

/// Wall-clock milliseconds that `fn` takes.
inline double elapsed_ms(const std::function<void()>& fn) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// The median (the upper one of an even count). Precondition: `v` is not empty.
inline double median(std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
}

}  // namespace kitsunet::bench
