// `kitsunet node`: runs a node (a libp2p host with identify, ping and perf) until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/logging.hpp"
#include "kitsunet/app/p2p_cli.hpp"
#include "kitsunet/node/node.hpp"
#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::app {
namespace {

namespace asio = boost::asio;

struct NodeOptions {
    std::vector<std::string> listen{"/ip4/0.0.0.0/tcp/0"};
    std::string key;
    std::string log_level = "info";
};

p2p::Task<void> serve_until_signal(node::Node& n, asio::signal_set& signals) {
    const int signal = co_await signals.async_wait(asio::use_awaitable);
    spdlog::info("{}: stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
    co_await n.stop();
}

void run_node(const NodeOptions& o) {
    configure_logging(o.log_level);
    node::NodeConfig config;
    config.host.identity = load_or_generate_identity(o.key);
    config.host.listen.clear();
    for (const auto& text : o.listen) config.host.listen.push_back(parse_multiaddr(text, "--listen address"));
    asio::io_context io;
    node::Node n(io.get_executor(), std::move(config));
    asio::signal_set signals(io, SIGINT, SIGTERM);
    try {
        n.start();
    } catch (const boost::system::system_error& e) {
        throw CommandError{1, std::string("cannot listen: ") + p2p::error_text(e)};
    }
    for (const auto& addr : n.listen_addrs()) std::printf("%s\n", addr.to_string().c_str());
    std::fflush(stdout);
    run_to_end(io, serve_until_signal(n, signals));
}

}  // namespace

void add_node_command(CLI::App& root) {
    auto options = std::make_shared<NodeOptions>();
    auto* cmd = root.add_subcommand(
        "node", "Run a kitsunet node (a libp2p host: TCP, Noise, Yamux or mplex, identify, ping, perf)");
    cmd->footer(
        "As soon as it listens, the node prints each listen address as /ip4/.../tcp/N/p2p/<id> on stdout,\n"
        "one per line (port 0 picks a free port; 0.0.0.0 stands for every interface). Logs go to stderr.\n"
        "SIGINT or SIGTERM stops it cleanly.");
    cmd->add_option("--listen", options->listen, "Multiaddrs to listen on (/ip4|ip6/<address>/tcp/<port>)")
        ->capture_default_str();
    cmd->add_option("--key", options->key,
                    "Private key file (kitsunet keygen); default: a new identity each run");
    cmd->add_option("--log-level", options->log_level, "trace, debug, info, warn, error, off")
        ->capture_default_str();
    cmd->callback([options] { run_node(*options); });
}

}  // namespace kitsunet::app
