#include "kitsunet/p2p/pubsub/sim_network.hpp"

#include <algorithm>
#include <array>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p::pubsub {

struct SimNetwork::Node {
    std::unique_ptr<Router> router;  // none for a raw node
    std::vector<std::string> protocols;
    PeerId id;
    MessageAuthor author;
    std::vector<Delivery> deliveries;
    StringMap<std::size_t> delivered;
    std::vector<RawFrame> received;
    std::vector<PeerInfo> dials;
    StringMap<std::pair<Validator, Duration>> validators;
};

SimNetwork::SimNetwork(Options options) : options_(options), rng_state_(options.seed) {
    now_ = TimePoint{} + std::chrono::hours(1);
}

SimNetwork::~SimNetwork() = default;

namespace {

// splitmix64: the seeds of node keys and heartbeat phases.
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::pair<std::size_t, std::size_t> link_of(std::size_t a, std::size_t b) {
    return {std::min(a, b), std::max(a, b)};
}

}  // namespace

std::size_t SimNetwork::add(std::unique_ptr<Router> router) {
    std::vector<std::string> protocols(router->protocols().begin(), router->protocols().end());
    const auto index = add_raw(std::move(protocols));
    nodes_[index]->router = std::move(router);
    const auto phase = next_random(rng_state_) % static_cast<std::uint64_t>(options_.heartbeat.count());
    schedule(Duration(static_cast<Duration::rep>(phase)), [this, index] { heartbeat(index); });
    return index;
}

std::size_t SimNetwork::add_raw(std::vector<std::string> protocols) {
    std::array<std::uint8_t, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); i += 8) {
        const auto r = next_random(rng_state_);
        for (std::size_t k = 0; k < 8; ++k) seed[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
    }
    auto key = PrivateKey::ed25519_from_seed(seed);
    const auto id = PeerId::from_public_key(key.public_key());
    nodes_.push_back(std::make_unique<Node>(
        Node{nullptr, std::move(protocols), id, MessageAuthor(std::move(key)), {}, {}, {}, {}, {}}));
    index_.emplace(id, nodes_.size() - 1);
    return nodes_.size() - 1;
}

bool SimNetwork::connect(std::size_t dialer, std::size_t listener) {
    if (dialer == listener || connected(dialer, listener)) return false;
    const auto& theirs = nodes_[listener]->protocols;
    const auto& ours = nodes_[dialer]->protocols;
    const auto shared =
        std::ranges::find_if(ours, [&](const std::string& p) { return std::ranges::count(theirs, p) > 0; });
    if (shared == ours.end()) return false;
    links_.insert(link_of(dialer, listener));
    if (auto& r = nodes_[dialer]->router) r->add_peer(id(listener), *shared, Direction::kOutbound, now_);
    if (auto& r = nodes_[listener]->router) r->add_peer(id(dialer), *shared, Direction::kInbound, now_);
    drain(dialer);
    drain(listener);
    return true;
}

void SimNetwork::restart(std::size_t node, std::unique_ptr<Router> router) {
    for (std::size_t other = 0; other < nodes_.size(); ++other) disconnect(node, other);
    nodes_[node]->router = std::move(router);
    for (const auto& [topic, validator] : nodes_[node]->validators)
        nodes_[node]->router->set_validated(topic, true);
}

void SimNetwork::disconnect(std::size_t a, std::size_t b) {
    if (links_.erase(link_of(a, b)) == 0) return;
    if (auto& r = nodes_[a]->router) r->remove_peer(id(b), now_);
    if (auto& r = nodes_[b]->router) r->remove_peer(id(a), now_);
    drain(a);
    drain(b);
}

bool SimNetwork::connected(std::size_t a, std::size_t b) const { return links_.contains(link_of(a, b)); }

void SimNetwork::schedule(Duration delay, std::function<void()> event) {
    events_.emplace(std::pair{now_ + delay, next_event_++}, std::move(event));
}

void SimNetwork::run_for(Duration d) {
    const auto deadline = now_ + d;
    while (!events_.empty() && events_.begin()->first.first <= deadline) {
        auto node = events_.extract(events_.begin());
        now_ = node.key().first;
        node.mapped()();
    }
    now_ = deadline;
}

bool SimNetwork::run_until(const std::function<bool()>& done, Duration limit) {
    const auto deadline = now_ + limit;
    while (!done()) {
        if (events_.empty() || events_.begin()->first.first > deadline) {
            now_ = deadline;
            return done();
        }
        auto node = events_.extract(events_.begin());
        now_ = node.key().first;
        node.mapped()();
    }
    return true;
}

void SimNetwork::heartbeat(std::size_t node) {
    router(node).heartbeat(now_);
    drain(node);
    schedule(options_.heartbeat, [this, node] { heartbeat(node); });
}

void SimNetwork::drain(std::size_t index) {
    auto& node = *nodes_[index];
    if (!node.router) return;
    for (Outbox out = node.router->take_outbox(); !out.empty(); out = node.router->take_outbox()) {
        for (auto& [peer, rpc] : out.rpcs) {
            const auto to = index_of(peer);
            if (!to || !connected(index, *to)) continue;
            if (tamper_) tamper_(index, *to, rpc);
            if (!rpc.empty()) send(index, *to, rpc);
        }
        for (auto& d : out.deliveries) {
            ++node.delivered[d.id];
            node.deliveries.push_back(std::move(d));
        }
        for (const auto& v : out.validations) {
            const auto& [validate, delay] = node.validators.at(v.message->topic);
            const auto result = validate(*v.message);
            if (delay == Duration{}) {
                node.router->complete_validation(v.ticket, result, now_);
            } else {
                schedule(delay, [this, index, ticket = v.ticket, result] {
                    router(index).complete_validation(ticket, result, now_);
                    drain(index);
                });
            }
        }
        for (const auto& peer : out.disconnect) {
            if (const auto other = index_of(peer)) disconnect(index, *other);
        }
        node.dials.insert(node.dials.end(), out.dial.begin(), out.dial.end());
    }
}

void SimNetwork::send(std::size_t from, std::size_t to, const Rpc& rpc) { send_frame(from, to, encode(rpc)); }

void SimNetwork::send_frame(std::size_t from, std::size_t to, Bytes frame) {
    schedule(options_.latency,
             [this, from, to, frame = std::move(frame)] { deliver_frame(from, to, frame); });
}

void SimNetwork::deliver_frame(std::size_t from, std::size_t to, const Bytes& frame) {
    if (!connected(from, to)) return;
    ++frames_;
    auto& node = *nodes_[to];
    auto rpc = frame.size() <= options_.max_frame ? decode_rpc(frame, options_.limits)
                                                  : std::unexpected(RpcError::kMalformed);
    if (rpc) message_copies_ += rpc->messages.size();
    if (!node.router) {
        if (rpc) node.received.push_back({from, now_, std::move(*rpc)});
        return;
    }
    if (rpc) {
        node.router->handle_rpc(id(from), *rpc, now_);
    } else {
        node.router->handle_bad_rpc(id(from), now_);
    }
    drain(to);
}

void SimNetwork::join(std::size_t node, const TopicId& topic) {
    router(node).join(topic, now_);
    drain(node);
}

void SimNetwork::leave(std::size_t node, const TopicId& topic) {
    router(node).leave(topic, now_);
    drain(node);
}

Message SimNetwork::make_message(std::size_t node, const TopicId& topic, Bytes data) {
    return nodes_[node]->author.make(topic, std::move(data));
}

std::expected<MessageId, PublishError> SimNetwork::publish(std::size_t node, const TopicId& topic, Bytes data,
                                                           std::optional<std::int32_t> hops) {
    auto m = make_message(node, topic, std::move(data));
    m.hops = hops;
    auto id = router(node).publish(std::make_shared<const Message>(std::move(m)), now_);
    drain(node);
    return id;
}

void SimNetwork::set_validator(std::size_t node, const TopicId& topic, Validator validator, Duration delay) {
    nodes_[node]->validators[topic] = {std::move(validator), delay};
    router(node).set_validated(topic, true);
}

Router& SimNetwork::router(std::size_t node) {
    KITSUNET_ASSERT(nodes_[node]->router);
    return *nodes_[node]->router;
}

const PeerId& SimNetwork::id(std::size_t node) const { return nodes_[node]->id; }

std::optional<std::size_t> SimNetwork::index_of(const PeerId& peer) const {
    const auto it = index_.find(peer);
    return it == index_.end() ? std::nullopt : std::optional(it->second);
}

const std::vector<Delivery>& SimNetwork::deliveries(std::size_t node) const {
    return nodes_[node]->deliveries;
}

std::size_t SimNetwork::delivered(std::size_t node, const MessageId& id) const {
    const auto it = nodes_[node]->delivered.find(id);
    return it == nodes_[node]->delivered.end() ? 0 : it->second;
}

const std::vector<SimNetwork::RawFrame>& SimNetwork::received(std::size_t raw_node) const {
    return nodes_[raw_node]->received;
}

const std::vector<PeerInfo>& SimNetwork::dial_requests(std::size_t node) const { return nodes_[node]->dials; }

}  // namespace kitsunet::p2p::pubsub
