#pragma once
/// What the network commands share (`node`, `pubsub sub`, `pubsub pub`): options for the node
/// (listen addresses, bootstrap peers, identity key, pubsub router, log level) and a runner that
/// starts a node::Node, dials the bootstrap peers, runs the command's coroutine until it returns
/// or SIGINT/SIGTERM arrives, and then stops everything cleanly.
/// Logs go to stderr (spdlog); stdout is the command's own output.
#include <functional>
#include <string>
#include <vector>

#include "kitsunet/node/node.hpp"

namespace CLI {
class App;
}

namespace kitsunet::app {

struct PubSubSessionOptions {
    std::vector<std::string> listen;
    std::vector<std::string> bootstrap;
    std::string key;  // a key file; empty: a fresh identity
    std::string router = "gossipsub";
    std::size_t max_message_size = 1 << 20;
    std::string log_level = "info";
    /// `kitsunet node` prints its listen addresses on stdout (for scripts); the pubsub commands
    /// keep stdout for messages and log them instead.
    bool print_addresses = false;
};

/// Adds --listen, --bootstrap, --key, --max-message-size, --log-level and (if `with_router`) --router.
void add_session_options(CLI::App& cmd, PubSubSessionOptions& o, const std::string& default_listen,
                         bool with_router);

/// The command body: runs with the started node; returns the exit code.
using SessionBody = std::function<p2p::Task<int>(node::Node& node)>;

/// Runs `body` in a session; returns its exit code (0 when a signal ended it). Bad options are
/// CommandError 2; a listen address that cannot be bound is CommandError 1; a bootstrap peer that
/// cannot be reached is CommandError 1 when `require_bootstrap`, else a warning.
int run_pubsub_session(const PubSubSessionOptions& o, bool require_bootstrap, const SessionBody& body);

}  // namespace kitsunet::app
