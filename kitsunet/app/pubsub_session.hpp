#pragma once
/// What the network commands share (`pubsub sub`, `pubsub pub`, `node`): options for the host
/// (listen addresses, bootstrap peers, identity key) and the pubsub router, and a runner that
/// starts a host and a pubsub service, dials the bootstrap peers, runs the command's coroutine
/// until it returns or SIGINT/SIGTERM arrives, and then stops everything cleanly.
/// Logs go to stderr (spdlog); stdout is the command's own output.
#include <functional>
#include <string>
#include <vector>

#include "kitsunet/p2p/pubsub/service.hpp"

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
};

/// Adds --listen, --bootstrap, --key, --max-message-size and (if `with_router`) --router.
void add_session_options(CLI::App& cmd, PubSubSessionOptions& o, const std::string& default_listen,
                         bool with_router);

/// The command body: runs with the started service; returns the exit code.
using SessionBody = std::function<p2p::Task<int>(p2p::Host& host, p2p::pubsub::PubSub& pubsub)>;

/// Runs `body` in a session; returns its exit code (0 when a signal ended it). Bad options are
/// CommandError 2; a bootstrap peer that cannot be reached is CommandError 1 when
/// `require_bootstrap`, else a warning.
int run_pubsub_session(const PubSubSessionOptions& o, bool require_bootstrap, const SessionBody& body);

}  // namespace kitsunet::app
