// `kitsunet node` (run a node) and `kitsunet ping` (reach a libp2p peer): the p2p commands.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/key_file.hpp"
#include "kitsunet/app/logging.hpp"
#include "kitsunet/app/pubsub_session.hpp"
#include "kitsunet/node/node.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::app {
namespace {

namespace asio = boost::asio;

p2p::Multiaddr parse_addr(const std::string& text, const char* what) {
    auto addr = p2p::Multiaddr::from_string(text);
    if (!addr)
        throw CommandError{2, std::string("invalid ") + what + " '" + text +
                                  "': " + std::string(p2p::describe(addr.error()))};
    return *addr;
}

p2p::PrivateKey identity(const std::string& key_file) {
    if (!key_file.empty()) return load_private_key(key_file);
    return p2p::PrivateKey::generate();
}

// Runs `task` on `io` to its end; rethrows its exception.
void run_to_end(asio::io_context& io, p2p::Task<void> task) {
    std::exception_ptr error;
    asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
        error = e;
        io.stop();  // whatever is left (nothing, once the host has stopped) must not keep us here
    });
    io.run();
    if (error) std::rethrow_exception(error);
}

struct NodeOptions {
    PubSubSessionOptions session;
    std::vector<std::string> topics;
};

int run_node(const NodeOptions& o) {
    return run_pubsub_session(o.session, false, [&o](node::Node& n) -> p2p::Task<int> {
        for (const auto& topic : o.topics) n.pubsub().relay(topic);
        if (!o.topics.empty())
            spdlog::info("relaying {} topic(s) with {}", o.topics.size(),
                         p2p::pubsub::to_string(n.pubsub().kind()));
        // Until SIGINT or SIGTERM ends the session.
        co_await p2p::sleep_for(std::chrono::hours(24 * 365 * 100));
        co_return 0;
    });
}

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
    const auto target = parse_addr(o.addr, "address");
    p2p::HostConfig config;
    config.identity = identity(o.key);
    asio::io_context io;
    p2p::Host host(io.get_executor(), std::move(config));
    run_to_end(io, ping_peer(host, o, target));
}

}  // namespace

void add_node_command(CLI::App& root) {
    auto options = std::make_shared<NodeOptions>();
    options->session.print_addresses = true;
    auto* cmd = root.add_subcommand(
        "node", "Run a kitsunet node (a libp2p host: TCP, Noise, Yamux/mplex, identify, ping, perf, pubsub)");
    cmd->footer(
        "As soon as it listens, the node prints each listen address as /ip4/.../tcp/N/p2p/<id> on stdout,\n"
        "one per line (port 0 picks a free port; 0.0.0.0 stands for every interface). Logs go to stderr.\n"
        "It dials the --bootstrap peers and relays pubsub for every --topic (joining its mesh and\n"
        "forwarding its messages after checking them). SIGINT or SIGTERM stops it cleanly.");
    add_session_options(*cmd, options->session, "/ip4/0.0.0.0/tcp/0", true);
    cmd->add_option("--topic,-t", options->topics, "pubsub topic to relay (repeatable)");
    cmd->callback([options] {
        if (const int code = run_node(*options); code != 0) throw CommandError{code, ""};
    });
}

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
