// `kitsunet node`: runs a node (a libp2p host with identify, ping and perf, and pubsub relaying
// the topics it is given) until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/pubsub_session.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::app {
namespace {

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

}  // namespace

void add_node_command(CLI::App& root) {
    auto options = std::make_shared<NodeOptions>();
    options->session.print_addresses = true;
    auto* cmd = root.add_subcommand(
        "node",
        "Run a kitsunet node (a libp2p host: TCP, Noise, Yamux or mplex, identify, ping, perf, pubsub)");
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

}  // namespace kitsunet::app
