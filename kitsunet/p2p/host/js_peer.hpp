#pragma once
/// Test support: a js-libp2p peer (test/js/p2p_peer.mjs) in a child process, driven by JSON
/// commands on its stdin; see the script for the commands. Test-only.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/testing/child_process.hpp"

namespace kitsunet::p2p::testing {

class JsPeer {
  public:
    /// Starts the peer and waits for it to be ready. Throws std::runtime_error on failure.
    explicit JsPeer(std::vector<std::string> args = {});

    /// Whether test/js/node_modules is installed (else tests skip).
    static bool available();

    const PeerId& id() const { return *id_; }
    /// Its listen address with /p2p.
    const Multiaddr& addr() const { return *addr_; }

    /// Sends `command` and returns the first answer whose "event" is `event` (or "error", which
    /// throws std::runtime_error with the js error).
    boost::json::object command(const boost::json::object& command, const std::string& event,
                                std::chrono::seconds timeout = std::chrono::seconds(60));

  private:
    std::optional<kitsunet::testing::ChildProcess> process_;
    std::optional<PeerId> id_;
    std::optional<Multiaddr> addr_;
};

}  // namespace kitsunet::p2p::testing
