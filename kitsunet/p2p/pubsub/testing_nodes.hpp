#pragma once
/// Test support: our pubsub nodes (a Host and a PubSub on loopback) and js-libp2p pubsub peers
/// (test/js/pubsub_peer.mjs under Node) in one test, on one io_context in the test's thread.
/// Network::run_until() runs the io_context in short slices and reads the js peers' output
/// between them, so that a test waits for events, never sleeps.
#include <boost/asio/io_context.hpp>
#include <boost/json/value.hpp>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kitsunet/p2p/net/task_group.hpp"
#include "kitsunet/p2p/pubsub/service.hpp"
#include "kitsunet/testing/child_process.hpp"

namespace kitsunet::p2p::pubsub::testing {

/// One of our nodes; its subscriptions collect what they receive.
struct OurNode {
    OurNode(boost::asio::io_context& io, PubSubConfig config);
    Host host;
    PubSub pubsub;
    std::map<TopicId, std::vector<Delivery>> received;
    std::deque<Subscription> subscriptions;  // a deque: collectors hold references

    /// Our listen address with /p2p.
    Multiaddr addr() const;
    /// How many times a message with this author and data arrived.
    std::size_t count(const TopicId& topic, std::string_view data) const;
};

/// A js-libp2p peer: its id, address and the messages it reported.
struct JsPeer {
    JsPeer(std::vector<std::string> argv);
    kitsunet::testing::ChildProcess process;
    std::string peer_id;
    std::string addr;
    std::vector<boost::json::value> messages;  // "message" events
    std::vector<boost::json::value> events;    // everything else since the last take()
    /// Reads what the peer printed so far (never blocks).
    void poll();
    void send(const boost::json::value& command);
    std::size_t count(const TopicId& topic, std::string_view data) const;
};

class Network {
  public:
    Network();
    ~Network();

    /// Adds one of our nodes (started, listening on 127.0.0.1).
    OurNode& add_ours(PubSubConfig config = {});
    /// Adds a js peer (`router`: gossipsub or floodsub), or returns nullptr when test/js has no
    /// node_modules. Waits until it is ready.
    JsPeer* add_js(const std::string& router, std::vector<std::string> extra_args = {});

    /// Adds `count` of our nodes connected in a line (each dials the next), all subscribed to `topic`.
    std::vector<OurNode*> add_subscribed_line(std::size_t count, const PubSubConfig& config,
                                              const TopicId& topic);

    void subscribe(OurNode& node, const TopicId& topic);
    void subscribe(JsPeer& peer, const TopicId& topic);
    /// Connections: ours dial with the host; js peers with a "dial" command.
    void connect(OurNode& from, OurNode& to);
    void connect(OurNode& from, JsPeer& to);
    void connect(JsPeer& from, OurNode& to);
    void connect(JsPeer& from, JsPeer& to);
    /// Runs until `done()` or `timeout`; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    void run_for(std::chrono::milliseconds d);
    /// Runs a coroutine to its end.
    void run(Task<void> task, std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// A js peer's answer to {"cmd":"info","topic":topic}.
    boost::json::object info(JsPeer& peer, const TopicId& topic);

    boost::asio::io_context io;
    std::vector<std::unique_ptr<OurNode>> ours;
    std::vector<std::unique_ptr<JsPeer>> js;

  private:
    TaskGroup tasks_;
};

}  // namespace kitsunet::p2p::pubsub::testing
