#include "kitsunet/p2p/host/js_peer.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kitsunet::p2p::testing {

namespace json = boost::json;

bool JsPeer::available() { return kitsunet::testing::node_command("p2p_peer.mjs", {}).has_value(); }

JsPeer::JsPeer(std::vector<std::string> args) {
    auto argv = kitsunet::testing::node_command("p2p_peer.mjs", std::move(args));
    if (!argv) throw std::runtime_error("test/js/node_modules is missing: run scripts/install-deps.sh");
    process_.emplace(std::move(*argv));
    const auto ready =
        json::parse(process_->wait_for_line("\"ready\"", std::chrono::seconds(30))).as_object();
    id_ = PeerId::from_string(std::string(ready.at("id").as_string())).value();
    const auto& addrs = ready.at("addrs").as_array();
    if (!addrs.empty()) addr_ = Multiaddr::from_string(std::string(addrs.at(0).as_string())).value();
}

json::object JsPeer::command(const json::object& command, const std::string& event,
                             std::chrono::seconds timeout) {
    process_->write_line(json::serialize(command));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        const auto line = process_->read_line(std::max(left, std::chrono::milliseconds(0)));
        if (!line)
            throw std::runtime_error("js peer: no '" + event + "' answer (" +
                                     (process_->timed_out() ? "timed out" : "it exited") + ")");
        auto answer = json::parse(*line).as_object();
        const auto& got = answer.at("event").as_string();
        if (got == "error") throw std::runtime_error("js peer: " + json::serialize(answer));
        if (got == event) return answer;
    }
}

}  // namespace kitsunet::p2p::testing
