// `kitsunet ping`: dials a libp2p peer and pings it (/ipfs/ping/1.0.0), one line per round trip.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>

#include <boost/asio/io_context.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/logging.hpp"
#include "kitsunet/app/p2p_cli.hpp"
#include "kitsunet/p2p/host/host.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::app {
namespace {

namespace asio = boost::asio;

struct PingOptions {
    std::string addr;
    int count = 4;
    double timeout_s = 10;
    std::string key;
};

p2p::Task<void> ping_peer(p2p::Host& host, const PingOptions& o, p2p::Multiaddr target) {
    const auto limit = std::chrono::duration_cast<p2p::Duration>(std::chrono::duration<double>(o.timeout_s));
    std::string failure;
    try {
        auto connection = co_await p2p::with_timeout(host.dial(target), limit);
        for (int i = 1; i <= o.count; ++i) {
            const auto rtt = co_await p2p::with_timeout(host.ping(connection->peer()), limit);
            std::printf("%s: seq=%d time=%.3f ms\n", connection->peer().to_string().c_str(), i,
                        std::chrono::duration<double, std::milli>(rtt).count());
            std::fflush(stdout);
        }
    } catch (const boost::system::system_error& e) {
        failure = e.code() == asio::error::timed_out ? "timed out" : p2p::error_text(e);
    }
    co_await host.stop();
    if (!failure.empty()) throw CommandError{1, "ping " + target.to_string() + ": " + failure};
}

void run_ping(const PingOptions& o) {
    configure_logging("warn");
    if (o.count < 1) throw CommandError{2, "--count must be at least 1"};
    if (!(o.timeout_s > 0)) throw CommandError{2, "--timeout must be positive"};
    const auto target = parse_multiaddr(o.addr, "address");
    p2p::HostConfig config;
    config.identity = load_or_generate_identity(o.key);
    asio::io_context io;
    p2p::Host host(io.get_executor(), std::move(config));
    run_to_end(io, ping_peer(host, o, target));
}

}  // namespace

void add_ping_command(CLI::App& root) {
    auto options = std::make_shared<PingOptions>();
    auto* cmd =
        root.add_subcommand("ping", "Ping a libp2p peer (/ipfs/ping/1.0.0) and print each round-trip time");
    cmd->footer("Exits 0 when every ping succeeds; otherwise 1 with the reason on stderr.");
    cmd->add_option("address", options->addr,
                    "The peer's multiaddr, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...")
        ->required();
    cmd->add_option("--count,-c", options->count, "Number of pings")->capture_default_str();
    cmd->add_option("--timeout", options->timeout_s, "Seconds allowed for the dial and for each ping")
        ->capture_default_str();
    cmd->add_option("--key", options->key, "Private key file; default: a new identity");
    cmd->callback([options] { run_ping(*options); });
}

}  // namespace kitsunet::app
