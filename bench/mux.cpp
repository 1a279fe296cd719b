// bench/run mux: throughput of one stream through kitsunet's Yamux and mplex over loopback TCP
// (no security), against raw TCP (the floor: what the muxer costs) and against js-libp2p's own
// muxer over the same kind of connection (test/js/muxer_perf.mjs, run between our repetitions).
// Both ends of every connection run on one thread, as in the js anchor.
// Usage: bench_mux [--mib N=128] [--trials T=7] [--streams S=16] [--js 0|1]
//        [--only raw|yamux|yamux-streams|mplex] (one kind alone, for a profiler)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json.hpp>

#include "kitsunet/p2p/mplex/session.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"
#include "kitsunet/p2p/yamux/session.hpp"

namespace kitsunet::bench {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using namespace p2p;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunk = 64 * 1024;  // the writes of the js anchor

struct Options {
    std::size_t mib = 128;
    int trials = 7;
    std::size_t streams = 16;
    bool js = true;
    std::string only;  // one of raw, yamux, yamux-streams, mplex (for profiling); empty: all
};

Task<void> send(ByteStream& s, std::size_t bytes) {
    const std::vector<std::uint8_t> chunk(kChunk, 0x5a);
    for (std::size_t sent = 0; sent < bytes; sent += kChunk) co_await s.write_all(chunk);
    co_await s.close_write();
}

Task<void> drain(ByteStream& s, std::size_t expected) {
    std::vector<std::uint8_t> buf(kChunk);
    std::size_t got = 0;
    while (const std::size_t n = co_await s.read_some(buf)) got += n;
    if (got != expected) throw std::runtime_error("bench: short transfer");
}

// MB/s of `bytes` over a fresh raw TCP connection.
double raw_tcp(std::size_t bytes) {
    boost::asio::io_context io;
    auto tcp = testing::make_tcp_pair(io);
    const auto t0 = Clock::now();
    testing::run_task(io, send(*tcp.dialer, bytes) && drain(*tcp.listener, bytes), std::chrono::minutes(5));
    return static_cast<double>(bytes) / std::chrono::duration<double>(Clock::now() - t0).count() / 1e6;
}

using Factory = std::function<std::unique_ptr<MuxedSession>(std::unique_ptr<ByteStream>, bool,
                                                            const boost::asio::any_io_executor&)>;

// MB/s of `bytes` in total over `streams` concurrent streams of a fresh session pair.
double muxed(const Factory& make, std::size_t bytes, std::size_t streams) {
    boost::asio::io_context io;
    auto tcp = testing::make_tcp_pair(io);
    auto dialer = make(std::move(tcp.dialer), true, io.get_executor());
    auto listener = make(std::move(tcp.listener), false, io.get_executor());
    testing::Outcome dialer_run, listener_run;
    testing::spawn(io, dialer->run(), dialer_run);
    testing::spawn(io, listener->run(), listener_run);
    const std::size_t per_stream = bytes / streams / kChunk * kChunk;
    auto one = [&](std::size_t) -> Task<void> {
        auto out = co_await dialer->open_stream();
        co_await out->write_all(std::vector<std::uint8_t>(1, 0));  // so that accept() sees it now
        auto in = co_await listener->accept_stream();
        std::vector<std::uint8_t> first(1);
        co_await in->read_some(first);
        co_await (send(*out, per_stream) && drain(*in, per_stream));
    };
    const auto t0 = Clock::now();
    testing::run_task(io, testing::in_parallel(streams, one), std::chrono::minutes(5));
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    testing::run_task(io, dialer->close());
    testing::run_until(io, [&] { return dialer_run.done && listener_run.done; });
    return static_cast<double>(per_stream * streams) / s / 1e6;
}

std::optional<double> js_anchor(const char* muxer, std::size_t mib) {
    const std::string cmd = std::string("cd '") + KITSUNET_SOURCE_DIR +
                            "/test/js' && node --import ./polyfill.mjs muxer_perf.mjs " + muxer + " " +
                            std::to_string(mib) + " 2>/dev/null";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    char buf[1024];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    if (pclose(pipe) != 0) return std::nullopt;
    try {
        return boost::json::parse(out).as_object().at("MBps").to_number<double>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

double median(std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--only") {
            o.only = argv[i + 1];
            continue;
        }
        const long value = std::strtol(argv[i + 1], nullptr, 10);
        if (value <= 0 && flag != "--js") throw std::invalid_argument("bad value for " + flag);
        if (flag == "--mib")
            o.mib = static_cast<std::size_t>(value);
        else if (flag == "--trials")
            o.trials = static_cast<int>(value);
        else if (flag == "--streams")
            o.streams = static_cast<std::size_t>(value);
        else if (flag == "--js")
            o.js = value != 0;
        else
            throw std::invalid_argument("unknown option " + flag);
    }
    return o;
}

int run(const Options& o) {
    const Factory yamux = [](std::unique_ptr<ByteStream> c, bool dialer,
                             const boost::asio::any_io_executor& ex) {
        return std::make_unique<yamux::YamuxSession>(
            std::move(c), dialer ? yamux::Role::dialer : yamux::Role::listener, ex);
    };
    const Factory mplex = [](std::unique_ptr<ByteStream> c, bool, const boost::asio::any_io_executor& ex) {
        return std::make_unique<mplex::MplexSession>(std::move(c), ex);
    };
    const std::size_t bytes = o.mib << 20;
    std::vector<double> raw, y1, yn, m1, js_y, js_m;
    if (!o.only.empty()) {  // one kind alone, for a profiler
        const double mbps = o.only == "raw"             ? raw_tcp(bytes)
                            : o.only == "yamux"         ? muxed(yamux, bytes, 1)
                            : o.only == "yamux-streams" ? muxed(yamux, bytes, o.streams)
                            : o.only == "mplex"         ? muxed(mplex, bytes, 1)
                                                : throw std::invalid_argument("unknown --only " + o.only);
        std::printf("%s: %.0f MB/s\n", o.only.c_str(), mbps);
        return 0;
    }
    for (int t = 0; t < o.trials; ++t) {  // interleaved, so that all share the machine's load alike
        raw.push_back(raw_tcp(bytes));
        y1.push_back(muxed(yamux, bytes, 1));
        yn.push_back(muxed(yamux, bytes, o.streams));
        m1.push_back(muxed(mplex, bytes, 1));
        if (o.js) {
            if (auto v = js_anchor("yamux", o.mib)) js_y.push_back(*v);
            if (auto v = js_anchor("mplex", o.mib)) js_m.push_back(*v);
        }
        std::printf("trial %d: raw TCP %.0f, yamux %.0f, yamux x%zu %.0f, mplex %.0f MB/s%s\n", t, raw.back(),
                    y1.back(), o.streams, yn.back(), m1.back(),
                    js_y.empty()
                        ? ""
                        : (", js yamux " + std::to_string(static_cast<int>(js_y.back())) + ", js mplex " +
                           (js_m.empty() ? std::string("-") : std::to_string(static_cast<int>(js_m.back()))))
                              .c_str());
    }
    std::printf(
        "medians of %d trials, %zu MiB each, MB/s: raw TCP %.0f | yamux 1 stream %.0f | yamux %zu streams "
        "%.0f | mplex 1 stream %.0f\n",
        o.trials, o.mib, median(raw), median(y1), o.streams, median(yn), median(m1));
    if (!js_y.empty() && !js_m.empty())
        std::printf("js-libp2p, same setup, MB/s: yamux %.0f | mplex %.0f\n", median(js_y), median(js_m));
    std::printf("muxer cost: yamux %.2fx, mplex %.2fx of raw TCP\n", median(y1) / median(raw),
                median(m1) / median(raw));
    if (js_y.empty()) {
        std::printf("ratio vs raw TCP (no js anchor: test/js/node_modules missing or --js 0): yamux %.2fx\n",
                    median(y1) / median(raw));
        return 0;
    }
    std::printf("ratio vs js-libp2p: yamux %.1fx, mplex %.1fx\n", median(y1) / median(js_y),
                js_m.empty() ? 0.0 : median(m1) / median(js_m));
    return 0;
}

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    try {
        return kitsunet::bench::run(kitsunet::bench::parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(
            stderr,
            "bench_mux: %s\nusage: bench_mux [--mib N] [--trials T] [--streams S] [--js 0|1] [--only KIND]\n",
            e.what());
        return 2;
    }
}
