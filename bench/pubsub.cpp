// bench/run pubsub: a loopback network of P processes in a random regular topology, once all
// ours (bench_pubsub_node) and once all js-libp2p (@libp2p/gossipsub, test/js/pubsub_peer.mjs),
// with the same topology and message sizes; node 0 publishes at rising rates and every other node
// reports each message's latency. Per phase: delivered fraction, fraction within 1 s, p50/p99
// latency, duplicates per message (ours), CPU seconds and peak RSS per node. Our floodsub and
// multicast run in the same harness for comparison, and ours also at a larger P.
// The last line is the ratio of the highest 1 KiB rate delivered ≥ 99% within 1 s, ours / js.
//   bench_pubsub [--P 20] [--P-large 50] [--degree 6] [--secs 4] [--seed 1] [--quick] [--no-js]
//                [--routers gossipsub,floodsub,multicast]
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kitsunet/testing/child_process.hpp"

namespace kitsunet::bench {
namespace {

namespace json = boost::json;
using kitsunet::testing::ChildProcess;
using namespace std::chrono_literals;

const std::string kTopic = "bench";

struct Options {
    std::size_t p = 20;
    std::size_t p_large = 50;
    std::size_t degree = 6;
    int secs = 4;
    std::uint64_t seed = 1;
    bool quick = false;
    bool js = true;
    std::vector<std::string> routers{"gossipsub", "floodsub", "multicast"};
};

// ---- processes ----

struct Proc {
    std::unique_ptr<ChildProcess> child;
    std::string addr;

    json::object wait(const std::string& event, std::chrono::milliseconds timeout = 120s) {
        const auto line = child->wait_for_line("\"event\":\"" + event + "\"", timeout);
        return json::parse(line).as_object();
    }
    void send(const json::object& o) { child->write_line(json::serialize(o)); }

    double cpu_seconds() const {
        std::ifstream in("/proc/" + std::to_string(child->pid()) + "/stat");
        std::string s((std::istreambuf_iterator<char>(in)), {});
        std::istringstream rest(s.substr(s.rfind(')') + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14) utime = std::stod(field);
            if (i == 15) stime = std::stod(field);
        }
        return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    /// Peak RSS (MiB) since the last reset_peak().
    double peak_rss_mib() const {
        std::ifstream in("/proc/" + std::to_string(child->pid()) + "/status");
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024;
        }
        return 0;
    }
    void reset_peak() const { std::ofstream("/proc/" + std::to_string(child->pid()) + "/clear_refs") << "5"; }
};

std::string bin_dir() {
    char buf[4096];
    const auto n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    std::string path(buf, static_cast<std::size_t>(n));
    return path.substr(0, path.rfind('/'));
}

std::vector<Proc> spawn(const std::string& impl, std::size_t n) {
    std::vector<Proc> procs(n);
    for (auto& p : procs) {
        std::vector<std::string> argv;
        if (impl == "js") {
            argv = *kitsunet::testing::node_command("pubsub_peer.mjs", {"--router", "gossipsub", "--quiet"});
        } else {
            argv = {bin_dir() + "/bench_pubsub_node", "--router", impl};
        }
        ChildProcess::Options o;
        o.stderr_file = "/dev/null";
        p.child = std::make_unique<ChildProcess>(std::move(argv), o);
    }
    for (auto& p : procs) p.addr = std::string(p.wait("ready").at("addrs").as_array().at(0).as_string());
    return procs;
}

// ---- topology: a connected random regular graph ----

/// Pairs degree stubs at random, each with a partner that makes neither a loop nor a double
/// edge (restarting on a dead end), until the graph is also connected.
std::vector<std::pair<std::size_t, std::size_t>> random_regular(std::size_t n, std::size_t k,
                                                                std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        std::vector<std::size_t> stubs;
        for (std::size_t i = 0; i < n; ++i) stubs.insert(stubs.end(), k, i);
        std::set<std::pair<std::size_t, std::size_t>> edges;
        bool stuck = false;
        while (!stubs.empty() && !stuck) {
            const std::size_t a = stubs.back();
            stubs.pop_back();
            std::vector<std::size_t> partners;
            for (std::size_t i = 0; i < stubs.size(); ++i) {
                const auto e = std::pair{std::min(a, stubs[i]), std::max(a, stubs[i])};
                if (stubs[i] != a && !edges.contains(e)) partners.push_back(i);
            }
            if (partners.empty()) {
                stuck = true;
                break;
            }
            const std::size_t pick = partners[rng() % partners.size()];
            edges.insert({std::min(a, stubs[pick]), std::max(a, stubs[pick])});
            stubs.erase(stubs.begin() + static_cast<std::ptrdiff_t>(pick));
        }
        if (stuck) continue;
        std::vector<std::size_t> root(n);
        std::iota(root.begin(), root.end(), 0);
        const std::function<std::size_t(std::size_t)> find = [&](std::size_t x) {
            return root[x] == x ? x : root[x] = find(root[x]);
        };
        for (auto [a, b] : edges) root[find(a)] = find(b);
        bool connected = true;
        for (std::size_t i = 0; i < n; ++i) connected &= find(i) == find(0);
        if (connected) return {edges.begin(), edges.end()};
    }
    std::fprintf(stderr, "bench_pubsub: no random regular graph found\n");
    std::exit(1);
}

// ---- phases ----

struct Phase {
    std::size_t size;
    double rate;
};

struct Result {
    std::size_t size{0};
    double rate{0}, achieved{0};
    std::size_t sent{0};
    double delivered{0}, within_1s{0}, p50_ms{0}, p99_ms{0};
    double duplicates_per_message{-1};  // ours only
    double cpu_s_node{0}, cpu_s_total{0}, rss_mib_median{0}, rss_mib_max{0};
    bool ok() const { return within_1s >= 0.99; }
};

double quantile(std::vector<double>& v, double q) {
    if (v.empty()) return 0;
    std::ranges::sort(v);
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}
double median(std::vector<double> v) { return quantile(v, 0.5); }

/// CPU seconds per second the nodes use together over `window`.
double cpu_rate(const std::vector<Proc>& procs, std::chrono::milliseconds window) {
    double a = 0, b = 0;
    for (const auto& p : procs) a += p.cpu_seconds();
    std::this_thread::sleep_for(window);
    for (const auto& p : procs) b += p.cpu_seconds();
    return (b - a) / std::chrono::duration<double>(window).count();
}

/// Waits (at most 10 s) until the nodes are back to their idle CPU use (heartbeats, peer scans:
/// `idle` measured once the network formed) plus a tenth of a core.
void quiesce(const std::vector<Proc>& procs, double idle) {
    for (int i = 0; i < 20; ++i) {
        if (cpu_rate(procs, 500ms) <= idle + 0.1) return;
    }
}

struct Counters {
    double received{0}, duplicates{0};
};

Counters counters(std::vector<Proc>& procs, bool ours) {
    Counters c;
    if (!ours) return c;
    for (auto& p : procs) {
        p.send({{"cmd", "info"}, {"topic", kTopic}});
        const auto info = p.wait("info", 30s);
        c.received += info.at("received").to_number<double>();
        c.duplicates += info.at("duplicates").to_number<double>();
    }
    return c;
}

Result run_phase(std::vector<Proc>& procs, bool ours, const Phase& ph, int tag, int secs, double idle) {
    quiesce(procs, idle);
    for (const auto& p : procs) p.reset_peak();
    std::vector<double> cpu0;
    for (const auto& p : procs) cpu0.push_back(p.cpu_seconds());
    const auto before = counters(procs, ours);
    const auto count = static_cast<std::size_t>(std::max(1.0, ph.rate * secs));
    procs[0].send({{"cmd", "bench-publish"},
                   {"topic", kTopic},
                   {"tag", tag},
                   {"rate", ph.rate},
                   {"size", ph.size},
                   {"count", count}});
    const auto published = procs[0].wait("bench-published", std::chrono::seconds(secs * 20 + 120));
    std::this_thread::sleep_for(2s);  // drain
    Result r{ph.size, ph.rate, published.at("rate").to_number<double>(), count};
    std::vector<double> latencies;
    std::size_t within = 0;
    for (std::size_t i = 1; i < procs.size(); ++i) {
        procs[i].send({{"cmd", "collect"}, {"tag", tag}});
        const auto got = procs[i].wait("collected", 60s).at("data").as_array();
        std::set<std::int64_t> seqs;
        for (std::size_t k = 0; k + 1 < got.size(); k += 2) {
            if (!seqs.insert(got[k].to_number<std::int64_t>()).second) continue;  // API duplicates count once
            const double us = got[k + 1].to_number<double>();
            latencies.push_back(us / 1e3);
            if (us <= 1e6) ++within;
        }
    }
    const double expected = static_cast<double>(count * (procs.size() - 1));
    r.delivered = static_cast<double>(latencies.size()) / expected;
    r.within_1s = static_cast<double>(within) / expected;
    r.p50_ms = quantile(latencies, 0.5);
    r.p99_ms = quantile(latencies, 0.99);
    std::vector<double> cpu, rss;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        cpu.push_back(procs[i].cpu_seconds() - cpu0[i]);
        rss.push_back(procs[i].peak_rss_mib());
    }
    r.cpu_s_node = median(cpu);
    r.cpu_s_total = std::accumulate(cpu.begin(), cpu.end(), 0.0);
    r.rss_mib_median = median(rss);
    r.rss_mib_max = *std::ranges::max_element(rss);
    if (ours) {
        const auto after = counters(procs, ours);
        const double copies = after.received - before.received;
        r.duplicates_per_message = copies > 0 ? (after.duplicates - before.duplicates) / expected : 0;
    }
    return r;
}

void print(const std::string& impl, std::size_t p, const Result& r) {
    std::printf(
        "%-17s P=%-3zu %6zu B %7.1f msg/s (achieved %7.1f): delivered %6.2f%%, within 1 s %6.2f%%, p50 %8.2f "
        "ms, "
        "p99 %8.2f ms, dup/msg %5s, CPU s/node %6.2f (total %6.1f), RSS MiB %5.1f (max %5.1f)\n",
        impl.c_str(), p, r.size, r.rate, r.achieved, 100 * r.delivered, 100 * r.within_1s, r.p50_ms, r.p99_ms,
        r.duplicates_per_message < 0 ? "n/a" : std::to_string(r.duplicates_per_message).substr(0, 5).c_str(),
        r.cpu_s_node, r.cpu_s_total, r.rss_mib_median, r.rss_mib_max);
    std::fflush(stdout);
}

struct Run {
    std::string impl;
    std::size_t p{0};
    std::vector<Result> results;
    double max_rate(std::size_t size) const {
        double best = 0;
        for (const auto& r : results) {
            if (r.size == size && r.ok()) best = std::max(best, r.rate);
        }
        return best;
    }
    const Result* at(std::size_t size, double rate) const {
        for (const auto& r : results) {
            if (r.size == size && r.rate == rate) return &r;
        }
        return nullptr;
    }
};

/// Waits (at most `limit`) until every node knows a subscribed peer (js reports them as a list).
void wait_for_subscribers(std::vector<Proc>& procs, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (auto& proc : procs) {
        for (;;) {
            proc.send({{"cmd", "info"}, {"topic", kTopic}});
            const auto& subscribers = proc.wait("info", 30s).at("subscribers");
            const auto n =
                subscribers.is_array() ? subscribers.as_array().size() : subscribers.to_number<std::size_t>();
            if (n > 0 || std::chrono::steady_clock::now() > deadline) break;
            std::this_thread::sleep_for(200ms);
        }
    }
}

/// After a warm-up phase, runs the rising rates of each size until one falls short of 99 % within
/// 1 s (when the first already does, lower rates down to a tenth of it).
Run run_network(const std::string& impl, std::size_t p, const Options& o,
                const std::vector<std::vector<Phase>>& ladders) {
    Run run{impl, p, {}};
    const bool ours = impl != "js";
    auto procs = spawn(impl, p);
    const auto edges = random_regular(p, std::min(o.degree, p - 1), o.seed);
    for (auto [a, b] : edges) procs[a].send({{"cmd", "dial"}, {"addr", procs[b].addr}});
    // Dials all at once; those that fail (handshake timeouts on a loaded machine) again one by one.
    std::vector<std::pair<std::size_t, std::size_t>> failed;
    for (auto e : edges) procs[e.first].send({{"cmd", "dial"}, {"addr", procs[e.second].addr}});
    for (auto e : edges) {
        if (!procs[e.first].wait("dialed", 60s).at("ok").as_bool()) failed.push_back(e);
    }
    std::size_t still_failed = 0;
    for (auto [a, b] : failed) {
        procs[a].send({{"cmd", "dial"}, {"addr", procs[b].addr}});
        still_failed += procs[a].wait("dialed", 60s).at("ok").as_bool() ? 0u : 1u;
    }
    if (!failed.empty())
        std::printf("%s P=%zu: %zu of %zu dials failed, %zu of them again\n", impl.c_str(), p, failed.size(),
                    edges.size(), still_failed);
    for (auto& proc : procs) proc.send({{"cmd", "subscribe"}, {"topic", kTopic}});
    wait_for_subscribers(procs, 60s);
    std::this_thread::sleep_for(5s);  // subscriptions travel, meshes form
    const double idle = cpu_rate(procs, 2s);
    const std::string label = (ours ? "ours/" + impl : "js/gossipsub");
    int tag = 0;
    const auto phase = [&](const Phase& ph) {
        const auto r = run_phase(procs, ours, ph, ++tag % 250, o.secs, idle);
        print(label, p, r);
        run.results.push_back(r);
        return r.ok();
    };
    // Warm-up (JIT, caches, TCP windows), not counted: the lowest rate of the first ladder.
    (void)run_phase(procs, ours, ladders.front().front(), ++tag % 250, o.secs, idle);
    for (const auto& ladder : ladders) {
        if (!phase(ladder.front())) {
            // Even the first rung failed: step down so that the highest good rate is known.
            for (const double fraction : {0.5, 0.2, 0.1}) {
                if (phase({ladder.front().size, ladder.front().rate * fraction})) break;
            }
            continue;
        }
        for (std::size_t i = 1; i < ladder.size() && phase(ladder[i]); ++i) {
        }
    }
    for (auto& proc : procs) proc.send({{"cmd", "quit"}});
    for (auto& proc : procs) {
        if (!proc.child->wait(5s)) proc.child->kill();
    }
    return run;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--P")
            o.p = std::stoul(next());
        else if (a == "--P-large")
            o.p_large = std::stoul(next());
        else if (a == "--degree")
            o.degree = std::stoul(next());
        else if (a == "--secs")
            o.secs = std::stoi(next());
        else if (a == "--seed")
            o.seed = std::stoull(next());
        else if (a == "--quick")
            o.quick = true;
        else if (a == "--no-js")
            o.js = false;
        else if (a == "--routers") {
            o.routers.clear();
            std::stringstream s(next());
            for (std::string r; std::getline(s, r, ',');) o.routers.push_back(r);
        } else {
            std::fprintf(stderr,
                         "usage: bench_pubsub [--P N] [--P-large N] [--degree K] [--secs S] [--seed N] "
                         "[--quick] [--no-js] [--routers LIST]\n");
            std::exit(2);
        }
    }
    return o;
}

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    using namespace kitsunet::bench;
    const auto o = parse(argc, argv);
    constexpr std::size_t kSmall = 1024, kLarge = 256 * 1024;
    std::vector<Phase> small, large;
    for (double r : {10.0, 25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 600.0, 800.0, 1600.0, 3200.0})
        small.push_back({kSmall, r});
    for (double r : {1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 80.0}) large.push_back({kLarge, r});
    if (o.quick) {
        small.resize(4);
        large.resize(2);
    }
    std::printf(
        "pubsub: P=%zu processes, random %zu-regular topology (seed %llu), node 0 publishes %d s per rate\n",
        o.p, o.degree, static_cast<unsigned long long>(o.seed), o.secs);
    std::vector<Run> runs;
    for (const auto& router : o.routers) runs.push_back(run_network(router, o.p, o, {small, large}));
    const bool have_js = o.js && kitsunet::testing::node_command("pubsub_peer.mjs", {}).has_value();
    if (have_js) runs.push_back(run_network("js", o.p, o, {small, large}));
    if (o.p_large > o.p) runs.push_back(run_network("gossipsub", o.p_large, o, {small}));

    std::printf("\nhighest rate with >= 99%% delivered within 1 s:\n");
    for (const auto& r : runs) {
        std::printf("  %-17s P=%-3zu 1 KiB %7.1f msg/s, 256 KiB %5.1f msg/s\n",
                    (r.impl == "js" ? "js/gossipsub" : "ours/" + r.impl).c_str(), r.p, r.max_rate(kSmall),
                    r.max_rate(kLarge));
    }
    const Run* ours = nullptr;
    const Run* js = nullptr;
    for (const auto& r : runs) {
        if (r.p == o.p && r.impl == "gossipsub") ours = &r;
        if (r.impl == "js") js = &r;
    }
    if (ours) {
        if (const auto* at10 = ours->at(kSmall, 10)) {
            std::printf(
                "ours/gossipsub at 10 msg/s of 1 KiB: p99 %.2f ms (goal <= 20), duplicates per message %.2f "
                "(goal <= D = 6)\n",
                at10->p99_ms, at10->duplicates_per_message);
        }
    }
    if (ours && js) {
        const auto* a = ours->at(kSmall, 10);
        const auto* b = js->at(kSmall, 10);
        if (a && b) {
            std::printf("at 10 msg/s of 1 KiB, ours/js: p50 %.2f, p99 %.2f, CPU per node %.2f, RSS %.2f\n",
                        a->p50_ms / b->p50_ms, a->p99_ms / b->p99_ms, a->cpu_s_node / b->cpu_s_node,
                        a->rss_mib_median / b->rss_mib_median);
        }
        const double ours_max = ours->max_rate(kSmall);
        const double js_max = js->max_rate(kSmall);
        if (js_max > 0) {
            std::printf(
                "pubsub ratio ours/js, highest 1 KiB rate >= 99%% within 1 s at P=%zu: %.1f / %.1f msg/s = "
                "%.1fx "
                "(goal >= 25x)\n",
                o.p, ours_max, js_max, ours_max / js_max);
        } else {
            // js fell short even at its lowest rate: that rate bounds its highest good one from above.
            double js_lowest = INFINITY;
            for (const auto& r : js->results) {
                if (r.size == kSmall) js_lowest = std::min(js_lowest, r.rate);
            }
            std::printf(
                "pubsub ratio ours/js, highest 1 KiB rate >= 99%% within 1 s at P=%zu: %.1f / (< %.1f) msg/s "
                "= "
                "> %.1fx (goal >= 25x)\n",
                o.p, ours_max, js_lowest, ours_max / js_lowest);
        }
    } else {
        std::printf("pubsub ratio ours/js: js not run (--no-js, or test/js has no node_modules)\n");
    }
    return 0;
}
