#include "kitsunet/app/pubsub_session.hpp"

#include <CLI/CLI.hpp>

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
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
#include "kitsunet/app/key_file.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::app {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using p2p::Task;

namespace {

constexpr auto kBootstrapTimeout = std::chrono::seconds(10);

std::vector<p2p::Multiaddr> parse_addrs(const std::vector<std::string>& texts, const char* what) {
    std::vector<p2p::Multiaddr> out;
    for (const auto& t : texts) {
        auto a = p2p::Multiaddr::from_string(t);
        if (!a)
            throw CommandError{2, std::string("bad ") + what + " address '" + t +
                                      "': " + std::string(p2p::describe(a.error()))};
        out.push_back(std::move(*a));
    }
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

void log_to_stderr() {
    static const bool kDone = [] {
        spdlog::set_default_logger(spdlog::stderr_color_mt("kitsunet"));
        spdlog::set_pattern("%^[%l]%$ %v");
        spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug for more
        return true;
    }();
    (void)kDone;
}

/// Dials every bootstrap peer; returns how many answered.
Task<std::size_t> dial_bootstrap(p2p::Host& host, const std::vector<p2p::Multiaddr>& peers) {
    std::size_t reached = 0;
    for (const auto& addr : peers) {
        try {
            co_await p2p::with_timeout(host.dial(addr), kBootstrapTimeout);
            ++reached;
        } catch (const std::exception& e) {
            spdlog::warn("bootstrap {}: {}", addr.to_string(), e.what());
        }
    }
    co_return reached;
}

/// The body's exit code, or its exception as an outcome: `||` waits for a *successful* branch,
/// so a failure must end the race too.
struct BodyOutcome {
    int code{0};
    std::exception_ptr error;
};
Task<BodyOutcome> run_body(const SessionBody& body, p2p::Host& host, p2p::pubsub::PubSub& pubsub) {
    try {
        co_return BodyOutcome{co_await body(host, pubsub), nullptr};
    } catch (...) {
        co_return BodyOutcome{1, std::current_exception()};
    }
}

Task<void> wait_for_signal() {
    asio::signal_set signals(co_await asio::this_coro::executor, SIGINT, SIGTERM);
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
    log_to_stderr();
    p2p::pubsub::keep_large_buffers_on_heap();
    p2p::HostConfig host_config;
    host_config.listen = parse_addrs(o.listen, "listen");
    host_config.muxers = {"/yamux/1.0.0"};  // what every js-libp2p and go-libp2p peer speaks
    const auto bootstrap = parse_addrs(o.bootstrap, "bootstrap");
    if (!o.key.empty()) host_config.identity = load_private_key(o.key);
    const auto config = pubsub_config(o);

    asio::io_context io;
    p2p::Host host(io.get_executor(), std::move(host_config));
    p2p::pubsub::PubSub pubsub(host, config);
    int exit_code = 0;
    std::exception_ptr failure;
    const auto session = [&]() -> Task<void> {
        try {
            host.listen();
            for (const auto& a : host.listen_addrs())
                std::fprintf(stderr, "kitsunet: listening on %s\n",
                             p2p::with_peer_id(a, host.id()).to_string().c_str());
            pubsub.start();
            const auto reached = co_await dial_bootstrap(host, bootstrap);
            if (require_bootstrap && !bootstrap.empty() && reached == 0)
                throw CommandError{1, "no bootstrap peer could be reached"};
            auto outcome = co_await (run_body(body, host, pubsub) || wait_for_signal());
            if (outcome.index() == 0) {
                const auto& result = std::get<0>(outcome);
                if (result.error) std::rethrow_exception(result.error);
                exit_code = result.code;
            }
        } catch (...) {
            failure = std::current_exception();
        }
        co_await pubsub.stop();
        co_await host.stop();
    };
    asio::co_spawn(io, session(), [&](std::exception_ptr e) {
        if (e) failure = e;
    });
    io.run();
    if (failure) std::rethrow_exception(failure);
    return exit_code;
}

}  // namespace kitsunet::app
