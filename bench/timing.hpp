#pragma once
/// Timing for the benchmark harnesses. The machines are shared: other processes take the cores
/// at random moments, so wall time measures the neighbours as much as the code. CPU time of this
/// process (user + system) does not count the time it waits for a core; both sides of every ratio
/// are measured that way (the js anchors report process.cpuUsage()).
#include <algorithm>
#include <ctime>
#include <vector>

namespace kitsunet::bench {

/// CPU time of this process so far, in milliseconds.
inline double process_cpu_ms() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// CPU milliseconds spent by `fn()`.
template <class Fn>
double cpu_ms(Fn&& fn) {
    const double t0 = process_cpu_ms();
    fn();
    return process_cpu_ms() - t0;
}

/// The median of `v` (the upper one for an even count); 0 for an empty vector.
inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::ranges::sort(v);
    return v[v.size() / 2];
}

}  // namespace kitsunet::bench
