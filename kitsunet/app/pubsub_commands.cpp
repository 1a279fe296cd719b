// `kitsunet pubsub sub|pub`: pubsub from the command line (floodsub,
// gossipsub, kitsunet multicast), interoperable with go-libp2p and js-libp2p peers.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/pubsub_session.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/pubsub/protobuf_wire.hpp"

namespace kitsunet::app {
namespace {

using p2p::Task;
using p2p::pubsub::Delivery;

struct SubOptions {
    PubSubSessionOptions session;
    std::string topic;
    bool json = false;
};

struct PubOptions {
    PubSubSessionOptions session;
    std::string topic;
    std::string data;
    double timeout_s = 10;
    int hops = p2p::pubsub::MulticastRouter::kUnlimitedHops;
};

void print(const Delivery& d, bool json) {
    const Bytes& data = d.message->data ? *d.message->data : Bytes{};
    if (!json) {
        std::fwrite(data.data(), 1, data.size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
        return;
    }
    boost::json::object o;
    const auto from =
        d.message->from ? p2p::PeerId::from_bytes(*d.message->from) : std::unexpected(p2p::CodecError{});
    o["from"] = from ? boost::json::value(from->to_string()) : boost::json::value(nullptr);
    o["seqno"] =
        d.message->seqno ? boost::json::value(to_hex(*d.message->seqno)) : boost::json::value(nullptr);
    o["topic"] = d.message->topic;
    // Text when the data is UTF-8 (the usual case), else hex with data_encoding saying so.
    if (p2p::pb::is_utf8(data)) {
        o["data"] = std::string(data.begin(), data.end());
    } else {
        o["data"] = to_hex(data);
        o["data_encoding"] = "hex";
    }
    std::printf("%s\n", boost::json::serialize(o).c_str());
    std::fflush(stdout);
}

int sub(const SubOptions& o) {
    return run_pubsub_session(o.session, false, [&o](node::Node& node) -> Task<int> {
        auto subscription = node.pubsub().subscribe(o.topic);
        while (auto d = co_await subscription.next()) print(*d, o.json);
        co_return 0;
    });
}

int pub(const PubOptions& o) {
    if (o.session.bootstrap.empty()) throw CommandError{2, "pub needs a peer: give --bootstrap MULTIADDR"};
    const auto timeout =
        std::chrono::duration_cast<p2p::Duration>(std::chrono::duration<double>(o.timeout_s));
    return run_pubsub_session(o.session, true, [&o, timeout](node::Node& node) -> Task<int> {
        auto& pubsub = node.pubsub();
        if (!co_await pubsub.wait_for_peers(o.topic, 1, timeout)) {
            throw CommandError{1, "no peer subscribed to '" + o.topic + "' within " +
                                      std::to_string(static_cast<int>(o.timeout_s)) + " s"};
        }
        const auto id = pubsub.publish(o.topic, Bytes(o.data.begin(), o.data.end()), o.hops);
        if (!id) {
            throw CommandError{1, id.error() == p2p::pubsub::PublishError::kTooLarge
                                      ? "message larger than --max-message-size"
                                      : "the message could not be published"};
        }
        if (!co_await pubsub.flush_writes(timeout))
            throw CommandError{1, "the message could not be sent in time"};
        co_return 0;
    });
}

}  // namespace

void add_pubsub_command(CLI::App& root) {
    auto* group = root.add_subcommand("pubsub", "Publish and subscribe on a libp2p pubsub network");
    group->require_subcommand(1);

    auto s = std::make_shared<SubOptions>();
    auto* sub_cmd = group->add_subcommand("sub", "Print the messages of a topic, one per line");
    sub_cmd->footer(
        "Joins TOPIC (after dialing the --bootstrap peers) and prints the data of each message that\n"
        "arrives, one line each; with --json, one object per line: {from, seqno, topic, data}\n"
        "(data as text, or as hex with \"data_encoding\": \"hex\" when it is not UTF-8).\n"
        "Runs until SIGINT or SIGTERM. Messages are checked (StrictSign) before they are printed.");
    sub_cmd->add_option("topic", s->topic, "topic to subscribe to")->required();
    add_session_options(*sub_cmd, s->session, "/ip4/127.0.0.1/tcp/0", true);
    sub_cmd->add_flag("--json", s->json, "one JSON object per message");
    sub_cmd->callback([s] {
        if (const int code = sub(*s); code != 0) throw CommandError{code, ""};
    });

    auto p = std::make_shared<PubOptions>();
    auto* pub_cmd = group->add_subcommand("pub", "Publish one message on a topic");
    pub_cmd->footer(
        "Dials the --bootstrap peers, waits until one of them (or a peer they lead to) subscribes\n"
        "to TOPIC, publishes DATA (signed, StrictSign) and exits 0 once it is sent. Fails (exit 1)\n"
        "with a clear error when no bootstrap peer answers or no subscriber shows up in --timeout.");
    pub_cmd->add_option("topic", p->topic, "topic to publish on")->required();
    pub_cmd->add_option("data", p->data, "message data (text)")->required();
    add_session_options(*pub_cmd, p->session, "/ip4/127.0.0.1/tcp/0", true);
    pub_cmd->add_option("--timeout", p->timeout_s, "seconds to wait for a subscriber")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    pub_cmd->add_option("--hops", p->hops, "multicast: hops the message may travel (-1: unlimited)")
        ->capture_default_str()
        ->check(CLI::Range(-1, 1 << 20));
    pub_cmd->callback([p] {
        if (const int code = pub(*p); code != 0) throw CommandError{code, ""};
    });
}

}  // namespace kitsunet::app
