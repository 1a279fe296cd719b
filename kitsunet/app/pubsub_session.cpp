#include "kitsunet/app/pubsub_session.hpp"

#include <CLI/CLI.hpp>

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdio>
#include <exception>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/logging.hpp"
#include "kitsunet/app/p2p_cli.hpp"
#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::app {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using p2p::Task;

namespace {

constexpr auto kBootstrapTimeout = std::chrono::seconds(10);

std::vector<p2p::Multiaddr> parse_addrs(const std::vector<std::string>& texts, const char* what) {
    std::vector<p2p::Multiaddr> out;
    for (const auto& t : texts) out.push_back(parse_multiaddr(t, what));
    return out;
}

p2p::pubsub::PubSubConfig pubsub_config(const PubSubSessionOptions& o) {
    const auto kind = p2p::pubsub::parse_router_kind(o.router);
    if (!kind) throw CommandError{2, "unknown router '" + o.router + "' (gossipsub, floodsub or multicast)"};
    p2p::pubsub::PubSubConfig c;
    c.router = *kind;
    c.common.max_message_size = o.max_message_size;
    return c;
}

/// The body's exit code, or its exception as an outcome: `||` waits for a *successful* branch,
/// so a failure must end the race too.
struct BodyOutcome {
    int code{0};
    std::exception_ptr error;
};
Task<BodyOutcome> run_body(const SessionBody& body, node::Node& node) {
    try {
        co_return BodyOutcome{co_await body(node), nullptr};
    } catch (...) {
        co_return BodyOutcome{1, std::current_exception()};
    }
}

Task<void> wait_for_signal(asio::signal_set& signals) {
    const int sig = co_await signals.async_wait(asio::use_awaitable);
    spdlog::info("{}: stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
}

}  // namespace

void add_session_options(CLI::App& cmd, PubSubSessionOptions& o, const std::string& default_listen,
                         bool with_router) {
    o.listen = {default_listen};
    cmd.add_option("--listen,-l", o.listen, "multiaddr to listen on (repeatable)")->capture_default_str();
    cmd.add_option("--bootstrap,-b", o.bootstrap, "multiaddr of a peer to dial, with /p2p/<id> (repeatable)");
    cmd.add_option("--key,-k", o.key,
                   "identity key file (as `kitsunet keygen --out` writes); default: a fresh one");
    cmd.add_option("--log-level", o.log_level, "trace, debug, info, warn, error, off")->capture_default_str();
    cmd.add_option("--max-message-size", o.max_message_size, "largest pubsub RPC accepted or sent, in bytes")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1024}, std::size_t{256} << 20));
    if (with_router) {
        cmd.add_option("--router,-r", o.router, "pubsub router")
            ->check(CLI::IsMember({"gossipsub", "floodsub", "multicast"}))
            ->capture_default_str();
    }
}

int run_pubsub_session(const PubSubSessionOptions& o, bool require_bootstrap, const SessionBody& body) {
    configure_logging(o.log_level);
    p2p::pubsub::keep_large_buffers_on_heap();
    node::NodeConfig config;
    config.host.listen = parse_addrs(o.listen, "listen address");
    config.bootstrap = parse_addrs(o.bootstrap, "bootstrap address");
    config.host.identity = load_or_generate_identity(o.key);
    config.pubsub = pubsub_config(o);
    config.bootstrap_timeout = kBootstrapTimeout;

    asio::io_context io;
    asio::signal_set signals(io, SIGINT, SIGTERM);  // from here on, a signal stops us cleanly
    node::Node node(io.get_executor(), std::move(config));
    try {
        node.start();
    } catch (const boost::system::system_error& e) {
        throw CommandError{1, std::string("cannot listen: ") + p2p::error_text(e)};
    }
    for (const auto& a : node.listen_addrs()) {
        if (o.print_addresses)
            std::printf("%s\n", a.to_string().c_str());
        else
            spdlog::info("listening on {}", a.to_string());
    }
    std::fflush(stdout);
    int exit_code = 0;
    std::exception_ptr failure;
    const auto session = [&]() -> Task<void> {
        try {
            const auto reached = co_await node.connect_bootstrap();
            if (require_bootstrap && !o.bootstrap.empty() && reached == 0)
                throw CommandError{1, "no bootstrap peer could be reached"};
            auto outcome = co_await (run_body(body, node) || wait_for_signal(signals));
            if (outcome.index() == 0) {
                const auto& result = std::get<0>(outcome);
                if (result.error) std::rethrow_exception(result.error);
                exit_code = result.code;
            }
        } catch (...) {
            failure = std::current_exception();
        }
        co_await node.stop();
    };
    asio::co_spawn(io, session(), [&](std::exception_ptr e) {
        if (e) failure = e;
    });
    io.run();
    if (failure) std::rethrow_exception(failure);
    return exit_code;
}

}  // namespace kitsunet::app
