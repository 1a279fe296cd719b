// `kitsunet pubsub sub|pub` and `kitsunet node` as a user runs them, against js-libp2p gossipsub
// peers (test/js/pubsub_peer.mjs): messages in both directions, JSON output, relaying, and clear
// errors for bad input. Skips where test/js has no node_modules.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/testing/child_process.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using kitsunet::testing::ChildProcess;
using namespace std::chrono_literals;

const std::string kBin = std::string(KITSUNET_BIN_DIR) + "/kitsunet";

fs::path temp_file(const std::string& name) {
    return fs::temp_directory_path() / ("kitsunet_pubsub_cli_" + std::to_string(::getpid()) + "_" + name);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A js-libp2p gossipsub peer.
struct JsPeer {
    std::unique_ptr<ChildProcess> process;
    std::string addr;
    std::string id;

    static std::optional<JsPeer> start(std::vector<std::string> args) {
        auto argv = kitsunet::testing::node_command("pubsub_peer.mjs", std::move(args));
        if (!argv) return std::nullopt;
        JsPeer p;
        p.process = std::make_unique<ChildProcess>(std::move(*argv));
        const auto ready = json::parse(p.process->wait_for_line("\"ready\"", 60s)).as_object();
        p.addr = std::string(ready.at("addrs").as_array().at(0).as_string());
        p.id = std::string(ready.at("peerId").as_string());
        return p;
    }
    void send(const json::object& o) { process->write_line(json::serialize(o)); }
    /// Asks for the topic's subscribers until `n` of them are in the peer's mesh too (or 20 s
    /// pass): a message published before gossipsub grafts a new subscriber may miss it.
    bool wait_mesh(const std::string& topic, std::size_t n) {
        for (int i = 0; i < 100; ++i) {
            send({{"cmd", "info"}, {"topic", topic}});
            const auto info = json::parse(process->wait_for_line("\"info\"", 10s)).as_object();
            if (info.at("subscribers").as_array().size() >= n && info.at("mesh").as_array().size() >= n)
                return true;
            std::this_thread::sleep_for(200ms);
        }
        return false;
    }
    /// Waits for a message event with `data`; returns it.
    json::object wait_message(const std::string& data) {
        const std::string hex = kitsunet::to_hex(kitsunet::as_bytes(data));
        return json::parse(process->wait_for_line("\"data\":\"" + hex + "\"", 20s)).as_object();
    }
};

ChildProcess::Options stderr_to(const fs::path& p) {
    ChildProcess::Options o;
    o.stderr_file = p;
    return o;
}

struct Exit {
    int code{-1};
    std::string err;
};

/// Runs `kitsunet ARGS` to its end (at most 30 s).
Exit run_kitsunet(std::vector<std::string> args) {
    args.insert(args.begin(), kBin);
    const auto err = temp_file("err");
    ChildProcess p(std::move(args), stderr_to(err));
    const auto status = p.wait(30s);
    EXPECT_TRUE(status && WIFEXITED(*status)) << "did not exit cleanly";
    return {status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1, slurp(err)};
}

#define START_JS(var, ...)                                         \
    auto var##_opt = JsPeer::start(__VA_ARGS__);                   \
    if (!var##_opt) GTEST_SKIP() << "test/js has no node_modules"; \
    JsPeer& var = *var##_opt

TEST(PubsubCli, SubAndPubExchangeMessagesWithAJsGossipsubPeer) {
    START_JS(js, {"--topic", "cli"});
    ChildProcess sub({kBin, "pubsub", "sub", "cli", "--bootstrap", js.addr}, stderr_to(temp_file("sub")));
    ASSERT_TRUE(js.wait_mesh("cli", 1));
    // js → kitsunet
    js.send({{"cmd", "publish"},
             {"topic", "cli"},
             {"data", kitsunet::to_hex(kitsunet::as_bytes("hello from js"))}});
    EXPECT_EQ(sub.wait_for_line("hello from js", 20s), "hello from js");
    // kitsunet → js (and on through js to our subscriber)
    const auto pub = run_kitsunet({"pubsub", "pub", "cli", "hello from kitsunet", "--bootstrap", js.addr});
    EXPECT_EQ(pub.code, 0) << pub.err;
    const auto m = js.wait_message("hello from kitsunet");
    EXPECT_EQ(m.at("topic").as_string(), "cli");
    EXPECT_EQ(m.at("seqno").as_string().size(), 16u);
    EXPECT_EQ(sub.wait_for_line("hello from kitsunet", 20s), "hello from kitsunet");
    sub.signal(SIGTERM);
    const auto status = sub.wait(10s);
    ASSERT_TRUE(status && WIFEXITED(*status));
    EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST(PubsubCli, SubPrintsJson) {
    START_JS(js, {"--topic", "cli-json"});
    ChildProcess sub({kBin, "pubsub", "sub", "cli-json", "--json", "--bootstrap", js.addr},
                     stderr_to(temp_file("sub_json")));
    ASSERT_TRUE(js.wait_mesh("cli-json", 1));
    js.send({{"cmd", "publish"}, {"topic", "cli-json"}, {"data", "00ff"}});
    js.send(
        {{"cmd", "publish"}, {"topic", "cli-json"}, {"data", kitsunet::to_hex(kitsunet::as_bytes("text"))}});
    const auto binary = json::parse(sub.wait_for_line("cli-json", 20s)).as_object();
    EXPECT_EQ(binary.at("from").as_string(), js.id);
    EXPECT_EQ(binary.at("topic").as_string(), "cli-json");
    EXPECT_EQ(binary.at("data").as_string(), "00ff");
    EXPECT_EQ(binary.at("data_encoding").as_string(), "hex");
    EXPECT_EQ(binary.at("seqno").as_string().size(), 16u);
    const auto text = json::parse(sub.wait_for_line("cli-json", 20s)).as_object();
    EXPECT_EQ(text.at("data").as_string(), "text");
    EXPECT_FALSE(text.contains("data_encoding"));
}

TEST(PubsubCli, NodeRelaysBetweenPeersThatDoNotKnowEachOther) {
    START_JS(a, {"--topic", "relay"});
    START_JS(b, {"--topic", "relay"});
    ChildProcess node({kBin, "node", "--listen", "/ip4/127.0.0.1/tcp/0", "--topic", "relay", "--bootstrap",
                       a.addr, "--bootstrap", b.addr},
                      stderr_to(temp_file("node")));
    ASSERT_TRUE(a.wait_mesh("relay", 1));
    ASSERT_TRUE(b.wait_mesh("relay", 1));
    a.send({{"cmd", "publish"},
            {"topic", "relay"},
            {"data", kitsunet::to_hex(kitsunet::as_bytes("through the node"))}});
    const auto m = b.wait_message("through the node");
    EXPECT_EQ(m.at("from").as_string(), a.id);
}

TEST(PubsubCli, ClearErrors) {
    auto r = run_kitsunet({"pubsub", "pub", "t", "x"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--bootstrap"), std::string::npos) << r.err;
    r = run_kitsunet({"pubsub", "sub", "t", "--bootstrap", "/ip4/1.2.3"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("invalid bootstrap address '/ip4/1.2.3'"), std::string::npos) << r.err;
    r = run_kitsunet({"pubsub", "sub", "t", "--router", "carrier-pigeon"});
    EXPECT_EQ(r.code, 2) << r.err;
    // Nobody listens there.
    r = run_kitsunet({"pubsub", "pub", "t", "x", "--bootstrap",
                      "/ip4/127.0.0.1/tcp/1/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("kitsunet: error: no bootstrap peer could be reached"), std::string::npos) << r.err;
}

TEST(PubsubCli, PubFailsWhenNoOneSubscribes) {
    START_JS(js, {});
    const auto r = run_kitsunet({"pubsub", "pub", "lonely", "x", "--bootstrap", js.addr, "--timeout", "1"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("kitsunet: error: no peer subscribed to 'lonely' within 1 s"), std::string::npos)
        << r.err;
}

}  // namespace
