#include "kitsunet/p2p/pubsub/testing_nodes.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"

namespace kitsunet::p2p::pubsub::testing {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

HostConfig host_config() {
    HostConfig c;
    c.listen = {*Multiaddr::from_string("/ip4/127.0.0.1/tcp/0")};
    c.muxers = {"/yamux/1.0.0"};
    c.limits.close_timeout = 200ms;
    return c;
}

std::string text(const Delivery& d) {
    const auto& data = d.message->data;
    return data ? std::string(data->begin(), data->end()) : std::string();
}

Task<void> collect(Subscription& sub, std::vector<Delivery>& out) {
    while (auto d = co_await sub.next()) out.push_back(std::move(*d));
}

}  // namespace

OurNode::OurNode(boost::asio::io_context& io, PubSubConfig config)
    : host(io.get_executor(), host_config()), pubsub(host, std::move(config)) {
    host.listen();
    pubsub.start();
}

Multiaddr OurNode::addr() const { return with_peer_id(host.listen_addrs().front(), host.id()); }

std::size_t OurNode::count(const TopicId& topic, std::string_view data) const {
    const auto it = received.find(topic);
    if (it == received.end()) return 0;
    return static_cast<std::size_t>(
        std::ranges::count_if(it->second, [&](const Delivery& d) { return text(d) == data; }));
}

JsPeer::JsPeer(std::vector<std::string> argv) : process(std::move(argv)) {
    const auto ready = json::parse(process.wait_for_line("\"ready\"", 60s)).as_object();
    peer_id = std::string(ready.at("peerId").as_string());
    addr = std::string(ready.at("addrs").as_array().at(0).as_string());
}

void JsPeer::poll() {
    static const bool kTrace = std::getenv("KITSUNET_TRACE_JS") != nullptr;
    // (2 ms, not 0: ChildProcess::read_line looks at the pipe only with a timeout of 1 ms or more
    // left after its own bookkeeping.)
    while (auto line = process.read_line(2ms)) {
        if (kTrace)
            std::fprintf(stderr, "js %s: %s\n", peer_id.substr(peer_id.size() - 6).c_str(), line->c_str());
        json::value v;
        try {
            v = json::parse(*line);
        } catch (const std::exception&) {
            continue;
        }
        if (!v.is_object()) continue;
        if (v.as_object().at("event").as_string() == "message") {
            messages.push_back(std::move(v));
        } else {
            events.push_back(std::move(v));
        }
    }
}

void JsPeer::send(const json::value& command) { process.write_line(json::serialize(command)); }

std::size_t JsPeer::count(const TopicId& topic, std::string_view data) const {
    const std::string want = to_hex(as_bytes(data));
    return static_cast<std::size_t>(std::ranges::count_if(messages, [&](const json::value& m) {
        const auto& o = m.as_object();
        return o.at("topic").as_string() == topic && o.at("data").as_string() == want;
    }));
}

Network::Network() : tasks_(io.get_executor()) {}

Network::~Network() {
    run(
        [](Network& n) -> Task<void> {
            for (auto& node : n.ours) co_await node->pubsub.stop();
            co_await n.tasks_.join();
            for (auto& node : n.ours) co_await node->host.stop();
        }(*this),
        30s);
    for (auto& peer : js) {
        try {
            peer->send(json::object{{"cmd", "quit"}});
        } catch (const std::exception&) {
        }
    }
}

OurNode& Network::add_ours(PubSubConfig config) {
    ours.push_back(std::make_unique<OurNode>(io, std::move(config)));
    return *ours.back();
}

JsPeer* Network::add_js(const std::string& router, std::vector<std::string> extra_args) {
    std::vector<std::string> args{"--router", router};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    auto argv = kitsunet::testing::node_command("pubsub_peer.mjs", args);
    if (!argv) return nullptr;
    js.push_back(std::make_unique<JsPeer>(std::move(*argv)));
    return js.back().get();
}

std::vector<OurNode*> Network::add_subscribed_line(std::size_t count, const PubSubConfig& config,
                                                   const TopicId& topic) {
    std::vector<OurNode*> line;
    for (std::size_t i = 0; i < count; ++i) line.push_back(&add_ours(config));
    for (std::size_t i = 0; i + 1 < line.size(); ++i) connect(*line[i], *line[i + 1]);
    for (auto* n : line) subscribe(*n, topic);
    return line;
}

void Network::subscribe(OurNode& node, const TopicId& topic) {
    node.subscriptions.push_back(node.pubsub.subscribe(topic));
    tasks_.spawn(collect(node.subscriptions.back(), node.received[topic]), "collect");
}

void Network::subscribe(JsPeer& peer, const TopicId& topic) {
    peer.send(json::object{{"cmd", "subscribe"}, {"topic", topic}});
}

void Network::connect(OurNode& from, OurNode& to) {
    run([](Host& h, Multiaddr a) -> Task<void> { co_await h.dial(a); }(from.host, to.addr()));
}

void Network::connect(OurNode& from, JsPeer& to) {
    run([](Host& h, Multiaddr a) -> Task<void> { co_await h.dial(a); }(from.host,
                                                                       *Multiaddr::from_string(to.addr)));
}

void Network::connect(JsPeer& from, OurNode& to) {
    from.send(json::object{{"cmd", "dial"}, {"addr", to.addr().to_string()}});
    const std::size_t before = from.events.size();
    if (!run_until([&] { return from.events.size() > before; }, 20s))
        throw std::runtime_error("js dial timed out");
}

void Network::connect(JsPeer& from, JsPeer& to) {
    from.send(json::object{{"cmd", "dial"}, {"addr", to.addr}});
    const std::size_t before = from.events.size();
    if (!run_until([&] { return from.events.size() > before; }, 20s))
        throw std::runtime_error("js dial timed out");
}

bool Network::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        io.restart();
        io.run_for(5ms);
        for (auto& peer : js) peer->poll();
    }
    return true;
}

void Network::run_for(std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    run_until([&] { return std::chrono::steady_clock::now() >= until; }, d + 1s);
}

void Network::run(Task<void> task, std::chrono::milliseconds timeout) {
    p2p::testing::Outcome outcome;
    p2p::testing::spawn(io, std::move(task), outcome);
    if (!run_until([&] { return outcome.done; }, timeout)) throw std::runtime_error("task timed out");
    if (outcome.error) std::rethrow_exception(outcome.error);
}

json::object Network::info(JsPeer& peer, const TopicId& topic) {
    const std::size_t before = peer.events.size();
    peer.send(json::object{{"cmd", "info"}, {"topic", topic}});
    const auto found = [&]() -> const json::object* {
        for (std::size_t i = before; i < peer.events.size(); ++i) {
            if (peer.events[i].as_object().at("event").as_string() == "info")
                return &peer.events[i].as_object();
        }
        return nullptr;
    };
    if (!run_until([&] { return found() != nullptr; }, 10s)) throw std::runtime_error("js info timed out");
    return *found();
}

}  // namespace kitsunet::p2p::pubsub::testing
