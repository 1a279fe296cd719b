// `kitsunet node` and `kitsunet ping` as a user runs them, against js-libp2p peers
// (test/js/p2p_peer.mjs): our ping reaches js, js dials and pings our node, signals stop the
// node cleanly, bad input gives an exit code and a one-line reason.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <boost/json/object.hpp>

#include "kitsunet/p2p/host/js_peer.hpp"
#include "kitsunet/testing/child_process.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace {

using namespace std::chrono_literals;
using kitsunet::p2p::testing::JsPeer;
using kitsunet::testing::ChildProcess;
namespace fs = std::filesystem;

std::string kitsunet_bin() { return std::string(KITSUNET_BIN_DIR) + "/kitsunet"; }

fs::path stderr_file(const std::string& name) {
    return fs::temp_directory_path() / ("kitsunet_p2p_cli_" + std::to_string(::getpid()) + "_" + name);
}

ChildProcess::Options stderr_to(const fs::path& file) {
    ChildProcess::Options options;
    options.stderr_file = file;
    return options;
}

struct Finished {
    int exit_code{-1};
    std::vector<std::string> lines;
    std::string err;
};

// Runs kitsunet with `args` to its end (at most 30 s).
Finished run(std::vector<std::string> args) {
    args.insert(args.begin(), kitsunet_bin());
    const auto err = stderr_file("run");
    ChildProcess child(std::move(args), stderr_to(err));
    Finished out;
    while (auto line = child.read_line(30s)) out.lines.push_back(*line);
    const auto status = child.wait(30s);
    EXPECT_TRUE(status && WIFEXITED(*status)) << "kitsunet did not exit normally";
    if (status && WIFEXITED(*status)) out.exit_code = WEXITSTATUS(*status);
    out.err = kitsunet::testing::read_file(err);
    fs::remove(err);
    return out;
}

TEST(P2pCli, PingReachesAJsPeer) {
    if (!JsPeer::available()) GTEST_SKIP() << "test/js/node_modules is absent";
    JsPeer js;
    const auto r = run({"ping", js.addr().to_string(), "--count", "3"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(r.lines.size(), 3u) << r.err;
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(r.lines[static_cast<std::size_t>(i)].starts_with(
            js.id().to_string() + ": seq=" + std::to_string(i + 1) + " time="))
            << r.lines[static_cast<std::size_t>(i)];
        EXPECT_TRUE(r.lines[static_cast<std::size_t>(i)].ends_with(" ms"));
    }
}

TEST(P2pCli, AJsPeerDialsAndPingsOurNodeThenSignalsStopIt) {
    if (!JsPeer::available()) GTEST_SKIP() << "test/js/node_modules is absent";
    const auto err = stderr_file("node");
    ChildProcess node({kitsunet_bin(), "node", "--listen", "/ip4/127.0.0.1/tcp/0"}, stderr_to(err));
    const auto addr = node.wait_for_line("/p2p/", 20s);
    EXPECT_TRUE(addr.starts_with("/ip4/127.0.0.1/tcp/")) << addr;
    EXPECT_EQ(addr.find("/tcp/0/"), std::string::npos) << "the real port must be printed: " << addr;
    JsPeer js;
    const auto dialed = js.command({{"cmd", "dial"}, {"addr", addr}}, "dialed");
    const auto id = std::string(dialed.at("peer").as_string());
    EXPECT_TRUE(addr.ends_with("/p2p/" + id));
    const auto pings = js.command({{"cmd", "ping"}, {"peer", id}, {"count", 3}}, "ping");
    EXPECT_EQ(pings.at("rtts").as_array().size(), 3u);
    const auto info = js.command({{"cmd", "peer"}, {"peer", id}}, "peer");  // identify works too
    EXPECT_EQ(info.at("agent").as_string(), "kitsunet/0.1.0");

    node.signal(SIGTERM);
    const auto status = node.wait(10s);
    ASSERT_TRUE(status.has_value()) << "the node did not stop within 10 s of SIGTERM";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0);
    const auto log = kitsunet::testing::read_file(err);
    EXPECT_NE(log.find("SIGTERM: stopping"), std::string::npos) << log;
    fs::remove(err);
}

TEST(P2pCli, NodeStopsOnSigintAndListensOnEveryInterface) {
    const auto err = stderr_file("node_any");
    ChildProcess node({kitsunet_bin(), "node", "--listen", "/ip4/0.0.0.0/tcp/0", "--log-level", "warn"},
                      stderr_to(err));
    const auto first = node.wait_for_line("/p2p/", 20s);
    EXPECT_TRUE(first.starts_with("/ip4/127.0.0.1/tcp/")) << "loopback comes first: " << first;
    node.signal(SIGINT);
    const auto status = node.wait(10s);
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0);
    fs::remove(err);
}

TEST(P2pCli, BadInputGivesAnExitCodeAndOneLine) {
    const auto unreachable = run({"ping", "/ip4/127.0.0.1/tcp/1", "--count", "1"});
    EXPECT_EQ(unreachable.exit_code, 1);
    EXPECT_TRUE(unreachable.err.starts_with("kitsunet: error: ping /ip4/127.0.0.1/tcp/1: "))
        << unreachable.err;
    EXPECT_NE(unreachable.err.find("refused"), std::string::npos) << unreachable.err;
    EXPECT_EQ(std::count(unreachable.err.begin(), unreachable.err.end(), '\n'), 1) << unreachable.err;

    const auto bad_addr = run({"ping", "/ip4/999.0.0.1/tcp/1"});
    EXPECT_EQ(bad_addr.exit_code, 2);
    EXPECT_NE(bad_addr.err.find("invalid address"), std::string::npos) << bad_addr.err;

    const auto bad_listen = run({"node", "--listen", "/dns4/example.com/tcp/1"});
    EXPECT_EQ(bad_listen.exit_code, 1);
    EXPECT_NE(bad_listen.err.find("cannot listen"), std::string::npos) << bad_listen.err;

    const auto no_count = run({"ping", "/ip4/127.0.0.1/tcp/1", "--count", "0"});
    EXPECT_EQ(no_count.exit_code, 2);
}

}  // namespace
