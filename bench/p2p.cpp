// bench/run p2p: libp2p throughput, handshakes and idle memory on loopback, against anchors measured
// in the same run: /perf/1.0.0 over TCP + Noise + Yamux ours↔ours, ours→js, js→ours and js↔js
// (js-libp2p 3.x, test/js/perf_peer.mjs), raw ChaCha20-Poly1305 on one core (OpenSSL EVP, 16 KiB
// blocks: the ceiling of any Noise transport), handshakes per second, and the memory one idle
// connection costs a `kitsunet node` and a js-libp2p node. Repetitions interleave the variants
// (the machine is shared and noisy); medians are reported. Last line: the ratios.
// usage: bench_p2p [--mib N=256] [--runs N=5] [--handshakes N=300] [--idle N=300]
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>

#include "kitsunet/p2p/host/host.hpp"
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
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::ranges::sort(v);
    return v[v.size() / 2];
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Raw ChaCha20-Poly1305 (OpenSSL EVP, 16 KiB messages, one core) in MB/s.
double raw_chacha_mbps() {
    std::vector<unsigned char> buf(16384, 0x5a), tag(16);
    unsigned char key[32] = {1}, nonce[12] = {0};
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), nullptr, key, nonce);
    std::uint64_t bytes = 0;
    const auto start = Clock::now();
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
    const double s = seconds(Clock::now() - start);
    EVP_CIPHER_CTX_free(ctx);
    return static_cast<double>(bytes) / s / 1e6;
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

    // Uploads `bytes` over /perf/1.0.0 to `target`; returns MB/s.
    double upload(const Multiaddr& target, std::uint64_t bytes) {
        const auto elapsed = io_.run(
            [](Host& h, Multiaddr t, std::uint64_t n) -> Task<Clock::duration> {
                auto connection = co_await h.dial(std::move(t));
                std::vector<std::string> protocols{std::string(perf::kProtocolId)};
                auto stream = co_await connection->open_stream(std::move(protocols));
                const auto result = co_await perf::run(*stream.io, n, 0);
                co_return result.total_time;
            }(*host_, target, bytes),
            600s);
        return static_cast<double>(bytes) / seconds(elapsed) / 1e6;
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
    testing::IoThread& io() { return io_; }

  private:
    testing::IoThread io_;
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

// A js client uploading `bytes` once to `target`; MB/s of the timed upload.
double js_upload(const Multiaddr& target, std::uint64_t bytes) {
    ChildProcess client(node({"client", target.to_string(), std::to_string(bytes), "1"}), quiet());
    const auto line = client.wait_for_line("\"run\"", 600s);
    const auto run = boost::json::parse(line).as_object();
    return static_cast<double>(bytes) / run.at("seconds").to_number<double>() / 1e6;
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
    testing::IoThread io;
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
    JsServer js_server;
    std::vector<double> raw, ours, ours_to_js, js_to_ours, js_js;
    for (int r = 0; r < o.runs; ++r) {
        raw.push_back(raw_chacha_mbps());
        ours.push_back(client.upload(server.addr(), o.bytes));
        ours_to_js.push_back(client.upload(js_server.addr, o.bytes));
        js_to_ours.push_back(js_upload(server.addr(), o.bytes));
        js_js.push_back(js_upload(js_server.addr, o.bytes));
        std::printf("  run %d: raw %.0f, ours↔ours %.0f, ours→js %.0f, js→ours %.0f, js↔js %.0f MB/s\n",
                    r + 1, raw.back(), ours.back(), ours_to_js.back(), js_to_ours.back(), js_js.back());
        std::fflush(stdout);
    }
    std::printf("raw ChaCha20-Poly1305 (OpenSSL, 16 KiB, one core): %8.0f MB/s\n", median(raw));
    std::printf("ours ↔ ours:                                       %8.0f MB/s\n", median(ours));
    std::printf("ours → js:                                         %8.0f MB/s\n", median(ours_to_js));
    std::printf("js → ours:                                         %8.0f MB/s\n", median(js_to_ours));
    std::printf("js ↔ js (anchor):                                  %8.0f MB/s\n", median(js_js));

    const double handshakes = client.handshakes(server.addr(), o.handshakes);
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
        "ratio: ours↔ours / js↔js throughput = %.1fx (goal >= 5x); ours↔ours / raw ChaCha20-Poly1305 = %.2f "
        "(goal >= 0.60); idle memory js / ours = %.1fx\n",
        median(ours) / median(js_js), median(ours) / median(raw), ours_idle > 0 ? js_idle / ours_idle : 0.0);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_p2p: %s\n", e.what());
    return 1;
}
