// bench/run p2p: libp2p throughput, handshakes and idle memory on loopback, against anchors measured
// in the same run: /perf/1.0.0 over TCP + Noise + Yamux ours↔ours, ours→js, js→ours and js↔js
// (js-libp2p 3.x, test/js/perf_peer.mjs), raw ChaCha20-Poly1305 on one core (OpenSSL EVP, 16 KiB
// blocks: the ceiling of any Noise transport), handshakes per second, and the memory one idle
// connection costs a `kitsunet node` and a js-libp2p node. Repetitions interleave the variants
// (the machine is shared and noisy); medians are reported. Last line: the ratios.
// usage: bench_p2p [--mib N=256] [--runs N=5] [--handshakes N=300] [--idle N=300]
#include <openssl/evp.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/parse.hpp>

#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/net/tcp_transport.hpp"
#include "kitsunet/p2p/net/testing/io_thread.hpp"
#include "kitsunet/p2p/protocols/perf.hpp"
#include "kitsunet/testing/child_process.hpp"

namespace {

using namespace kitsunet;
using namespace kitsunet::p2p;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kitsunet::testing::ChildProcess;

struct Options {
    std::uint64_t bytes = 256ull << 20;
    int runs = 5;
    int handshakes = 300;
    int idle = 300;
    bool ours_only = false;  // --ours-only 1: only ours↔ours throughput (for profiling)
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::ranges::sort(v);
    return v[v.size() / 2];
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU seconds of the calling thread.
double thread_cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// CPU seconds (user + system) of process `pid` so far.
double process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
    std::string skip;
    for (int i = 3; i < 14; ++i) fields >> skip;  // state .. cmajflt
    double utime = 0, stime = 0;
    fields >> utime >> stime;
    return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// One transfer: its wall time and the CPU time of its busier side. On a shared machine the
// CPU figure (bytes / CPU seconds of the busier side: the speed with one core per side) is the
// stable one; the wall figure depends on what else runs.
struct Sample {
    double bytes{0};
    double wall_s{0};
    double cpu_s{0};
    double wall_mbps() const { return bytes / wall_s / 1e6; }
    double cpu_mbps() const { return bytes / cpu_s / 1e6; }
};

// Raw ChaCha20-Poly1305 (OpenSSL EVP, 16 KiB messages, one core).
Sample raw_chacha() {
    std::vector<unsigned char> buf(16384, 0x5a), tag(16);
    unsigned char key[32] = {1}, nonce[12] = {0};
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), nullptr, key, nonce);
    std::uint64_t bytes = 0;
    const auto start = Clock::now();
    const double cpu0 = thread_cpu_seconds();
    for (std::uint32_t n = 0; Clock::now() - start < 1s; ++n) {
        for (int i = 0; i < 64; ++i, bytes += buf.size()) {
            nonce[0] = static_cast<unsigned char>(n + static_cast<std::uint32_t>(i));
            int len = 0;
            EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce);
            EVP_EncryptUpdate(ctx, buf.data(), &len, buf.data(), static_cast<int>(buf.size()));
            EVP_EncryptFinal_ex(ctx, tag.data(), &len);
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag.data());
        }
    }
    const Sample sample{static_cast<double>(bytes), seconds(Clock::now() - start),
                        thread_cpu_seconds() - cpu0};
    EVP_CIPHER_CTX_free(ctx);
    return sample;
}

// Plain TCP on loopback between two threads (256 KiB writes, 64 KiB reads): the floor under any
// secured transport here, since every byte crosses the kernel twice.
Sample plain_tcp(std::uint64_t bytes) {
    namespace asio = boost::asio;
    p2p::testing::IoThread sender, receiver;
    auto listener = receiver.run([]() -> Task<std::unique_ptr<TcpListener>> {
        co_return std::make_unique<TcpListener>(
            co_await asio::this_coro::executor,
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    }());
    const TcpTarget target{"127.0.0.1", listener->local_endpoint().port()};
    auto received = receiver.start([](TcpListener& l) -> Task<std::pair<double, double>> {
        auto in = co_await l.accept();
        std::vector<std::uint8_t> buf(64 * 1024);
        double n = 0;
        const double cpu0 = thread_cpu_seconds();
        while (const std::size_t k = co_await in->read_some(buf)) n += static_cast<double>(k);
        const double cpu = thread_cpu_seconds() - cpu0;
        co_return std::pair{n, cpu};
    }(*listener));
    const auto start = Clock::now();
    const double send_cpu = sender.run(
        [](TcpTarget t, std::uint64_t total) -> Task<double> {
            auto out = co_await tcp_connect(t, 5s);
            const std::vector<std::uint8_t> block(256 * 1024, 0x5a);
            const double cpu0 = thread_cpu_seconds();
            for (std::uint64_t sent = 0; sent < total; sent += block.size()) co_await out->write_all(block);
            co_await out->close_write();
            co_return thread_cpu_seconds() - cpu0;
        }(target, bytes),
        600s);
    const auto [n, receive_cpu] = received.get();
    const Sample sample{n, seconds(Clock::now() - start), std::max(send_cpu, receive_cpu)};
    receiver.run([](std::unique_ptr<TcpListener>& l) -> Task<void> {
        l.reset();
        co_return;
    }(listener));
    return sample;
}

HostConfig host_config(bool listen) {
    HostConfig config;
    if (listen) config.listen = {*Multiaddr::from_string("/ip4/127.0.0.1/tcp/0")};
    config.limits.max_connections = 100'000;
    config.limits.max_pending_inbound = 10'000;
    return config;
}

// One of our hosts on its own thread (its own core).
class OurPeer {
  public:
    explicit OurPeer(bool listen) {
        io_.run([](OurPeer& self, bool l) -> Task<void> {
            self.host_ = std::make_unique<Host>(co_await boost::asio::this_coro::executor, host_config(l));
            self.host_->set_handler(std::string(perf::kProtocolId),
                                    [](Stream s) -> Task<void> { co_await perf::serve(*s.io); });
            if (l) self.host_->listen();
        }(*this, listen));
    }
    ~OurPeer() {
        io_.run([](std::unique_ptr<Host>& h) -> Task<void> {
            co_await h->stop();
            h.reset();
        }(host_));
    }
    Multiaddr addr() const { return with_peer_id(host_->listen_addrs().front(), host_->id()); }

    // Uploads `bytes` over /perf/1.0.0 to `target`: wall time and our thread's CPU time.
    Sample upload(const Multiaddr& target, std::uint64_t bytes) {
        return io_.run(
            [](Host& h, Multiaddr t, std::uint64_t n) -> Task<Sample> {
                auto connection = co_await h.dial(std::move(t));
                std::vector<std::string> protocols{std::string(perf::kProtocolId)};
                auto stream = co_await connection->open_stream(std::move(protocols));
                const double cpu0 = thread_cpu_seconds();
                const auto result = co_await perf::run(*stream.io, n, 0);
                co_return Sample{static_cast<double>(n), seconds(result.total_time),
                                 thread_cpu_seconds() - cpu0};
            }(*host_, target, bytes),
            600s);
    }

    // CPU seconds of this host's thread so far.
    double cpu_seconds() {
        return io_.run([]() -> Task<double> { co_return thread_cpu_seconds(); }());
    }

    // Sequential dials (a full upgrade each), then closes; returns handshakes per second.
    double handshakes(const Multiaddr& target, int count) {
        const auto elapsed = io_.run(
            [](Host& h, Multiaddr t, int n) -> Task<Clock::duration> {
                const auto start = Clock::now();
                for (int i = 0; i < n; ++i) {
                    auto connection = co_await h.dial(t);
                    co_await connection->close();
                }
                co_return Clock::now() - start;
            }(*host_, target, count),
            600s);
        return count / seconds(elapsed);
    }

    boost::asio::any_io_executor executor() { return io_.executor(); }
    p2p::testing::IoThread& io() { return io_; }

  private:
    p2p::testing::IoThread io_;
    std::unique_ptr<Host> host_;
};

std::vector<std::string> node(std::vector<std::string> args) {
    auto argv = kitsunet::testing::node_command("perf_peer.mjs", std::move(args));
    if (!argv) throw std::runtime_error("test/js/node_modules is missing: run scripts/install-deps.sh");
    return *argv;
}

ChildProcess::Options quiet() {
    ChildProcess::Options o;
    o.stderr_file = "/dev/null";
    return o;
}

// A js perf server; its address.
struct JsServer {
    ChildProcess process{node({"server"}), quiet()};
    Multiaddr addr = *Multiaddr::from_string(
        std::string(boost::json::parse(process.wait_for_line("addr", 60s)).at("addr").as_string()));
};

// A js client uploading `bytes` once to `target`: wall time and the client's CPU time.
Sample js_upload(const Multiaddr& target, std::uint64_t bytes) {
    ChildProcess client(node({"client", target.to_string(), std::to_string(bytes), "1"}), quiet());
    const auto line = client.wait_for_line("\"run\"", 600s);
    const auto run = boost::json::parse(line).as_object();
    return {static_cast<double>(bytes), run.at("seconds").to_number<double>(),
            run.at("cpu_seconds").to_number<double>()};
}

// `sample` with its CPU time the larger of its own and the other side's `other_cpu_s`.
Sample busier(Sample sample, double other_cpu_s) {
    sample.cpu_s = std::max(sample.cpu_s, other_cpu_s);
    return sample;
}

std::size_t rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6));
    return 0;
}

// KiB of RSS that `count` idle connections add to the process `pid` listening at `target`: each
// from a separate identity (our hosts, on one thread), identify done, then left idle.
double idle_kib_per_connection(pid_t pid, const Multiaddr& target, int count) {
    p2p::testing::IoThread io;
    std::vector<std::unique_ptr<Host>> clients;
    std::this_thread::sleep_for(500ms);
    const auto before = rss_kib(pid);
    io.run(
        [](std::vector<std::unique_ptr<Host>>& hosts, Multiaddr t, int n) -> Task<void> {
            const auto executor = co_await boost::asio::this_coro::executor;
            for (int i = 0; i < n; ++i) {
                hosts.push_back(std::make_unique<Host>(executor, host_config(false)));
                auto connection = co_await hosts.back()->dial(t);
                co_await hosts.back()->wait_identified(connection->peer(), 10s);
            }
        }(clients, target, count),
        600s);
    std::this_thread::sleep_for(1s);
    const auto after = rss_kib(pid);
    io.run(
        [](std::vector<std::unique_ptr<Host>>& hosts) -> Task<void> {
            for (auto& h : hosts) co_await h->stop();
            hosts.clear();
        }(clients),
        600s);
    return static_cast<double>(after) - static_cast<double>(before) > 0
               ? (static_cast<double>(after) - static_cast<double>(before)) / count
               : 0.0;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long value = std::stol(argv[i + 1]);
        if (flag == "--mib")
            o.bytes = static_cast<std::uint64_t>(value) << 20;
        else if (flag == "--runs")
            o.runs = static_cast<int>(value);
        else if (flag == "--handshakes")
            o.handshakes = static_cast<int>(value);
        else if (flag == "--ours-only")
            o.ours_only = value != 0;
        else if (flag == "--idle")
            o.idle = static_cast<int>(value);
        else
            throw std::runtime_error("unknown option " + flag);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) try {
    spdlog::set_level(spdlog::level::warn);
    const Options o = parse(argc, argv);
    std::printf(
        "p2p: /perf/1.0.0 upload of %llu MiB over TCP + Noise + Yamux on loopback, %d runs (medians)\n",
        static_cast<unsigned long long>(o.bytes >> 20), o.runs);
    OurPeer server(true), client(false);
    if (o.ours_only) {
        for (int r = 0; r < o.runs; ++r) {
            const double other = server.cpu_seconds();
            const auto sample = busier(client.upload(server.addr(), o.bytes), server.cpu_seconds() - other);
            std::printf("ours↔ours: %.0f MB/s wall, %.0f MB/s per CPU\n", sample.wall_mbps(),
                        sample.cpu_mbps());
        }
        return 0;
    }
    JsServer js_server;
    const pid_t js_pid = js_server.process.pid();
    std::vector<Sample> raw, tcp, ours, ours_to_js, js_to_ours, js_js;
    for (int r = 0; r < o.runs; ++r) {
        raw.push_back(raw_chacha());
        tcp.push_back(plain_tcp(o.bytes));
        double other = server.cpu_seconds();
        ours.push_back(busier(client.upload(server.addr(), o.bytes), server.cpu_seconds() - other));
        other = process_cpu_seconds(js_pid);
        ours_to_js.push_back(
            busier(client.upload(js_server.addr, o.bytes), process_cpu_seconds(js_pid) - other));
        other = server.cpu_seconds();
        js_to_ours.push_back(busier(js_upload(server.addr(), o.bytes), server.cpu_seconds() - other));
        other = process_cpu_seconds(js_pid);
        js_js.push_back(busier(js_upload(js_server.addr, o.bytes), process_cpu_seconds(js_pid) - other));
        std::printf(
            "  run %d (wall | per CPU): raw %.0f | %.0f, tcp %.0f | %.0f, ours↔ours %.0f | %.0f, ours→js "
            "%.0f | %.0f, "
            "js→ours %.0f | %.0f, js↔js %.0f | %.0f MB/s\n",
            r + 1, raw.back().wall_mbps(), raw.back().cpu_mbps(), tcp.back().wall_mbps(),
            tcp.back().cpu_mbps(), ours.back().wall_mbps(), ours.back().cpu_mbps(),
            ours_to_js.back().wall_mbps(), ours_to_js.back().cpu_mbps(), js_to_ours.back().wall_mbps(),
            js_to_ours.back().cpu_mbps(), js_js.back().wall_mbps(), js_js.back().cpu_mbps());
        std::fflush(stdout);
    }
    const auto wall = [](const std::vector<Sample>& v) {
        std::vector<double> x;
        for (const auto& s : v) x.push_back(s.wall_mbps());
        return median(x);
    };
    const auto cpu = [](const std::vector<Sample>& v) {
        std::vector<double> x;
        for (const auto& s : v) x.push_back(s.cpu_mbps());
        return median(x);
    };
    std::printf(
        "medians, MB/s                                  wall    per CPU (bytes / CPU s of the busier "
        "side)\n");
    std::printf("raw ChaCha20-Poly1305 (OpenSSL, 16 KiB, 1 core) %6.0f  %6.0f\n", wall(raw), cpu(raw));
    std::printf("plain TCP, no security, no muxer (the floor)    %6.0f  %6.0f\n", wall(tcp), cpu(tcp));
    std::printf("ours ↔ ours                                     %6.0f  %6.0f\n", wall(ours), cpu(ours));
    std::printf("ours → js                                       %6.0f  %6.0f\n", wall(ours_to_js),
                cpu(ours_to_js));
    std::printf("js → ours                                       %6.0f  %6.0f\n", wall(js_to_ours),
                cpu(js_to_ours));
    std::printf("js ↔ js (anchor)                                %6.0f  %6.0f\n", wall(js_js), cpu(js_js));

    // Without /p2p: a dial to a known peer would reuse its connection.
    const double handshakes = client.handshakes(server.addr().decapsulate(Protocol::kP2p), o.handshakes);
    std::printf("handshakes (TCP + multistream + Noise XX + Yamux, sequential): %.0f per second\n",
                handshakes);

    ChildProcess our_node({std::string(KITSUNET_BIN_DIR) + "/kitsunet", "node", "--listen",
                           "/ip4/127.0.0.1/tcp/0", "--log-level", "warn"},
                          quiet());
    const auto node_addr = *Multiaddr::from_string(our_node.wait_for_line("/p2p/", 30s));
    const double ours_idle = idle_kib_per_connection(our_node.pid(), node_addr, o.idle);
    const double js_idle = idle_kib_per_connection(js_server.process.pid(), js_server.addr, o.idle);
    std::printf(
        "memory per idle connection (identify done; RSS of the listener / %d): kitsunet node %.1f KiB, "
        "js-libp2p %.1f KiB\n",
        o.idle, ours_idle, js_idle);

    std::printf(
        "ratio: ours↔ours / js↔js = %.1fx per CPU, %.1fx wall (goal >= 5x); ours↔ours / raw "
        "ChaCha20-Poly1305 = "
        "%.2f per CPU, %.2f wall (goal >= 0.60; plain TCP alone: %.2f per CPU); idle memory js / ours = "
        "%.1fx\n",
        cpu(ours) / cpu(js_js), wall(ours) / wall(js_js), cpu(ours) / cpu(raw), wall(ours) / wall(raw),
        cpu(tcp) / cpu(raw), ours_idle > 0 ? js_idle / ours_idle : 0.0);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_p2p: %s\n", e.what());
    return 1;
}
